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
 * `key: text`, quoted as YAML reads it back as exactly `text`: with
 * quoteYamlText, checked by reading it; undefined when it does not read
 * back (a character that needs an escape of its own).
 */
export function quotedLine(key: string, text: string): string | undefined {
  const line = `${key}: ${quoteYamlText(text)}`;
  const document = parseDocument(line);
  return document.errors.length === 0 && (document.toJS() as Record<string, unknown> | null)?.[key] === text ? line : undefined;
}
