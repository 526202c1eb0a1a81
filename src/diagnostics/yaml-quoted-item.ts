import { isSeq, parseDocument, Parser, visit, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { editFixes, keyLineAbove, lineIndexAt, type LayoutLine, type MistakeContext, type ParserError, type YamlMistake } from './yaml-layout.js';
import { MAX_WHOLE_QUOTE } from './one-line.js';
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
    const edited = yamlText.slice(0, opener) + quoted + yamlText.slice(opener + written.length);
    const whole = wholeFlow(edited, opener);
    const suggestion = edited.slice(line.start, lineEnd - written.length + quoted.length).trim();
    // A collection too long to quote whole in a message (one-line.ts) is told by its item: what to write in its place.
    const said =
      whole === undefined
        ? requoted(start, suggestion)
        : whole.line.length <= MAX_WHOLE_QUOTE
          ? requoted(start, whole.line, '', `, the ${whole.kind} on one line`)
          : requoted(start, quoted, '', `, in place of \`${written}\``);
    return { message: quotedStartMessage(owner, start, said), range: [opener, opener + written.length] };
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

/**
 * A flow list or mapping written over several lines, as one line: from the
 * start of the line of its `[` or `{` to the end of the line of its closing
 * bracket, in `edited` (the YAML with the item at `at` quoted anew), lines
 * trimmed and joined by a space (none after an opening bracket or before a
 * closing one), comments inside it left out (one after it kept). Why:
 * the line of the item alone, `authors: ['Nelson "Nick" Elhage',` for
 * `authors: ["Nelson "Nick" Elhage",⏎ "Chris Olah"]`, is no value YAML
 * reads; `authors: ['Nelson "Nick" Elhage', "Chris Olah"]` is, written in
 * place of all its lines. Undefined for a collection on one line (its line
 * is the suggestion), and when the line would not read back as the
 * collection does, with no error.
 */
function wholeFlow(edited: string, at: number): { line: string; kind: 'list' | 'mapping' } | undefined {
  const outer = outermostFlow(parseDocument(edited), (node) => node.range![0] <= at && at < node.range![1]);
  if (!outer?.range) return undefined;
  const [start, end] = outer.range;
  const lineStart = edited.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = edited.indexOf('\n', end) === -1 ? edited.length : edited.indexOf('\n', end);
  if (!edited.slice(lineStart, end).includes('\n')) return undefined;
  // Comments inside the collection, last first, so that each one's offsets hold when the one after it is cut.
  let text = edited.slice(0, lineEnd);
  for (const [offset, length] of commentsOf(edited).filter(([offset]) => offset > start && offset < end).reverse()) text = text.slice(0, offset) + text.slice(offset + length);
  const line = text
    .slice(lineStart)
    .split('\n')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .reduce((joined, part) => (joined === '' || /[[{]$/.test(joined) || /^[\]}]/.test(part) ? joined + part : `${joined} ${part}`), '');
  const read = parseDocument(line);
  const again = outermostFlow(read, () => true);
  const same = read.errors.length === 0 && again !== undefined && JSON.stringify(again.toJSON()) === JSON.stringify(outer.toJSON());
  return same ? { line, kind: isSeq(outer) ? 'list' : 'mapping' } : undefined;
}

/** The first flow list or mapping, in document order, for which `where` holds: the outermost of those nested. */
function outermostFlow(document: Document.Parsed, where: (node: Node) => boolean): Node | undefined {
  let found: Node | undefined;
  // A visitor's returned node replaces the one visited: `void`, and BREAK once found.
  const seen = (node: YAMLMap | YAMLSeq) => {
    if (!node.flow || !node.range || !where(node)) return undefined;
    found = node;
    return visit.BREAK;
  };
  visit(document, { Map: (_key, node) => seen(node), Seq: (_key, node) => seen(node) });
  return found;
}

/** The comments of `yamlText` as YAML's lexer finds them, each its offset and length, in order. */
function commentsOf(yamlText: string): [offset: number, length: number][] {
  const found: [number, number][] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') {
      const token = value as { type?: unknown; offset?: unknown; source?: unknown };
      if (token.type === 'comment' && typeof token.offset === 'number' && typeof token.source === 'string') found.push([token.offset, token.source.length]);
      else Object.values(value).forEach(walk);
    }
  };
  for (const token of new Parser().parse(yamlText)) walk(token);
  return found.sort((a, b) => a[0] - b[0]);
}
