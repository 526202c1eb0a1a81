import { isScalar, visit } from 'yaml';
import { CONTROL_CHARACTER, describeCharacter, isControlCharacter, isSeparator, isSurrogate, SEPARATOR_CHARACTER } from '../../diagnostics/control-characters.js';
import type { ParsedIssue } from '../../issue/parse.js';
import type { Report, FileRule } from '../types.js';

/**
 * No control character (C0 but tab and line feed, DEL, C1) or noncharacter
 * U+FFFE/U+FFFF in the file or produced by a YAML escape: a NUL, a bell or
 * a terminal escape sequence is never text a reader should get, and a feed
 * holding a U+FFFF is not XML. The model holds U+FFFD in their place, so
 * no output ever carries one (see control-characters.ts). Nor a line or
 * paragraph separator (U+2028, U+2029, pasted from a PDF): a browser or a
 * mail client breaks the line there, where the editor saw none. The model
 * keeps those, so the rule says what to write instead.
 *
 * ok:     `title: "Steering \"vectors\""`
 * not ok: `title: "a\0b"` → Unexpected control character U+0000 from the escape `\0`, expected printable text: remove the escape
 * not ok: an ESC byte pasted in the body → Unexpected control character U+001B, expected printable text: delete it (most editors do not show it)
 * not ok: `title: "a\uFFFF"` → Unexpected noncharacter U+FFFF from the escape `\uFFFF`, expected printable text: remove the escape
 * not ok: `title: "X \ud800 y"` → Unexpected lone surrogate U+D800 from the escape `\ud800`, expected printable text: …
 * ok:     `title: "\ud83d\ude00"` (a surrogate pair: 😀)
 * not ok: a U+2028 pasted in a title → Unexpected line separator U+2028, expected a space or a line break: replace it (most editors do not show it)
 * not ok: `title: "a\Lb"` → Unexpected line separator U+2028 from the escape `\L`, expected a space or a line break: replace the escape
 */
const rule: FileRule = {
  id: 'no-control-character',
  severity: 'error',
  scope: 'file',
  sent: 'report',
  doc: 'No control character (NUL, ESC, …), noncharacter (U+FFFF), lone surrogate (`\\ud800`) or line separator (U+2028, U+2029) in the file or from a YAML escape',
  check({ parsed, report }) {
    for (const match of parsed.source.text.matchAll(CONTROL_CHARACTER)) {
      report({
        message: `Unexpected ${describeCharacter(match[0])}, expected printable text: delete it (most editors do not show it)`,
        position: parsed.lines.position(match.index, match.index + 1),
      });
    }
    for (const match of parsed.source.text.matchAll(SEPARATOR_CHARACTER)) {
      report({
        message: `Unexpected ${describeCharacter(match[0])}, expected a space or a line break: replace it (most editors do not show it)`,
        position: parsed.lines.position(match.index, match.index + 1),
      });
    }
    escapedControlCharacters(parsed).forEach(report);
  },
};
export default rule;

/** The YAML escape sequences, one alternative each, so `\\0` (an escaped backslash, then 0) is not `\0`. */
const ESCAPE = /\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[^])/g;
const SINGLE_LETTER: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', v: '\v', f: '\f', r: '\r', e: '\x1b', N: '\x85', L: '\u2028', P: '\u2029' };

/** Escapes in double-quoted scalars that YAML decodes to a control character, a lone surrogate or a separator. */
function escapedControlCharacters(parsed: ParsedIssue): Report[] {
  const reports: Report[] = [];
  if (!parsed.document) return reports;
  const yamlText = parsed.source.text.slice(parsed.frontmatterOffset);
  visit(parsed.document, {
    Scalar(_, node) {
      if (!isScalar(node) || node.type !== 'QUOTE_DOUBLE' || !node.range) return;
      const [start, end] = node.range;
      const escapes = [...yamlText.slice(start, end).matchAll(ESCAPE)].map((match) => {
        const escape = match[1]!;
        return { match, char: escape.length === 1 ? SINGLE_LETTER[escape] : String.fromCodePoint(parseInt(escape.slice(1), 16)) };
      });
      escapes.forEach(({ match, char }, i) => {
        if (char === undefined) return;
        const lone = isSurrogate(char) && !pairedEscape(escapes, i);
        const separator = isSeparator(char);
        if (!lone && !separator && !isControlCharacter(char)) return;
        const at = parsed.frontmatterOffset + start + match.index;
        const fix = lone ? 'write the character itself, or both halves of its pair (`\\ud83d\\ude00` is 😀)' : separator ? 'replace the escape' : 'remove the escape';
        const expected = separator ? 'a space or a line break' : 'printable text';
        reports.push({
          message: `Unexpected ${describeCharacter(char)} from the escape \`${match[0]}\`, expected ${expected}: ${fix}`,
          position: parsed.lines.position(at, at + match[0].length),
        });
      });
    },
  });
  return reports;
}

/** Whether escape `i` (a surrogate) and the escape written right before or after it make a pair, as YAML joins them. */
function pairedEscape(escapes: readonly { match: RegExpMatchArray; char: string | undefined }[], i: number): boolean {
  const adjacent = (a: number, b: number) => {
    const first = escapes[a];
    const second = escapes[b];
    if (!first?.char || !second?.char) return false;
    return first.match.index! + first.match[0].length === second.match.index && /^[\ud800-\udbff]$/.test(first.char) && /^[\udc00-\udfff]$/.test(second.char);
  };
  return adjacent(i, i + 1) || adjacent(i - 1, i);
}
