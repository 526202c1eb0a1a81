/**
 * The language a newsletter is written in, as the BCP 47 tag (RFC 5646)
 * its pages, emails and feeds declare: `<html lang>`, `Content-Language`,
 * RSS `<language>`, Atom `xml:lang`, JSON Feed `language`. Screen readers
 * pick their voice by it, browsers offer translation from it, and a
 * right-to-left language lays out its pages right to left.
 */

/** What a newsletter declares when its config names no language: what every page said before the key existed. */
export const DEFAULT_LANGUAGE = 'en';

/**
 * The language of paperboy's own sentences (the server's pages, the
 * confirmation email, the dev preview), whatever the newsletter's: marked
 * where the newsletter's language is another (`languageApart`).
 */
export const PAPERBOY_WORDS_LANGUAGE = 'en';

/** Which way a language's lines run: HTML's `dir`. */
export type TextDirection = 'ltr' | 'rtl';

const EXAMPLES = 'such as `en`, `de`, `de-AT`, `pt-BR`, `ja`, `he` or `ar`';

/**
 * `value` as the canonical BCP 47 tag ICU writes (`DE-at` → `de-AT`, the
 * deprecated `iw` → `he`), through `Intl.getCanonicalLocales`, which also
 * judges whether it is a tag at all. Refused besides: a language subtag of
 * four to eight letters (well-formed, but no language has one: `english`,
 * `deutsch` are names, not codes) and `und` (undetermined), which would
 * tell a screen reader nothing.
 *
 * @returns the tag, or the whole message of why not ("Unexpected `english` for `language`, expected …")
 */
export function canonicalLanguage(value: string): { tag: string } | { problem: string } {
  const shown = `\`${value}\``;
  const tag = canonicalTag(value);
  if (tag === undefined) {
    // `en_US`, as POSIX locales (LANG=en_US.UTF-8) write it.
    const dashed = value.includes('_') ? canonicalTag(value.replaceAll('_', '-')) : undefined;
    const fix = dashed === undefined ? '' : `: write \`${dashed}\``;
    return { problem: `Unexpected ${shown} for \`language\`, expected a BCP 47 language tag ${EXAMPLES}${fix}` };
  }
  // V8 reads `und` (and `und-Arab`) as no language at all: undefined.
  const language = new Intl.Locale(tag).language as string | undefined;
  if (language === undefined || language === 'und') return { problem: `Unexpected ${shown} (undetermined) for \`language\`, expected the language the newsletter is written in, ${EXAMPLES}` };
  if (language.length > 3) return { problem: `Unexpected ${shown} for \`language\`, expected a language code of two or three letters (ISO 639), not a name: a BCP 47 tag ${EXAMPLES}` };
  return { tag };
}

/**
 * `tag` when text in it needs marking inside a document in `language` (a
 * `lang` attribute): when the two name other languages (`en` inside `de`;
 * `en` inside `en-GB` needs none). Undefined when it does not.
 */
export function languageApart(tag: string, language: string): string | undefined {
  return new Intl.Locale(tag).language === new Intl.Locale(language).language ? undefined : tag;
}

function canonicalTag(value: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(value)[0];
  } catch {
    return undefined;
  }
}

/**
 * Which way `tag`'s text runs: `rtl` when ICU's locale data says so
 * (`Intl.Locale#textInfo`, Node 20: Hebrew, Arabic, Persian, Urdu,
 * Yiddish, Pashto…) or when the tag's script, written or most likely
 * (`ku-Arab`; `dv` → Thaana), is one written right to left
 * (`RIGHT_TO_LEFT_SCRIPTS`): ICU answers from a language's own data
 * (Latin for Kurdish) and has none for some (Dhivehi, Samaritan, Hanifi
 * Rohingya read `ltr` there). `tag` is canonical (`canonicalLanguage`).
 * Kept per tag: ICU takes ~50 µs to answer, and every page of a build asks
 * (0.7 s for the 14,000 pages of the bench corpus).
 */
export function textDirection(tag: string): TextDirection {
  let direction = directions.get(tag);
  if (direction === undefined) {
    const locale = new Intl.Locale(tag);
    const script = locale.maximize().script;
    direction = directionOf(locale) === 'rtl' || (script !== undefined && RIGHT_TO_LEFT_SCRIPTS.has(script)) ? 'rtl' : 'ltr';
    directions.set(tag, direction);
  }
  return direction;
}

/**
 * The scripts (ISO 15924 codes) whose letters Unicode writes right to left:
 * those whose characters have Bidi_Class R or AL (UAX #9 § 3.2; the
 * Unicode Character Database's DerivedBidiClass.txt, Unicode 16), as
 * CLDR's scriptMetadata.txt marks them `RTL`. No package of Node 20 holds
 * this (ICU's locale data gives a language's direction, not a script's).
 */
const RIGHT_TO_LEFT_SCRIPTS: ReadonlySet<string> = new Set([
  'Adlm', 'Arab', 'Armi', 'Avst', 'Chrs', 'Cprt', 'Elym', 'Gara', 'Hatr', 'Hebr', 'Hung', 'Khar', 'Lydi', 'Mand', 'Mani', 'Mend', 'Merc', 'Mero',
  'Narb', 'Nbat', 'Nkoo', 'Orkh', 'Ougr', 'Palm', 'Phli', 'Phlp', 'Phnx', 'Prti', 'Rohg', 'Samr', 'Sarb', 'Sogd', 'Sogo', 'Syrc', 'Thaa', 'Yezi',
]);

const directions = new Map<string, TextDirection>();

/** `Intl.Locale#textInfo` (the Intl Locale Info proposal): in Node 20, not declared by TypeScript's lib. */
function directionOf(locale: Intl.Locale): TextDirection {
  const info = (locale as Intl.Locale & { textInfo?: { direction?: string } }).textInfo;
  return info?.direction === 'rtl' ? 'rtl' : 'ltr';
}
