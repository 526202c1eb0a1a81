import { parseDocument } from 'yaml';
import { editFixes, keyLineAbove, lineIndexAt, type LayoutLine, type MistakeContext, type ParserError, type YamlMistake } from './yaml-layout.js';
import { quotings } from './yaml-quote.js';
import { quotedStart, quotedStartMessage, requoted, type QuotedStart } from './yaml-quoted-start.js';
import { openingQuote } from './yaml-unclosed.js';

/**
 * A quoted list item that one of its own quotes ended early, in a block list
 * (`- "Nelson "Nick" Elhage"`, `- 'it's'`) or a flow one (`tags: ["safety",
 * "the "best" one"]`), or a quoted value of a flow mapping (`- {title: "The
 * "best" one", url: …}`): the parser stumbles on the text after that quote
 * ("Unexpected scalar at node end", "Missing , or : between flow sequence
 * items"). Said as a mapping value's is (yaml-quoted-start.ts), at the
 * item: the quote that closed the text, and the line with the text quoted
 * anew, checked to read back as the text meant and to clear the error. For
 * the issue frontmatter (issue/yaml-errors.ts) and the config alike.
 * Undefined for any other error.
 */
export function quotedItemEndedEarly(error: ParserError, { yamlText, lines }: MistakeContext): YamlMistake | undefined {
  const index = lineIndexAt(lines, error.range[0]);
  const line = lines[index]!;
  // The parser stumbles on what follows the quote that closed the text: the last character before the error, spaces aside.
  let closer = error.range[0] - 1;
  while (closer > line.start && /[ \t]/.test(yamlText[closer]!)) closer--;
  const quote = yamlText[closer];
  if (closer < line.start || (quote !== '"' && quote !== "'")) return undefined;
  const opener = openingQuote(yamlText, quote, closer);
  if (opener < line.start) return undefined;
  const before = yamlText.slice(line.start, opener);
  if (/^[ \t]*(?:-[ \t]+)+$/.test(before)) {
    const list = keyLineAbove(lines, index, before.indexOf('-'))?.key;
    return blockItem(yamlText, line, opener, list === undefined ? 'a list item' : `an item of \`${list}\``);
  }
  // A flow list's item goes on its line after the `[` or a `,`, or starts a line after a line that ends with one.
  const upTo = /^[ \t]*$/.test(before) ? yamlText.slice(0, opener) : before;
  if (!/[[{]/.test(upTo)) return undefined;
  const flowValueKey = /[{,][ \t]*([A-Za-z_][\w-]*):[ \t]+$/.exec(before)?.[1];
  if (flowValueKey !== undefined) return flowItem(yamlText, line, opener, error.range[0], `\`${flowValueKey}\``);
  if (!/[[,]\s*$/.test(upTo)) return undefined;
  // The list's key: the last `key: [` with no bracket after it (an item holding one leaves the list unnamed).
  const list = /([A-Za-z_][\w-]*):[ \t]*\[[^[\]{}]*$/.exec(upTo)?.[1];
  return flowItem(yamlText, line, opener, error.range[0], list === undefined ? 'a list item' : `an item of \`${list}\``);
}

/** A `- ` item whose text, from `opener` to the end of `line` (a comment after it aside), starts with a quote YAML closes early. */
function blockItem(yamlText: string, line: LayoutLine, opener: number, owner: string): YamlMistake | undefined {
  const value = yamlText.slice(opener, line.start + line.text.length).trimEnd();
  const start = quotedStart(value);
  if (!start) return undefined;
  const written = start.comment === '' ? value : value.slice(0, value.lastIndexOf(start.comment)).trimEnd();
  const quoted = requotedItem(yamlText, opener, written, start);
  if (quoted === undefined) return undefined;
  const suggestion = `${yamlText.slice(line.start, opener).trimStart()}${quoted}${start.comment === '' ? '' : ` ${start.comment}`}`;
  return { message: quotedStartMessage(owner, start, requoted(start, suggestion)), range: [opener, opener + written.length] };
}

/**
 * An item of a flow list or a value of a flow mapping that starts with a
 * quote YAML closes early, at `opener`: the writer's item ends at a `,`,
 * `]` or `}` on its line after the error (at `from`). The first end where
 * the item, quoted anew, reads back and clears the error; one where the
 * writer's quotes are around the text first (`"the "best, really" one"`
 * ends at the `,` after `one"`, not the one inside it).
 */
function flowItem(yamlText: string, line: LayoutLine, opener: number, from: number, owner: string): YamlMistake | undefined {
  const lineEnd = line.start + line.text.length;
  const ends = [...yamlText.slice(from, lineEnd).matchAll(/[,\]}]/g)].map((match) => yamlText.slice(opener, from + match.index).trimEnd());
  const items = ends.flatMap((written) => {
    const start = quotedStart(written);
    return start ? [{ written, start }] : [];
  });
  for (const { written, start } of [...items.filter((item) => item.start.meantAsYaml), ...items.filter((item) => !item.start.meantAsYaml)]) {
    const quoted = requotedItem(yamlText, opener, written, start);
    if (quoted === undefined) continue;
    const suggestion = `${yamlText.slice(line.start, opener)}${quoted}${yamlText.slice(opener + written.length, lineEnd)}`.trim();
    return { message: quotedStartMessage(owner, start, requoted(start, suggestion)), range: [opener, opener + written.length] };
  }
  return undefined;
}

/**
 * The item's text meant (`start`), quoted so that it reads back as that
 * text and, written in place of `written` at `opener`, leaves no error on
 * its line; undefined when no quoting does.
 */
function requotedItem(yamlText: string, opener: number, written: string, start: QuotedStart): string | undefined {
  return quotings(start.text).find((quoted) => {
    const read = parseDocument(`[${quoted}]`);
    return read.errors.length === 0 && (read.toJS() as unknown[])[0] === start.text && editFixes(yamlText, { start: opener, end: opener + written.length, insert: quoted }, opener);
  });
}
