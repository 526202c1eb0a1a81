import { codePointName } from './code-point.js';

/**
 * Control characters (C0 but tab and line feed, DEL, C1) are never text: a
 * NUL or an ESC would reach a terminal, a mail header or an HTML page. They
 * come from YAML escapes (`"a\0b"`, `"\e[31m"`) or are pasted in unseen.
 * Nor are the noncharacters U+FFFE and U+FFFF (Unicode 15, §23.7), which
 * XML 1.0's `Char` production (§2.2) excludes: a feed holding one does not
 * parse. They are handled alike, and called control characters here.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\0-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]/;
export const CONTROL_CHARACTER = new RegExp(CONTROL.source, 'g');

export function isControlCharacter(char: string): boolean {
  return char.length === 1 && CONTROL.test(char);
}

/** What a control character becomes in the model: visible, and never sent as such. */
const REPLACEMENT_CHARACTER = '\ufffd';

/**
 * A terminal escape sequence as a whole: CSI (`ESC [ 2 J`), OSC up to its
 * BEL or ST (`ESC ] 8 ; ; url BEL`, a hyperlink), or ESC and one character.
 * Its parameters are no text either: a hidden link target must not show.
 */
// eslint-disable-next-line no-control-regex -- matching escape sequences is the point
const ESCAPE_SEQUENCE = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x9b[0-?]*[ -/]*[@-~]|\x1b[@-_]/g;

/**
 * `text` with every terminal escape sequence and every other control
 * character replaced by U+FFFD, one per character: the length stays, so the
 * offsets of everything after it (and the lint positions) do too.
 */
export function replaceControlCharacters(text: string): string {
  const whole = LONE_SURROGATE.test(text) ? text.replace(LONE_SURROGATES, REPLACEMENT_CHARACTER) : text;
  // Every escape sequence starts with a control character (ESC or CSI): most texts have neither.
  if (!CONTROL.test(whole)) return whole;
  return whole.replace(ESCAPE_SEQUENCE, (sequence) => REPLACEMENT_CHARACTER.repeat(sequence.length)).replace(CONTROL_CHARACTER, REPLACEMENT_CHARACTER);
}

/**
 * A surrogate code unit that is not half of a pair: no character at all.
 * Only a YAML escape makes one (`"\ud800"`: a file is read as UTF-8, which
 * cannot hold one); UTF-8 output writes it as U+FFFD, and the model holds
 * U+FFFD already, so widths and underlines count what a reader sees.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** Whether `text` holds a lone surrogate (`LONE_SURROGATE`): it is no well-formed text, and no UTF-8 can hold it. */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/**
 * The line and paragraph separators U+2028 and U+2029 (Unicode 15, §5.8):
 * text copied from a PDF carries them where its lines ended. They are not
 * control characters and the model keeps them, but no editor shows them as
 * what a reader gets: UAX #14 makes each a mandatory line break, so a
 * browser or a mail client breaks a title or a sentence there, and a
 * plaintext line holding one wraps where nobody chose. Lint reports them
 * (`no-control-character`).
 */
const SEPARATOR = /[\u2028\u2029]/;
export const SEPARATOR_CHARACTER = new RegExp(SEPARATOR.source, 'g');

export function isSeparator(char: string): boolean {
  return char.length === 1 && SEPARATOR.test(char);
}

/** How a message names one of these characters: `control character U+001B`, `noncharacter U+FFFF`, `lone surrogate U+D800`, `line separator U+2028`. */
export function describeCharacter(char: string): string {
  const kind =
    char === '\u2028' ? 'line separator' : char === '\u2029' ? 'paragraph separator' : char >= '\ufffe' ? 'noncharacter' : isSurrogate(char) ? 'lone surrogate' : 'control character';
  return `${kind} ${codePointName(char)}`;
}

/** A UTF-16 surrogate code unit (U+D800–U+DFFF), half of a pair or alone. */
export function isSurrogate(char: string): boolean {
  return char.length === 1 && char >= '\ud800' && char <= '\udfff';
}
