import { SUBSCRIBER_STATUSES, SUPPRESSED_STATUSES, type SubscriberStatus } from './model.js';
import { csvTimeProblem, parseCsvTime, type RowTimes } from './csv-times.js';
import { BARE_NAME_HEADERS, FIRST_NAME_HEADERS, FULL_NAME_HEADERS, LAST_NAME_HEADERS, nameColumns, SURNAME_PREFIX_HEADERS, type NameColumns } from './csv-name.js';

/**
 * The columns of a subscriber CSV paperboy reads, by their header, in the
 * shapes the newsletter tools export (header cells compared as
 * `normalizeHeader` writes them: lower case, accents left out, `_` as a
 * space):
 * - the address: `email` (paperboy, listmonk, Substack), `Email Address`
 *   (Mailchimp), `email_address` (Buttondown), `e-mail`, and its names in
 *   other languages (`ADDRESS_HEADERS`);
 * - the name: `name` (paperboy, listmonk, Substack), or `First Name` and
 *   `Last Name` (Mailchimp; `FNAME`, `LNAME` its merge tags), joined with a
 *   space, for a row whose `name` is empty or missing, and their names in
 *   other languages, and a Dutch list's tussenvoegsel between them
 *   (csv-name.ts `FULL_NAME_HEADERS`, `FIRST_NAME_HEADERS`,
 *   `LAST_NAME_HEADERS`, `BARE_NAME_HEADERS`, `SURNAME_PREFIX_HEADERS`);
 * - the status: `status`, paperboy's own (an export read back) or
 *   listmonk's, Buttondown's `type`, and Mailchimp's `UNSUB_TIME` and `CLEAN_TIME`, which its
 *   exports of unsubscribed and cleaned (bounced) members fill in;
 * - whether the tool mailed the reader (`MAILED_FLAGS`): Ghost's
 *   `subscribed_to_emails`, Substack's `email_disabled`;
 * - the consent record's times (`TIME_HEADERS`).
 *
 * Where the names in other languages come from: Mailchimp names an
 * audience's default fields in the language of the account that made it,
 * and exports them so (German `E-Mail-Adresse`, `Vorname`, `Nachname`;
 * French `Adresse e-mail`, `Prénom`, `Nom`; Spanish `Dirección de correo
 * electrónico`, `Nombre`, `Apellido`; Italian `Indirizzo email`, `Nome`,
 * `Cognome`; Portuguese `Endereço de e-mail`, `Nome`, `Sobrenome`). Brevo
 * (Sendinblue) exports a contact's attributes by their names, `EMAIL` and,
 * in an account made in French, `PRENOM` and `NOM`. MailerLite's default
 * fields are `email`, `name` (the first name) and `last_name`, in every
 * language; Substack, Buttondown and listmonk write English headers in
 * every account. The others are the usual words of each language for the
 * column (German, French, Spanish, Italian, Portuguese, Dutch), as a list
 * kept in a spreadsheet, or exported by another tool, heads it.
 */
const ADDRESS_HEADERS = [
  ...['email', 'e-mail', 'Email Address', 'e-mail address', 'mail'],
  // German
  ...['E-Mail-Adresse', 'Email-Adresse', 'E-Mail Adresse', 'Emailadresse', 'Mailadresse'],
  // French
  ...['Adresse e-mail', 'Adresse email', 'Adresse mail', 'Adresse électronique', 'Adresse courriel', 'Courriel'],
  // Spanish
  ...['Dirección de correo electrónico', 'Dirección de correo', 'Dirección de email', 'Correo electrónico', 'Correo'],
  // Italian
  ...['Indirizzo email', 'Indirizzo e-mail', 'Indirizzo di posta elettronica', 'Posta elettronica'],
  // Portuguese
  ...['Endereço de e-mail', 'Endereço de email', 'Endereço eletrónico', 'Endereço eletrônico', 'Correio eletrónico', 'Correio eletrônico'],
  // Dutch
  ...['E-mailadres', 'Emailadres', 'E-mail adres', 'Mailadres'],
];
/** The set of `headers` as compared (`normalizeHeader`). */
function compared(headers: readonly string[]): ReadonlySet<string> {
  return new Set(headers.map(normalizeHeader));
}

