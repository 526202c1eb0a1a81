import type { Html, Nodes, Root } from 'mdast';
import { nodesInTree } from '../issue/tree-index.js';
import { inlineHtml, isHtmlBlock, rawHtmlText, visibleSiblings } from '../render/raw-html.js';
import { withUnspacedBreaksJoined } from '../render/text/soft-breaks.js';
import { displayMath, writtenMath } from '../render/text/written.js';
import { BREAKING_SPACE, type Lead } from './excerpt.js';

/** Blocks whose text is a separate run of words (mdast-util-to-string would glue "end.Start"). */
const BLOCKS = new Set(['paragraph', 'heading', 'blockquote', 'list', 'listItem', 'table', 'tableRow', 'tableCell', 'code', 'math', 'footnoteDefinition']);

/** Blocks a summary's lead is looked for in: the text's own, and its lists' items. A quote is someone else's words; code, math and tables are no prose. */
const PROSE_CONTAINERS = new Set(['root', 'list', 'listItem']);

/** A piece of a text's words before whitespace is collapsed; `whole`: one to keep whole, math (its dollars included) or struck text (its `~~` included). */
interface Run {
  text: string;
  whole: boolean;
}

/**
 * What reading a tree's words needs besides a node: the text it was parsed
 * from, the footnotes a reference shows, and whether struck text is written
 * between `~~` (an excerpt's words) or as its words alone (search's).
 */
interface WordsContext {
  source: string;
  referenced: Set<string>;
  struck: boolean;
}

/**
 * The words of a Markdown tree without its syntax, blocks apart, whitespace
 * collapsed: what search indexes. As the pages show them: a hard break
 * apart (`spaces⏎next`), an image by its alt text ("Image: A chart" on the
 * pages), a footnote only where a reference shows it (mdast-util-to-hast
 * leaves an unreferenced definition out). Math as the plaintext email
 * writes it, its TeX between the dollars it was written with (`$O(n^2)$`,
 * display math between `$$`): without them, `$n$` would read as the word
 * "n". `source`: the text the tree was parsed from.
 */
export function plainWords(tree: Root, source: string): string {
  return wordsOf(withUnspacedBreaksJoined(tree), contextOf(tree, source, false)).words;
}

/**
 * What a summary's excerpt is taken from (excerpt.ts `firstSentence`): the
 * words of its first paragraph of prose, as `plainWords` reads them, and
 * where math is in them. Prose is a paragraph of the text or of a list's
 * item, not one in a quote or a footnote; code, math, tables and headings
 * are none. Why: the excerpt of "```code```, then prose." ran the code into
 * the prose on one line ("loss = mse(x) Then prose."), a sentence nobody
 * wrote. A text with no such paragraph (a table alone) gives all its words.
 * Math is told by the tree, not by counting dollars: an escaped `\$100`
 * is a dollar of text, whichever dollars follow it. Struck text is written
 * between `~~`, as the plaintext email writes it: "We ~~never~~ always
 * see gains" read "We never always see gains", the editor's correction
 * lost. A paragraph of images alone (a figure above the text) is no prose:
 * its alt text read as the summary's first sentence, a caption taken for
 * the editor's words.
 */
export function leadWords(tree: Root, source: string): Lead {
  const context = contextOf(tree, source, true);
  const joined = withUnspacedBreaksJoined(tree);
  const lead = firstProse(joined, context);
  return lead ?? wordsOf(joined, context);
}

function contextOf(tree: Root, source: string, struck: boolean): WordsContext {
  return { source, referenced: new Set(nodesInTree(tree, 'footnoteReference').map((reference) => reference.identifier)), struck };
}

/** The words of the first paragraph of prose under `node` that has any, in document order. */
function firstProse(node: Nodes, context: WordsContext): Lead | undefined {
  if (node.type === 'paragraph') {
    if (!hasText(node)) return undefined;
    const lead = wordsOf(node, context);
    return lead.words === '' ? undefined : lead;
  }
  if (!PROSE_CONTAINERS.has(node.type) || !('children' in node)) return undefined;
  for (const child of visibleSiblings(node.children as Nodes[])) {
    const lead = firstProse(child, context);
    if (lead) return lead;
  }
  return undefined;
}

/** Whether `node` holds words of its own, not only images' alt text (text, code, math, or raw HTML a browser shows as text). */
function hasText(node: Nodes): boolean {
  if (node.type === 'image' || node.type === 'imageReference') return false;
  if ('value' in node) return node.value.trim() !== '';
  return 'children' in node && (node.children as Nodes[]).some(hasText);
}

/** `node`'s words, whitespace collapsed, and where math and struck text are in them. */
function wordsOf(node: Nodes, context: WordsContext): Lead {
  const runs: Run[] = [];
  collectRuns(node, context, runs);
  return joinRuns(runs);
}

/** Adds the runs of `node`'s words to `runs`, in reading order. */
function collectRuns(node: Nodes, context: WordsContext, runs: Run[]): void {
  const text = (value: string) => runs.push({ text: value, whole: false });
  if (node.type === 'break') text(' ');
  else if (node.type === 'inlineMath') runs.push({ text: writtenMath(node, context.source).join(''), whole: true });
  else if (node.type === 'math') runs.push({ text: displayMath(node.value), whole: true });
  else if (node.type === 'delete' && context.struck) runs.push({ text: `~~${wordsOf(node, { ...context, struck: false }).words}~~`, whole: true });
  else if (node.type === 'image' || node.type === 'imageReference') text(node.alt ?? '');
  else if (node.type === 'footnoteDefinition' && !context.referenced.has(node.identifier)) return;
  else if ('value' in node && node.type !== 'html') text(node.value);
  else if ('children' in node) {
    const children = visibleSiblings(node.children as Nodes[]);
    children.forEach((child, i) => {
      if (child.type === 'html') text(htmlWords(node, children, i));
      else if (!BLOCKS.has(child.type)) collectRuns(child, context, runs);
      else {
        text(' ');
        collectRuns(child, context, runs);
        text(' ');
      }
    });
  }
}

/** The words a reader sees of raw HTML (raw-html.ts): an HTML block's text apart from the words around it; an inline tag's space, or nothing. */
function htmlWords(parent: Nodes, siblings: readonly Nodes[], index: number): string {
  if (isHtmlBlock(parent)) return ` ${rawHtmlText((siblings[index] as Html).value).join(' ')} `;
  return inlineHtml(siblings, index) === undefined ? '' : ' ';
}

/**
 * `runs` as one text, each run of whitespace one space, none at either end,
 * with the offsets of the runs kept whole in it. A no-break space (U+00A0,
 * U+2007 figure space, U+202F narrow no-break space) is no whitespace
 * here, which JavaScript's `\s` takes it for: the editor wrote it so that
 * nothing parts `175 000 000` or `Mr. Smith`, and an excerpt cut there
 * read "The model has 175…".
 */
function joinRuns(runs: readonly Run[]): Lead {
  let words = '';
  let spaced = false;
  const whole: [number, number][] = [];
  for (const run of runs) {
    let start: number | undefined;
    run.text.split(BREAKING_SPACE).forEach((part, i) => {
      if (i > 0) spaced = true;
      if (part === '') return;
      if (spaced && words !== '') words += ' ';
      spaced = false;
      start ??= words.length;
      words += part;
    });
    if (run.whole && start !== undefined) whole.push([start, words.length]);
  }
  return { words, whole };
}
