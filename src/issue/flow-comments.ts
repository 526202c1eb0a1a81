import { quoteYamlText } from '../diagnostics/yaml-quote.js';

/**
 * The `#`s that YAML takes for comments inside a flow list or mapping
 * (`authors: [Team #2, Ann Lee]`, `tags: [evals, #NLP]`, a paper written
 * `- {title: Ranked #1, url: …}`). YAML 1.2 (§6.6) starts a comment
 * at a `#` after white space, even inside `[…]` or `{…}`, and the comment
 * runs to the line's end: on one line, it takes the items after it and the
 * closing bracket with it, and the parser then reports the list unclosed,
 * on the next line. Read as the writer meant it, the `#` is text: the item
 * it stands in ends at the next `,`, `]` or `}` (which plain text never
 * holds), and the list goes on after it.
 */

export interface FlowComment {
  /** Offsets in the YAML text: the `#`, and the end of the item it stands in, as the writer meant it (its trailing white space left out). */
  start: number;
  end: number;
  /** The whole item (`Team #2`), when it is plain text on the `#`'s line that quotes can hold; undefined when its bounds cannot be told. */
  item: { start: number; end: number } | undefined;
  /** Whether text of the item comes before the `#` (`Team #2`), rather than the `#` starting it (`#NLP`, or a comment after a `,`). */
  afterText: boolean;
  /** Whether the comment takes a `,`, `]` or `}` of the list with it: no comment a writer meant does. */
  takesSyntax: boolean;
  /** In a flow mapping: the key whose text (`text`) or list item the comment cuts (`keyOf`). */
  key?: { name: string; text: boolean };
}

const SPACE = /[ \t]/;
const FLOW_SYNTAX = ',[]{}';

/** A `[` or `{` the scan is inside, and the key of the entry it is at (in a `{`, once its `: ` is read). */
interface OpenCollection {
  map: boolean;
  key: string | undefined;
}

/**
 * The comments of the flow collection whose `[` or `{` is at `open` in
 * `yamlText`, scanned as the writer meant it, to its closing bracket (or the
 * text's end, when a comment took it). Quoted items are skipped whole. In a
 * mapping (a paper written `{title: Ranked #1, url: …}`) a value is an item
 * of its own, from after its key's `: `.
 */
export function flowComments(yamlText: string, open: number): FlowComment[] {
  const comments: FlowComment[] = [];
  const collections: OpenCollection[] = [];
  let itemStart: number | undefined;
  for (let i = open; i < yamlText.length; i++) {
    const char = yamlText[i]!;
    const inside = collections.at(-1);
    if (char === '[' || char === '{') {
      collections.push({ map: char === '{', key: undefined });
      itemStart = undefined;
    } else if (char === ']' || char === '}') {
      collections.pop();
      if (collections.length === 0) break;
      itemStart = undefined;
    } else if (char === ',') {
      if (inside) inside.key = undefined;
      itemStart = undefined;
    } else if (char === ':' && inside?.map && itemStart !== undefined && /^(?:[ \t\n,\]}]|$)/.test(yamlText.slice(i + 1, i + 2))) {
      inside.key = yamlText.slice(itemStart, i).trim();
      itemStart = undefined;
    } else if (char === '#' && /[ \t\n]/.test(yamlText[i - 1]!)) {
      comments.push({ ...commentAt(yamlText, i, itemStart), key: keyOf(collections) });
      // Read on as the writer meant: from the item's `,`, `]` or `}` (or the line's end).
      i = itemEnd(yamlText, i) - 1;
      itemStart = undefined;
    } else if ((char === '"' || char === "'") && itemStart === undefined) {
      itemStart = i;
      i = quotedEnd(yamlText, i);
    } else if (char !== '\n' && !SPACE.test(char)) {
      itemStart ??= i;
    }
  }
  return comments;
}

/**
 * What a comment at the scan's place cuts, as written in a flow mapping: the
 * value of its key (`title` in `{title: Ranked #1}`), or an item of the list
 * that is its key's value (`tags` in `{tags: [a, #b]}`). Undefined outside
 * a mapping: the list's own key names it.
 */
function keyOf(collections: readonly OpenCollection[]): FlowComment['key'] {
  const inside = collections.at(-1);
  if (inside?.map) return inside.key === undefined ? undefined : { name: inside.key, text: true };
  const holder = collections.at(-2);
  return holder?.map && holder.key !== undefined ? { name: holder.key, text: false } : undefined;
}