export const EMAIL_HEADERS: ReadonlySet<string> = compared(ADDRESS_HEADERS);
const NAME_HEADERS = compared(FULL_NAME_HEADERS);
const BARE_NAMES = compared(BARE_NAME_HEADERS);
const FIRST_NAMES = compared(FIRST_NAME_HEADERS);
const LAST_NAMES = compared(LAST_NAME_HEADERS);
const SURNAME_PREFIXES = compared(SURNAME_PREFIX_HEADERS);

/** The headers of the address's column paperboy reads, as a message names them (`email`, `Email Address`, `E-Mail-Adresse`, …). */
export function addressHeaders(): readonly string[] {
  return ADDRESS_HEADERS;
}

/** A column whose cell, when filled in, gives the row a status: Mailchimp's time of unsubscribing, of cleaning (a hard bounce). */
const MARK_HEADERS: ReadonlyMap<string, SubscriberStatus> = new Map([
  ['unsub time', 'unsubscribed'],
  ['clean time', 'bounced'],
]);

/**
 * Columns whose yes or no says whether the tool the file came from mailed
 * the reader, by the value that means it did: Ghost's members export
 * (`subscribed_to_emails`, `true` or `false`: TryGhost/Ghost
 * ghost/members-csv/lib/unparse.js) and Substack's (`email_disabled`,
 * `true` for a reader who turned its emails off). A reader it did not
 * mail is imported unsubscribed: a file never makes anyone active who was
 * not (a Ghost member who had turned emails off was mailed here).
 */
const MAILED_FLAGS: ReadonlyMap<string, boolean> = new Map([
  ['subscribed to emails', true],
  ['email disabled', false],
]);

/** The cells a yes-or-no column holds, compared in lower case: what Ghost and Substack write, and the usual spellings of spreadsheets. */
const YES_NO: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['false', false],
  ['yes', true],
  ['no', false],
  ['1', true],
  ['0', false],
]);

/**
 * Columns of the consent record's times, by the time each gives:
 * paperboy's own export (`consent_at`, `confirmed_at`, `unsubscribed_at`),
 * Mailchimp's (`OPTIN_TIME`, `CONFIRM_TIME`, `UNSUB_TIME`), listmonk's
 * (`created_at`) and Buttondown's (`creation_date`, `unsubscription_date`). listmonk keeps no time of leaving: its `updated_at`, the
 * row's last change, is at or after it, so it is read as the time of
 * unsubscribing of a row listmonk no longer mails (`LEFT_AFTER_HEADERS`),
 * nearer than the import's own time. Mailchimp's `CLEAN_TIME` (a bounce)
 * gives none: the store keeps no time of a bounce.
 */
const TIME_HEADERS: ReadonlyMap<TimeField, ReadonlySet<string>> = new Map([
  ['consentAt', new Set(['consent at', 'optin time', 'created at', 'creation date'])],
  ['confirmedAt', new Set(['confirmed at', 'confirm time'])],
  ['unsubscribedAt', new Set(['unsubscribed at', 'unsub time', 'unsubscription date'])],
]);
const LEFT_AFTER_HEADERS = new Set(['updated at']);

type TimeField = keyof RowTimes;

/** A time column: where it is (0-based) and its header as written, for a message about one of its cells. */
interface TimeColumn {
  column: number;
  header: string;
}

/**
 * listmonk's statuses (`enabled`, `disabled`, `blocklisted`) and
 * Buttondown's subscriber types (its `type` column: the `SubscriberType`
 * enum of its API, buttondown/openapi enums.json, as of 2026 and before)
 * in paperboy's terms: a file never makes anyone active who was not, so a
 * subscriber the tool does not mail (listmonk's disabled and blocklisted,
 * Buttondown's `unsubscribed`, `removed` by the newsletter, `blocked` by
 * its sign-up filter, `spammy`, the older name of that) is not mailed here
 * either, one whose mailbox is gone (Buttondown's `undeliverable`: a hard
 * bounce or a provider's suppression) is `bounced`, its `complained` is
 * paperboy's own status, and one who has yet to confirm (Buttondown's
 * `unactivated`: "subscribers who have not yet confirmed their email or
 * opted in") stays pending, as paperboy's own `pending` does. Buttondown's
 * other types are readers it mails (paid or not, `churned` premium
 * readers back on the free issues, `upcoming` ones whose paid plan starts
 * later).
 */
