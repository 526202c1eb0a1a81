import { isScalar, visit } from 'yaml';
import { CONTROL_CHARACTER, describeCharacter, isControlCharacter } from '../../issue/control-characters.js';
import type { ParsedIssue } from '../../issue/parse.js';
import type { Report, FileRule } from '../types.js';

/**
 * No control character (C0 but tab and line feed, DEL, C1) or noncharacter
 * U+FFFE/U+FFFF in the file or produced by a YAML escape: a NUL, a bell or
 * a terminal escape sequence is never text a reader should get, and a feed
 * holding a U+FFFF is not XML. The model holds U+FFFD in their place, so
 * no output ever carries one (see control-characters.ts).
 *
 * ok:     `title: "Steering \"vectors\""`
 * not ok: `title: "a\0b"` → Unexpected control character U+0000 from the escape `\0`, expected printable text: remove the escape
 * not ok: an ESC byte pasted in the body → Unexpected control character U+001B, expected printable text: delete it (most editors do not show it)
 * not ok: `title: "a\uFFFF"` → Unexpected noncharacter U+FFFF from the escape `\uFFFF`, expected printable text: remove the escape
 */
const rule: FileRule = {
  id: 'no-control-character',
  severity: 'error',
  scope: 'file',
  doc: 'No control character (NUL, ESC, …) or noncharacter (U+FFFF) in the file or from a YAML escape',
  check({ parsed, report }) {
    for (const match of parsed.source.text.matchAll(CONTROL_CHARACTER)) {
      report({
        message: `Unexpected ${describeCharacter(match[0])}, expected printable text: delete it (most editors do not show it)`,
        position: parsed.lines.position(match.index, match.index + 1),
      });
    }
    escapedControlCharacters(parsed).forEach(report);
  },
};
export default rule;

/** The YAML escape sequences, one alternative each, so `\\0` (an escaped backslash, then 0) is not `\0`. */
const ESCAPE = /\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[^])/g;
const SINGLE_LETTER: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', v: '\v', f: '\f', r: '\r', e: '\x1b', N: '\x85' };

/** Escapes in double-quoted scalars that YAML decodes to a control character. */
function escapedControlCharacters(parsed: ParsedIssue): Report[] {
  const reports: Report[] = [];
  if (!parsed.document) return reports;
  const yamlText = parsed.source.text.slice(parsed.frontmatterOffset);
  visit(parsed.document, {
    Scalar(_, node) {
      if (!isScalar(node) || node.type !== 'QUOTE_DOUBLE' || !node.range) return;
      const [start, end] = node.range;
      for (const match of yamlText.slice(start, end).matchAll(ESCAPE)) {
        const escape = match[1]!;
        const char = escape.length === 1 ? SINGLE_LETTER[escape] : String.fromCodePoint(parseInt(escape.slice(1), 16));
        if (char === undefined || !isControlCharacter(char)) continue;
        const at = parsed.frontmatterOffset + start + match.index;
        reports.push({
          message: `Unexpected ${describeCharacter(char)} from the escape \`${match[0]}\`, expected printable text: remove the escape`,
          position: parsed.lines.position(at, at + match[0].length),
        });
      }
    },
  });
  return reports;
}
