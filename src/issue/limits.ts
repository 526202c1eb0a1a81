import type { Nodes, Root } from 'mdast';
import type { NestingExcess } from '../diagnostics/yaml-nesting.js';
import { collectionExcessMessage, type CollectionExcess } from '../diagnostics/yaml-collection-size.js';
import { fileDelimiterRunExcess, MAX_FILE_DELIMITER_RUNS, MAX_SPAN_DELIMITER_RUNS, spanDelimiterRunExcess } from './delimiter-runs.js';

export { MAX_FILE_DELIMITER_RUNS, MAX_SPAN_DELIMITER_RUNS };

/**
 * The limits an issue file must stay within, checked before the expensive
 * work so that no file can exhaust the machine or the stack. A real issue is
 * a few dozen kilobytes nesting a handful of levels deep, far below each.
 */

/**
 * Bytes of an issue file: a hundred times the largest email Gmail shows
 * unclipped, and twice the 5 MB file that tests/cli/lint.test.ts lints.
 */
export const MAX_FILE_BYTES = 10_000_000;

/**
 * Levels of nesting in one Markdown text: lists, block quotes, footnote
 * definitions, links, emphasis and strikethrough inside each other. Later
 * stages walk the tree (ours, mdast-util-to-hast, JSON for the tree cache)
 * and some recurse; at this depth they use a small part of the stack
 * (tests/issue/limits.test.ts renders texts at the limit).
 */
export const MAX_NESTING = 64;

/**
 * Emphasis the pre-scan lets through to the parse. Its count is an estimate
 * that guards the parse's cost, with room for what it cannot know (which
 * runs the parser pairs); the parsed tree is then measured exactly against
 * `MAX_NESTING`, which is what keeps the stack safe.
 */
const MAX_EMPHASIS_ESTIMATE = 4 * MAX_NESTING;


/** A text over a limit, thrown by `withinLimits`; `parseIssue` makes it a lint error at `fileOffset`. */
export class ContentLimitError extends Error {
  /** Offset into the issue file's text, set by `parseIssue`, which knows where the text is. */
  fileOffset = 0;

  constructor(
    /** Offset into the Markdown text. */
    readonly offset: number,
    message: string,
  ) {
    super(message);
    this.name = 'ContentLimitError';
  }
}

/**
 * `parse` within the nesting limit and the bound on emphasis delimiters in
 * a paragraph (delimiter-runs.ts). A text whose containers or emphasis
 * certainly nest too deep, or whose paragraph holds more delimiter runs than
 * micromark resolves in time, is refused before it is parsed (micromark's
 * time grows with the square of either: a list 1,000 deep took 50 s, 16,000
 * unpaired `*` 5.8 s); a parsed tree is measured exactly before any other
 * stage or cache sees it. Throws `ContentLimitError`.
 */
export function withinLimits(parse: (text: string) => Root): (text: string) => Root {
  return (text) => {
    const runs = spanDelimiterRunExcess(text);
    if (runs) {
      throw new ContentLimitError(
        runs.offset,
        `Unexpected paragraph with more than ${MAX_SPAN_DELIMITER_RUNS.toLocaleString('en')} runs of \`*\`, \`_\` or \`~\` (emphasis and strikethrough marks), expected at most ${MAX_SPAN_DELIMITER_RUNS.toLocaleString('en')}: split it into paragraphs with blank lines`,
      );
    }
    const before = nestingExcess(text);
    if (before) throw nestingError(before);
    const tree = parse(text);
    const after = treeNestingExcess(tree);
    if (after) throw nestingError(after);
    return tree;
  };
}

/**
 * Throws `ContentLimitError` at the run of `*`, `_` or `~` past
 * `MAX_FILE_DELIMITER_RUNS` in a file's text, frontmatter included: each
 * costs micromark's attention resolution, however the paragraphs are cut
 * (delimiter-runs.ts).
 */
export function checkFileDelimiterRuns(text: string): void {
  const excess = fileDelimiterRunExcess(text);
  if (!excess) return;
  const error = new ContentLimitError(
    excess.offset,
    `Unexpected file with more than ${MAX_FILE_DELIMITER_RUNS.toLocaleString('en')} runs of \`*\`, \`_\` or \`~\` (emphasis and strikethrough marks), expected at most ${MAX_FILE_DELIMITER_RUNS.toLocaleString('en')}: split the issue`,
  );
  error.fileOffset = excess.offset;
  throw error;
}