function commentAt(yamlText: string, at: number, itemStart: number | undefined): FlowComment {
  const lineEnd = lineEndAt(yamlText, at);
  const stop = itemEnd(yamlText, at);
  const end = trimmedEnd(yamlText, at, stop);
  const begin = itemStart ?? at;
  const item = yamlText.slice(begin, end);
  // Quotes can hold the item when it is plain text on this line: no quote, key or bracket of YAML's in it.
  const quotable = !yamlText.slice(begin, at).includes('\n') && !/^["'?]|:\s|[[\]{}]/.test(item) && (stop === lineEnd || FLOW_SYNTAX.includes(yamlText[stop]!));
  return {
    start: at,
    end,
    item: quotable ? { start: begin, end } : undefined,
    afterText: itemStart !== undefined,
    takesSyntax: /[,\]}]/.test(yamlText.slice(at, lineEnd)),
  };
}

/** Where the item holding the `#` at `at` ends, as the writer meant it: its next `,`, `[`, `]`, `{` or `}` on the line, else the line's end. */
function itemEnd(yamlText: string, at: number): number {
  const lineEnd = lineEndAt(yamlText, at);
  let end = at;
  while (end < lineEnd && !FLOW_SYNTAX.includes(yamlText[end]!)) end++;
  return end;
}

function trimmedEnd(yamlText: string, from: number, end: number): number {
  while (end > from && SPACE.test(yamlText[end - 1]!)) end--;
  return end;
}

function lineEndAt(yamlText: string, at: number): number {
  const end = yamlText.indexOf('\n', at);
  return end === -1 ? yamlText.length : end;
}

/** The offset of the quote that closes the quoted item opening at `at` (`''` is a quote inside single quotes, `\` escapes inside double ones). */
function quotedEnd(yamlText: string, at: number): number {
  const quote = yamlText[at];
  for (let i = at + 1; i < yamlText.length; i++) {
    if (quote === '"' && yamlText[i] === '\\') i++;
    else if (yamlText[i] === quote) {
      if (quote === "'" && yamlText[i + 1] === "'") i++;
      else return i;
    }
  }
  return yamlText.length;
}

/**
 * The key written before the `[` or `{` at `open` on its line (`tags` of
 * `    tags: [a, b #2]`, `- tags: [`); undefined when none is (a paper
 * written `- {title: …}`). Where a comment above took a bracket, the parser
 * reads the lines after it askew (`section: Evaluations` and `tags` as one
 * key, "Evaluations tags"): the key as written is the one the writer knows.
 */
export function writtenKey(yamlText: string, open: number): string | undefined {
  const lineStart = yamlText.lastIndexOf('\n', open - 1) + 1;
  return /^[ \t]*(?:-[ \t]+)?([^\s#:'"[\]{},][^:#]*?):[ \t]*$/.exec(yamlText.slice(lineStart, open))?.[1];
}

/**
 * What yaml-comment-in-text says of a comment that cuts an item of the
 * flow collection at `open` whose key is `key` (or of the key in it the
 * comment is under), and its fix, in offsets of the YAML text: the item in
 * quotes, when its bounds are known. A mapping's value is called text, as a
 * block one is. A collection with no key (`[A, B #2]: x`, itself a key; one
 * after a bare `:`) is named as written on its line.
 */
export function cutItemReport(yamlText: string, key: string, comment: FlowComment, open: number): { message: string; fix?: { range: [number, number]; text: string } } {
  const cut = yamlText.slice(comment.start, comment.end);
  const name = comment.key?.name ?? key;
  const owner = name === '' ? `the ${yamlText[open] === '{' ? 'mapping' : 'list'} \`${yamlText.slice(open, lineEndAt(yamlText, open)).trimEnd()}\`` : `\`${name}\``;
  const [noun, expected] = comment.key?.text ? ['text', 'the text in quotes'] : ['item', 'the item in quotes'];
  if (!comment.item) return { message: `Unexpected comment \`${cut}\` cutting ${comment.key?.text ? 'the' : 'an'} unquoted ${noun} of ${owner}, expected ${expected}` };
  const item = yamlText.slice(comment.item.start, comment.item.end);
  const quoted = quoteYamlText(item);
  const what = comment.key?.text ? `the unquoted text of ${owner}` : `the unquoted item \`${item}\` of ${owner}`;
  return {
    message: `Unexpected comment \`${cut}\` cutting ${what}, expected ${expected}: \`${quoted}\``,
    fix: { range: [comment.item.start, comment.item.end], text: quoted },
  };
}
