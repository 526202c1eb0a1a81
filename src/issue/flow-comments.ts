import { quoteYamlText } from './text-fields.js';

/**
 * The `#`s that YAML takes for comments inside a flow list (`authors: [Team
 * #2, Ann Lee]`, `tags: [evals, #NLP]`). YAML 1.2 (§6.6) starts a comment
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
}

const SPACE = /[ \t]/;
const FLOW_SYNTAX = ',[]{}';

/**
 * The comments of the flow collection whose `[` or `{` is at `open` in
 * `yamlText`, scanned as the writer meant it, to its closing bracket (or the
 * text's end, when a comment took it). Quoted items are skipped whole.
 */
export function flowComments(yamlText: string, open: number): FlowComment[] {
  const comments: FlowComment[] = [];
  let depth = 0;
  let itemStart: number | undefined;
  for (let i = open; i < yamlText.length; i++) {
    const char = yamlText[i]!;
    if (char === '[' || char === '{') {
      depth++;
      itemStart = undefined;
    } else if (char === ']' || char === '}') {
      if (--depth === 0) break;
      itemStart = undefined;
    } else if (char === ',') {
      itemStart = undefined;
    } else if (char === '#' && /[ \t\n]/.test(yamlText[i - 1]!)) {
      comments.push(commentAt(yamlText, i, itemStart));
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
 * What yaml-comment-in-text says of a comment that cuts an item of the
 * flow list of `key`, and its fix, in offsets of the YAML text: the item in
 * quotes, when its bounds are known.
 */
export function cutItemReport(yamlText: string, key: string, comment: FlowComment): { message: string; fix?: { range: [number, number]; text: string } } {
  const cut = yamlText.slice(comment.start, comment.end);
  if (!comment.item) return { message: `Unexpected comment \`${cut}\` cutting an unquoted item of \`${key}\`, expected the item in quotes` };
  const item = yamlText.slice(comment.item.start, comment.item.end);
  const quoted = quoteYamlText(item);
  return {
    message: `Unexpected comment \`${cut}\` cutting the unquoted item \`${item}\` of \`${key}\`, expected the item in quotes: \`${quoted}\``,
    fix: { range: [comment.item.start, comment.item.end], text: quoted },
  };
}