/**
 * `|` characters in one file, frontmatter included: an upper bound of its
 * table cells but one a row. micromark (with GFM tables) and the renderers
 * pay for every cell, linearly: on the 2-core machine under load, `paperboy
 * lint` of a 200-column table took 4.9 s of CPU at 100 rows, 7.8 s at 200
 * and 15.5 s at 400 (177 µs a cell: about 75 for the parse, as plain
 * micromark, the rest for the HTML email and its CSS inlining, and the
 * garbage they make), so the 800 KB table of 2,000 rows took over 60 s a
 * command. At the bound, a table costs about 2 s; the sample issues hold
 * fewer than 100 `|`, the larger tables of real issues a few hundred.
 */
export const MAX_FILE_TABLE_PIPES = 10_000;

/** Throws `ContentLimitError` at the `|` past `MAX_FILE_TABLE_PIPES` in a file's text. */
export function checkFileTablePipes(text: string): void {
  checkFileOccurrences(text, '|', MAX_FILE_TABLE_PIPES, `\`|\` (table cells)`, 'split the table, or link to it as a file');
}

/**
 * `$` characters in one file: an upper bound of twice its formulas. Each
 * formula is typeset by KaTeX for the web (a kilobyte of HTML or more for
 * `$x$`), and the archive writes a summary's HTML into its issue page, its
 * paper page, `papers.json` and three feeds. Measured here (`paperboy
 * build` of one summary of 10,000 lines, `/usr/bin/time`): with a `$x$` on
 * each line 5.5 s, 277 MB and a 25 MB site, against 3.0 s, 237 MB and 7.5
 * MB for the same lines without; 110,000 formulas (a 9 MB file) took 159 s
 * and 3.5 GB. At the bound (5,000 formulas) a build pays about a second
 * more; a research newsletter's issue holds a few dozen.
 */
export const MAX_FILE_DOLLARS = 10_000;

/** Throws `ContentLimitError` at the `$` past `MAX_FILE_DOLLARS` in a file's text. */
export function checkFileDollars(text: string): void {
  checkFileOccurrences(text, '$', MAX_FILE_DOLLARS, '`$` (math and prices)', 'split the issue');
}

/**
 * `://` in one file: an upper bound of its links and URLs (a link's target,
 * a bare URL GFM links, a paper's `url:`). Each is a link in every output
 * and a numbered reference under the plaintext's paragraph. Measured as
 * for `MAX_FILE_DOLLARS`: 10,000 links took 5.2 s and 377 MB against 3.0 s
 * and 237 MB without; a real issue has a few dozen to a few hundred.
 */
export const MAX_FILE_URLS = 10_000;

/** Throws `ContentLimitError` at the `://` past `MAX_FILE_URLS` in a file's text. */
export function checkFileUrls(text: string): void {
  checkFileOccurrences(text, '://', MAX_FILE_URLS, 'URLs (`://`)', 'split the issue');
}

/**
 * Lines in one file, frontmatter included. Every line is a token of the
 * parse, a position in the tree and a line of the plaintext, whatever it
 * holds: `paperboy lint --no-cache` of a code block of 100,000 one-character
 * lines (a 200 KB file) peaked at 432 MB, of 200,000 at 713 MB; `render`
 * of a 9.9 MB paragraph at 975 MB. At the bound, a code block of 50,000
 * lines: lint 250 MB, render 261 MB. A research newsletter's issue is a
 * few hundred lines.
 */
export const MAX_FILE_LINES = 50_000;

/** Throws `ContentLimitError` at the start of the line past `MAX_FILE_LINES` in a file's text (LF line breaks: the normalized text). */
export function checkFileLines(text: string): void {
  let breaks = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    if (++breaks < MAX_FILE_LINES || at + 1 === text.length) continue;
    const max = MAX_FILE_LINES.toLocaleString('en');
    const error = new ContentLimitError(at + 1, `Unexpected file with more than ${max} lines, expected at most ${max}: split the issue`);
    error.fileOffset = at + 1;
    throw error;
  }
}

