/**
 * The name's columns of a subscriber CSV, by their header (compared as
 * csv-header.ts `normalizeHeader` writes them), and a row's name made of
 * them. Where the names in other languages come from: csv-header.ts.
 */

/** A whole name, in any file. */
export const FULL_NAME_HEADERS = ['full name', 'display name', 'Vollständiger Name', 'Nom complet', 'Nombre completo', 'Nome completo', 'Naam', 'Volledige naam'];
/**
 * A column named as a name alone, which is the whole name in a file
 * without a first or last name's column, and else the part that file
 * lacks: beside a last name's, the first name (Spanish `Nombre`, `Apellido`;
 * Italian and Portuguese `Nome`; MailerLite's `name`, `last_name`); beside
 * a first name's, the last name (German `Vorname`, `Name`; French
 * `Prénom`, `Nom`).
 */
export const BARE_NAME_HEADERS = ['name', 'Nom', 'Nombre', 'Nome'];
export const FIRST_NAME_HEADERS = [
  ...['first name', 'firstname', 'fname', 'given name'],
  ...['Vorname', 'Prénom', 'Primer nombre', 'Primeiro nome', 'Voornaam'],
];
export const LAST_NAME_HEADERS = [
  ...['last name', 'lastname', 'lname', 'surname', 'family name'],
  ...['Nachname', 'Familienname', 'Nom de famille', 'Apellido', 'Apellidos', 'Cognome', 'Sobrenome', 'Apelido', 'Achternaam'],
];
/**
 * The Dutch tussenvoegsel (`van`, `van der`, `de`, `ter`): the part of a
 * family name a Dutch list keeps in a column of its own between the first
 * and the last name's (`Voornaam`, `Tussenvoegsel`, `Achternaam`), so that
 * it sorts by `Berg`; the name is `Jan van der Berg`, and without it that
 * of another family. Its usual headers: `Tussenvoegsel(s)`, and
 * `Voorvoegsel(s)`, the word of the Dutch civil registry (BRP's
 * "voorvoegsel geslachtsnaam") and of accounting and CRM software.
 * Not English `Middle Name` (Outlook's export), a given name a reader may
 * not go by, nor `Prefix` (Google Contacts' `Name Prefix`, vCard's
 * honorific prefix): a title, `Dr.`, written before the first name.
 */
export const SURNAME_PREFIX_HEADERS = ['Tussenvoegsel', 'Tussenvoegsels', 'Tussenvoegsel(s)', 'Voorvoegsel', 'Voorvoegsels', 'Voorvoegsel(s)', 'Tussenvoegsel achternaam', 'Voorvoegsel achternaam'];

/** Where the name's columns are (0-based). */
export interface NameColumns {
  name: number | undefined;
  /** Which part of the name a column named as a name alone gives (`BARE_NAME_HEADERS`), when it gives a part: `firstName`'s or `lastName`'s column is it. */
  bareName?: 'first' | 'last';
  firstName: number | undefined;
  /** The Dutch tussenvoegsel's (`SURNAME_PREFIX_HEADERS`), written before the last name. */
  surnamePrefix: number | undefined;
  lastName: number | undefined;
}

/**
 * The name's columns of a header: its whole name's (`name`), its first
 * and last name's and the tussenvoegsel's, and which of these a column
 * named as a name alone (`bare`: `Name`, `Nom`, `Nombre`) is: the part the
 * header has no other column for (`Vorname`, `Name`: the last name), else
 * the whole name; beside a whole name's column and both parts', none
 * (ignored). The tussenvoegsel's is read only beside a last name's.
 */
export function nameColumns(full: number | undefined, bare: number | undefined, firstName: number | undefined, lastName: number | undefined, prefix: number | undefined): NameColumns {
  // A tussenvoegsel belongs to a last name: without a last name's column it is read from nowhere, and said to be ignored.
  const surnamePrefix = (last: number | undefined) => (last === undefined ? undefined : prefix);
  if (bare !== undefined && firstName !== undefined && lastName === undefined) return { name: full, firstName, surnamePrefix: surnamePrefix(bare), lastName: bare, bareName: 'last' };
  if (bare !== undefined && lastName !== undefined && firstName === undefined) return { name: full, firstName: bare, surnamePrefix: surnamePrefix(lastName), lastName, bareName: 'first' };
  return { name: full ?? bare, firstName, surnamePrefix: surnamePrefix(lastName), lastName };
}

/**
 * A row's name: its `name` cell, or else its first name, tussenvoegsel and
 * last name joined as Dutch writes them (`familyName`: `Jan van der
 * Berg`; `Van der Berg` without a first name) (`unescape`: a cell as an
 * export escaped it, read back). A column named as a name alone read as
 * one part (`NameColumns.bareName`) that holds the other part as a word
 * already holds the whole name (`name` `Ada Lovelace` beside `First Name`
 * `Ada`): it is the name, as written.
 */
export function rowName(fields: readonly string[], columns: NameColumns, unescape: (cell: string) => string): string {
  const cell = (column: number | undefined) => unescape(column === undefined ? '' : (fields[column] ?? ''));
  const name = cell(columns.name);
  if (name.trim() !== '') return name;
  const [first, last] = [cell(columns.firstName).trim(), cell(columns.lastName).trim()];
  if (columns.bareName === 'last' && holdsWord(last, first)) return last;
  if (columns.bareName === 'first' && holdsWord(first, last)) return first;
  return [first, familyName(cell(columns.surnamePrefix).trim(), last, first === '')].filter((part) => part !== '').join(' ');
}

/**
 * A last name with its tussenvoegsel before it (`van der`, `Berg`: `van
 * der Berg`), once: a last name that starts with it already (`van der
 * Berg` in both columns) is as written; without a last name, the
 * tussenvoegsel is left out. `alone`: no first name before it, where the
 * tussenvoegsel starts with a capital (`Van der Berg`), as the Taalunie's
 * rule for Dutch family names has it (lower case after a first name or
 * initials, a capital otherwise); one written with its capital (a Belgian
 * name, `Jan Van den Bossche`) keeps it.
 */
function familyName(prefix: string, last: string, alone: boolean): string {
  // A tussenvoegsel without the name it comes before is no name ("Van").
  if (prefix === '' || last === '' || startsWithWords(last, prefix)) return last;
  const written = alone ? prefix.charAt(0).toLocaleUpperCase('nl') + prefix.slice(1) : prefix;
  return `${written} ${last}`;
}

/** Whether `text` starts with the words of `start` (not empty), in any case. */
function startsWithWords(text: string, start: string): boolean {
  const words = text.toLowerCase().split(/\s+/);
  return start
    .toLowerCase()
    .split(/\s+/)
    .every((word, i) => words[i] === word);
}

/** Whether `text` holds `word` (not empty) as a whole word, in any case. */
function holdsWord(text: string, word: string): boolean {
  if (word === '') return false;
  const words = text.toLowerCase().split(/\s+/);
  return word
    .toLowerCase()
    .split(/\s+/)
    .every((part) => words.includes(part));
}
