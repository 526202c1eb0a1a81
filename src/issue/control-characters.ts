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
  // Every escape sequence starts with a control character (ESC or CSI): most texts have neither.
  if (!CONTROL.test(text)) return text;
  return text.replace(ESCAPE_SEQUENCE, (sequence) => REPLACEMENT_CHARACTER.repeat(sequence.length)).replace(CONTROL_CHARACTER, REPLACEMENT_CHARACTER);
}

/** `U+001B` */
function codePointName(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** How a message names one of these characters: `control character U+001B`, `noncharacter U+FFFF`. */
export function describeCharacter(char: string): string {
  return `${char >= '\ufffe' ? 'noncharacter' : 'control character'} ${codePointName(char)}`;
}