/** The limit's error, at `offset` in the file once `parseIssue` adds where the frontmatter starts (diagnostics/yaml-nesting.ts finds it). */
export function yamlNestingError({ offset }: NestingExcess): ContentLimitError {
  return new ContentLimitError(
    offset,
    `Unexpected YAML nested more than ${MAX_NESTING} levels deep (mappings, sequences and \`[…]\` or \`{…}\` inside each other), expected at most ${MAX_NESTING}: flatten it`,
  );
}

/** The content-limits error of a frontmatter collection past its entries (diagnostics/yaml-collection-size.ts). */
export function yamlCollectionError({ offset, kind }: CollectionExcess): ContentLimitError {
  return new ContentLimitError(offset, collectionExcessMessage(kind));
}

/** Throws `ContentLimitError` at the occurrence of `needle` past `max` in a file's text: `what` it counts, and the `fix`. */
function checkFileOccurrences(text: string, needle: string, max: number, what: string, fix: string): void {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) {
    if (++count <= max) continue;
    const error = new ContentLimitError(at, `Unexpected file with more than ${max.toLocaleString('en')} ${what}, expected at most ${max.toLocaleString('en')}: ${fix}`);
    error.fileOffset = at;
    throw error;
  }
}

function nestingError({ offset }: NestingExcess): ContentLimitError {
  return new ContentLimitError(
    offset,
    `Unexpected Markdown nested more than ${MAX_NESTING} levels deep (lists, quotes, links and emphasis inside each other), expected at most ${MAX_NESTING}: flatten it`,
  );
}

/**
 * The first place a text nests too deep, found by one pass over its
 * characters (no parse):
 * - containers, by an upper bound, never less than the parsed tree's: a
 *   line is only as deep as the containers its start opens or continues;
 *   each `>`, list marker or `[^label]:` opens one, and a list item
 *   continued by indentation takes two columns or more;
 * - emphasis, by an estimate per paragraph (emphasis never crosses a blank
 *   line): the delimiter runs still open, paired greedily, that a run after
 *   the point could close.
 */
export function nestingExcess(text: string): NestingExcess | undefined {
  let paragraphStart = 0;
  let lineStart = 0;
  for (;;) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const { depth, prefixLength } = containerDepth(text, lineStart, lineEnd);
    if (depth > MAX_NESTING) return { offset: lineStart + prefixLength, depth };
    if (/^[ \t]*$/.test(text.slice(lineStart, lineEnd))) {
      const excess = emphasisExcess(text, paragraphStart, lineStart);
      if (excess) return excess;
      paragraphStart = lineEnd;
    }
    if (newline === -1) return emphasisExcess(text, paragraphStart, text.length);
    lineStart = newline + 1;
  }
}

// Sticky: each is tried at one offset of the whole text.
const LIST_MARKER = /(?:[-+*]|\d{1,9}[.)])(?=[ \t\n]|$)/y;
const FOOTNOTE_DEFINITION = /\[\^[^\]\n]+\]:/y;

/** An upper bound of the containers the line `text[start, end)` is in, and the length of its prefix that opens or continues them. */
function containerDepth(text: string, start: number, end: number): { depth: number; prefixLength: number } {
  let markers = 0;
  let columns = 0;
  let i = start;
  while (i < end) {
    const char = text[i];
    if (char === ' ' || char === '\t') {
      columns += char === ' ' ? 1 : 4 - (columns % 4);
      i++;
      continue;
    }
    if (char === '>') {
      markers++;
      i++;
      continue;
    }
    const pattern = char === '[' ? FOOTNOTE_DEFINITION : LIST_MARKER;
    pattern.lastIndex = i;
    const marker = pattern.exec(text);
    if (!marker) break;
    markers++;
    i += marker[0].length;
  }
  return { depth: markers + Math.floor(columns / 2), prefixLength: i - start };
}

/**
 * The first point of the paragraph `text[start, end)` whose emphasis
 * estimate passes `MAX_EMPHASIS_ESTIMATE` (see `nestingExcess`). Each run of
 * `*`, `_` or `~` is classified as micromark does (`runFlanking`) and counts
 * a level per character (`***a* b* c*` nests three deep), one for `~~`.
 */