const LISTMONK_STATUSES: ReadonlyMap<string, SubscriberStatus | undefined> = new Map([
  ['enabled', undefined],
  ['disabled', 'unsubscribed'],
  ['blocklisted', 'unsubscribed'],
]);
const BUTTONDOWN_TYPES: ReadonlyMap<string, SubscriberStatus | undefined> = new Map([
  ...['regular', 'premium', 'trialed', 'unpaid', 'gifted', 'churning', 'churned', 'upcoming', 'paused', 'past_due'].map((type) => [type, undefined] as const),
  ['unactivated', 'pending'],
  ['unsubscribed', 'unsubscribed'],
  ['removed', 'unsubscribed'],
  ['blocked', 'unsubscribed'],
  ['spammy', 'unsubscribed'],
  ['undeliverable', 'bounced'],
  ['complained', 'complained'],
]);
const FOREIGN_STATUSES: ReadonlyMap<string, SubscriberStatus | undefined> = new Map([...LISTMONK_STATUSES, ...BUTTONDOWN_TYPES]);

/** Buttondown's header of the address column (`email_address`, as normalizeHeader writes it): its file's `type` column is the status. */
const BUTTONDOWN_EMAIL_HEADER = 'email address';
/** Buttondown's older name of its `type` column (`subscriber_type`, as normalizeHeader writes it), beside an `email` column. */
const BUTTONDOWN_OLDER_TYPE_HEADER = 'subscriber type';

/** Where each column paperboy reads is (0-based), and the header cells of those it does not. */
export interface Columns extends NameColumns {
  email: number;
  status: number | undefined;
  /** Whether the status column is Buttondown's `type` (beside its `email_address`) or `subscriber_type`: its values are said as Buttondown's types. */
  buttondownType: boolean;
  marks: readonly { column: number; status: SubscriberStatus }[];
  /** The `MAILED_FLAGS` columns: where each is, its header as written, and the value that says the reader was mailed. */
  flags: readonly { column: number; header: string; mailedWhen: boolean }[];
  times: Partial<Record<TimeField, TimeColumn>>;
  /** A column whose time is the unsubscribing's of a row the `status` cell suppresses, when no column gives that time (listmonk's `updated_at`). */
  leftAfter: TimeColumn | undefined;
  /** Header cells of the columns no value is read from, as written: said once, so that a name left empty is not a surprise. */
  ignored: readonly string[];
}

/** A file without a header: the address, then the name. */
export const HEADERLESS: Columns = { email: 0, name: 1, firstName: undefined, surnamePrefix: undefined, lastName: undefined, status: undefined, buttondownType: false, marks: [], flags: [], times: {}, leftAfter: undefined, ignored: [] };

/**
 * A header cell as compared: trimmed, unquoted, lower case, without
 * accents (`Prénom` as `prenom`: Brevo's `PRENOM`, a spreadsheet's
 * `Correo electronico` typed without one), `_` and runs of spaces as one
 * space.
 */
export function normalizeHeader(cell: string): string {
  return cell
    .trim()
    .replace(/^"|"$/g, '')
    .trim()
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/[_\s]+/g, ' ');
}

/**
 * paperboy's own export's `consent_source` (csv-export.ts), which an import
 * replaces by design: a row's consent then comes from the file it was
 * imported from (`import:FILE`, docs/commands.md). Not said to be ignored:
 * re-importing an export is no mistake to warn of.
 */
const REPLACED_HEADER = 'consent source';

