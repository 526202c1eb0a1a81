import { parseDocument } from 'yaml';

/**
 * `text` as a YAML scalar that reads back as exactly `text` (one line):
 * double quotes, or single quotes when that avoids escaping a `"` or `\`.
 * Text over several lines reads back folded, as it would unquoted.
 */
export function quoteYamlText(text: string): string {
  if (!/["\\]/.test(text)) return `"${text}"`;
  if (!text.includes("'")) return `'${text}'`;
  return `"${text.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}

/**
 * `key: text`, quoted so that YAML reads it back as exactly `text`: with
 * quoteYamlText, or else in double quotes with YAML's escapes for what
 * needs one (`\n` for a line break the writer's own `\n` made, `\"`),
 * each checked by reading it; undefined when neither reads back.
 */
export function quotedLine(key: string, text: string): string | undefined {
  for (const quoted of quotings(text)) {
    const line = `${key}: ${quoted}`;
    const document = parseDocument(line);
    if (document.errors.length === 0 && (document.toJS() as Record<string, unknown> | null)?.[key] === text) return line;
  }
  return undefined;
}

/**
 * The ways of quoting `text` a suggestion tries, in the order it prefers
 * them: quoteYamlText's, then double quotes with every escape needed. Each
 * is to be checked by reading it where it goes (quotedLine).
 */
export function quotings(text: string): string[] {
  return [quoteYamlText(text), doubleQuoted(text)];
}

/** YAML 1.2 § 5.7's escapes for the characters double-quoted text cannot hold as they are. */
const DOUBLE_QUOTED_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` in double quotes, a `\`, `"` or control character written as its escape (`\x1b` for one without a name). */
function doubleQuoted(text: string): string {
  // eslint-disable-next-line no-control-regex -- the control characters are what this escapes.
  return `"${text.replace(/[\\"\x00-\x1f\x7f]/g, (char) => DOUBLE_QUOTED_ESCAPES[char] ?? `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`)}"`;
}