function emphasisExcess(text: string, start: number, end: number): NestingExcess | undefined {
  const runs: DelimiterRun[] = [];
  for (let i = start; i < end; i++) {
    const char = text[i]!;
    if (char !== '*' && char !== '_' && char !== '~') continue;
    let runEnd = i + 1;
    while (runEnd < end && text[runEnd] === char) runEnd++;
    const levels = char !== '~' ? runEnd - i : runEnd - i <= 2 ? 1 : 0;
    runs.push({ char, offset: i, levels, ...runFlanking(char, i > start ? text[i - 1] : undefined, runEnd < end ? text[runEnd] : undefined) });
    i = runEnd - 1;
  }
  const closersAfter = { '*': 0, _: 0, '~': 0 };
  for (const run of runs) if (run.close) closersAfter[run.char] += run.levels;
  const open = { '*': 0, _: 0, '~': 0 };
  for (const run of runs) {
    let levels = run.levels;
    if (run.close) {
      closersAfter[run.char] -= levels;
      const closed = Math.min(levels, open[run.char]);
      open[run.char] -= closed;
      levels -= closed;
    }
    if (run.open) open[run.char] += levels;
    const depth = Math.min(open['*'], closersAfter['*']) + Math.min(open._, closersAfter._) + Math.min(open['~'], closersAfter['~']);
    if (depth > MAX_EMPHASIS_ESTIMATE) return { offset: run.offset, depth };
  }
  return undefined;
}

interface DelimiterRun {
  char: '*' | '_' | '~';
  offset: number;
  levels: number;
  open: boolean;
  close: boolean;
}

/** micromark's classes of the characters around a run: other, whitespace (a line's ends too) or punctuation. */
function characterClass(char: string | undefined): 'other' | 'space' | 'punctuation' {
  if (char === undefined || /\s/.test(char)) return 'space';
  return /[\p{P}\p{S}]/u.test(char) ? 'punctuation' : 'other';
}

/**
 * Whether a run can open and close emphasis (micromark-core-commonmark's
 * attention, micromark-extension-gfm-strikethrough for `~`): the same
 * decision, so the bound holds.
 */
function runFlanking(char: '*' | '_' | '~', previous: string | undefined, next: string | undefined): { open: boolean; close: boolean } {
  const before = characterClass(previous);
  const after = characterClass(next);
  // Another construct's marker right after (before) a run lets it open (close).
  const open = after === 'other' || (after === 'punctuation' && before !== 'other') || (char !== '~' && next === '~');
  const close = before === 'other' || (before === 'punctuation' && after !== 'other') || (char !== '~' && previous === '~');
  if (char !== '_') return { open, close };
  return { open: open && (before !== 'other' || !close), close: close && (after !== 'other' || !open) };
}

/** The nodes that nest: each one inside another is a level. */
const NESTING: ReadonlySet<string> = new Set(['blockquote', 'list', 'footnoteDefinition', 'link', 'linkReference', 'emphasis', 'strong', 'delete']);

/**
 * The first node of a parsed tree deeper than `MAX_NESTING` levels, and its
 * depth; a walk with its own stack, so the walk itself cannot overflow.
 */
export function treeNestingExcess(tree: Root): NestingExcess | undefined {
  const stack: { node: Nodes; depth: number }[] = [{ node: tree, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    const level = NESTING.has(node.type) ? depth + 1 : depth;
    if (level > MAX_NESTING) return { offset: node.position?.start.offset ?? 0, depth: level };
    if ('children' in node) for (const child of node.children) stack.push({ node: child, depth: level });
  }
  return undefined;
}

/**
 * Tags on one paper. Each tag is a page of the archive that lists its
 * papers, each row with all of the paper's tags: the pages of one paper's
 * tags grow with their square. Measured on a one-issue newsletter (`build
 * --no-cache`, CPU time): 1,000 tags on a paper wrote 73 MB in 3.4 s,
 * 2,000 269 MB in 11.3 s, 4,000 1.1 GB in 36 s; 10,000 ran for 608 s. The
 * Alignment Newsletter tagged a paper with a handful. Counted as the
 * archive has them, each tag once (names.ts `distinctTags`).
 */
export const MAX_PAPER_TAGS = 50;