/** The columns of a header row, or undefined when it names no address column (no header, or a file that is no subscriber list). */
export function headerColumns(fields: readonly string[]): Columns | undefined {
  const names = fields.map(normalizeHeader);
  const find = (headers: ReadonlySet<string>) => {
    const index = names.findIndex((name) => headers.has(name));
    return index === -1 ? undefined : index;
  };
  const email = find(EMAIL_HEADERS);
  if (email === undefined) return undefined;
  // `type` is too common a header to read as a status in any file: only beside Buttondown's address column.
  // `subscriber_type` is Buttondown's older name for it (its API's field before `type`, beside an `email` column):
  // a name no other export paperboy reads writes, so it is read in any file (a value none of Buttondown's types is a bad row).
  const statusColumn = find(new Set(['status']));
  const status = statusColumn ?? (names[email] === BUTTONDOWN_EMAIL_HEADER ? find(new Set(['type'])) : undefined) ?? find(new Set([BUTTONDOWN_OLDER_TYPE_HEADER]));
  const columns = { email, status, ...nameColumns(find(NAME_HEADERS), find(BARE_NAMES), find(FIRST_NAMES), find(LAST_NAMES), find(SURNAME_PREFIXES)) };
  const marks = names.flatMap((name, column) => (MARK_HEADERS.has(name) ? [{ column, status: MARK_HEADERS.get(name)! }] : []));
  const flags = names.flatMap((name, column) => (MAILED_FLAGS.has(name) ? [{ column, header: fields[column]!.trim(), mailedWhen: MAILED_FLAGS.get(name)! }] : []));
  const timeColumn = (headers: ReadonlySet<string>): TimeColumn | undefined => {
    const column = find(headers);
    return column === undefined ? undefined : { column, header: fields[column]!.trim() };
  };
  const times: Columns['times'] = {};
  for (const [field, headers] of TIME_HEADERS) {
    const found = timeColumn(headers);
    if (found) times[field] = found;
  }
  const leftAfter = timeColumn(LEFT_AFTER_HEADERS);
  const read = new Set([...Object.values(columns), ...[...marks, ...flags].map((mark) => mark.column), ...[...Object.values(times), leftAfter].map((time) => time?.column)]);
  const ignored = fields.flatMap((field, column) => (read.has(column) || field.trim() === '' || names[column] === REPLACED_HEADER ? [] : [field.trim()]));
  return { ...columns, buttondownType: status !== undefined && status !== statusColumn, marks, flags, times, leftAfter, ignored };
}

/** Every header cell paperboy reads a value from (but Buttondown's `type`, read only beside its address column), normalized. */
const READ_HEADERS: ReadonlySet<string> = new Set([
  BUTTONDOWN_OLDER_TYPE_HEADER,
  ...NAME_HEADERS,
  ...BARE_NAMES,
  ...FIRST_NAMES,
  ...LAST_NAMES,
  ...SURNAME_PREFIXES,
  'status',
  ...MARK_HEADERS.keys(),
  ...MAILED_FLAGS.keys(),
  ...[...TIME_HEADERS.values()].flatMap((headers) => [...headers]),
  ...LEFT_AFTER_HEADERS,
]);

/**
 * The first column of a header whose cell names what an earlier one's
 * already does, paperboy reading only the earlier (two `email` columns,
 * `email` and `E-mail Address`, two `name`s): `[earlier, later]`, 0-based;
 * undefined when none does. A file so is ambiguous (which of the two is the
 * reader's address?) and the later column's values would be lost unsaid.
 * Columns paperboy does not read may repeat: they are said once, ignored.
 */
export function repeatedColumn(fields: readonly string[]): [number, number] | undefined {
  const seen = new Map<string, number>();
  for (const [column, cell] of fields.entries()) {
    const name = normalizeHeader(cell);
    const reads = EMAIL_HEADERS.has(name) ? 'email' : READ_HEADERS.has(name) ? name : undefined;
    if (reads === undefined) continue;
    const earlier = seen.get(reads);
    if (earlier !== undefined) return [earlier, column];
    seen.set(reads, column);
  }
  return undefined;
}

/**
 * A row's status as the file gives it: only what keeps a reader from
 * being mailed is taken: a suppression (unsubscribed, bounced,
 * complained) from the `status` cell, a filled-in mark column, or a flag
 * saying the reader was not mailed (unsubscribed); else `pending` from a
 * status cell saying the reader never confirmed (paperboy's own export of
 * a reader who never followed the confirmation link, Buttondown's
 * `unactivated`), which an import must not make active: that is what
 * double opt-in keeps from being mailed. `problem` for a status cell that
 * is none paperboy, listmonk or Buttondown writes, or a flag that is no
 * yes or no.
 */
export function rowStatus(fields: readonly string[], columns: Columns): { status?: SubscriberStatus; problem?: string; column?: number } {
  const marked = columns.marks.find((mark) => (fields[mark.column] ?? '').trim() !== '')?.status;
  let unmailed: SubscriberStatus | undefined;
  for (const flag of columns.flags) {
    const cell = fields[flag.column]?.trim() ?? '';
    if (cell === '') continue;
    const value = YES_NO.get(cell.toLowerCase());
    if (value === undefined) return { problem: `Unexpected \`${flag.header}\` \`${cell}\`, expected true or false (or empty)`, column: flag.column };
    if (value !== flag.mailedWhen) unmailed = 'unsubscribed';
  }
  const written = columns.status === undefined ? '' : (fields[columns.status]?.trim() ?? '');
  const lower = written.toLowerCase();
  let status: SubscriberStatus | undefined;
  if ((SUBSCRIBER_STATUSES as readonly string[]).includes(written)) status = written as SubscriberStatus;
  else if (FOREIGN_STATUSES.has(lower)) status = FOREIGN_STATUSES.get(lower);
  else if (written !== '') return { problem: unexpectedStatus(written, columns.buttondownType), column: columns.status };
  const suppressed = status !== undefined && SUPPRESSED_STATUSES.has(status) ? status : undefined;
  return { status: suppressed ?? marked ?? unmailed ?? (status === 'pending' ? 'pending' : undefined) };
}

/** The message for a status cell paperboy does not read: in Buttondown's `type` column, its types; else paperboy's statuses and listmonk's. */
function unexpectedStatus(written: string, buttondownType: boolean): string {
  if (buttondownType) return `Unexpected type \`${written}\`, expected one of Buttondown's types ${[...BUTTONDOWN_TYPES.keys()].join(', ')} (or empty)`;
  return `Unexpected status \`${written}\`, expected one of ${SUBSCRIBER_STATUSES.join(', ')}, listmonk's ${[...LISTMONK_STATUSES.keys()].join(', ')} (or empty)`;
}

/**
 * A row's times as the file gives them (`status`: the suppression the row
 * has, `rowStatus`), and a message for each filled-in cell that is no time
 * `parseCsvTime` reads (with that cell's 0-based `column`): the row is imported all the same, the cell read as
 * empty, and the message says what a new address's record then holds in
 * its place (import.ts `consentRecord`): a confirmation is never put after
 * the import when the row says when the reader consented, nor a time given
 * a suppression that keeps none.
 */
export function rowTimes(fields: readonly string[], columns: Columns, status: SubscriberStatus | undefined): { times: RowTimes; problems: { column: number; message: string }[] } {
  const times: RowTimes = {};
  const unread: { field: TimeField; time: TimeColumn; cell: string }[] = [];
  const read = (field: TimeField, time: TimeColumn | undefined): string | undefined => {
    const cell = time === undefined ? '' : (fields[time.column]?.trim() ?? '');
    if (cell === '') return undefined;
    const parsed = parseCsvTime(cell);
    if (parsed === undefined) unread.push({ field, time: time!, cell });
    return parsed;
  };
  for (const field of TIME_HEADERS.keys()) {
    const time = read(field, columns.times[field]);
    if (time !== undefined) times[field] = time;
  }
  if (times.unsubscribedAt === undefined && status === 'unsubscribed') {
    const left = read('unsubscribedAt', columns.times.unsubscribedAt === undefined ? columns.leftAfter : undefined);
    if (left !== undefined) times.unsubscribedAt = left;
  }
  const problems = unread.map(({ field, time, cell }) => ({ column: time.column, message: `\`${time.header}\` \`${cell}\` ${csvTimeProblem(cell)}, ${standIn(field, times, columns, status)}` }));
  return { times, problems };
}

/**
 * What a new address's record holds for a time whose cell could not be
 * read, as the cell were empty: the consent time when the row gives one
 * for the confirmation of an active address (a confirmation is at or
 * after consent, and the import's time would date it after the export it
 * came from), none for a time the row's status keeps none of, else the
 * import's time.
 */
function standIn(field: TimeField, times: RowTimes, columns: Columns, status: SubscriberStatus | undefined): string {
  const now = 'stored as the time of this import';
  if (field === 'confirmedAt') {
    if (status !== undefined) return `no time of confirming stored (the row is ${status})`;
    return times.consentAt === undefined ? now : `stored as the consent time (\`${columns.times.consentAt!.header}\`), as for a row without one`;
  }
  if (field === 'unsubscribedAt' && status !== 'unsubscribed') return status === undefined ? 'no time of unsubscribing stored (the row is not unsubscribed)' : `no time of unsubscribing stored (the row is ${status})`;
  return now;
}
