import type { Root } from 'mdast';
import { withinLimits } from '../issue/limits.js';
import { parseMarkdown } from '../issue/markdown.js';
import { markdownTexts, type Issue, type MarkdownText } from '../issue/model.js';
import { parseIssue, type ParsedIssue } from '../issue/parse.js';
import { applyEdits } from '../issue/source.js';
import type { Fix } from './types.js';

/** How many times `provenEdits` reads one file again, at most. */
const MAX_PROOFS = 32;

/**
 * Proof that a fix leaves what an issue renders as it was: the file is read
 * again with the edits applied, and its model must equal the one read
 * before, every Markdown text compared by its tree without positions (the
 * one thing every renderer reads of a text). Reading again is what makes the
 * proof hold for every context at once (a fenced code block, a `summary: |`
 * or `>` block, a quoted YAML value whose `\` escapes the next character, a
 * backslash before a Markdown line break), where reasoning about each would
 * miss one. The trees of texts an edit leaves alone are reused, not parsed.
 */
function keepsRendering(parsed: ParsedIssue, edits: readonly Fix[]): boolean {
  return rendersAs(parsed, edits, new Map());
}

/**
 * Proof that edits change what an issue renders only as meant: read again
 * with them, the model equals the one read before but for the texts of
 * `changed`, each of which must now be the tree given (positions aside). A
 * fix that corrects a text (a `>` block that YAML folded into one line, see
 * yaml-folded-markdown) is proven to give that text, and to leave the
 * rest, with every other text and value, as it was.
 */
export function rendersAs(parsed: ParsedIssue, edits: readonly Fix[], changed: ReadonlyMap<MarkdownText, Root>): boolean {
  const before = parsed.issue;
  if (!before || edits.length === 0) return before !== undefined && changed.size === 0;
  const known = new Map<string, Root>(markdownTexts(before).map((text) => [text.text, text.tree]));
  const parse = withinLimits(parseMarkdown);
  const text = applyEdits(parsed.source.text, edits);
  const after = parseIssue({ path: parsed.source.path, text, written: text, hash: '', bom: false, eol: '\n' }, { parseMarkdown: (markdown) => known.get(markdown) ?? parse(markdown) }).issue;
  return after !== undefined && contentOf(after) === contentOf(before, changed);
}

/**
 * The edits of `choices` that `keepsRendering` proves, one per entry (each
 * entry: the edits to try for one place, best first; undefined where none
 * is proven). All the first choices are tried together, and only when they
 * fail is the set halved until the failing places are found: one read for
 * a file whose fixes are all safe, a few more per place that is not, and
 * never more than `MAX_PROOFS` (a `>` block of 2,000 lines, each ending in
 * a space that folding keeps, took 100 s to search place by place): past
 * it, the places left are given no fix.
 */
export function provenEdits(parsed: ParsedIssue, choices: readonly (readonly Fix[])[]): (Fix | undefined)[] {
  const chosen: (Fix | undefined)[] = choices.map(() => undefined);
  const accepted = (): Fix[] => chosen.filter((edit): edit is Fix => edit !== undefined);
  let proofs = 0;
  const prove = (from: number, to: number, attempt: number): void => {
    const tried = choices.slice(from, to).map((options) => options[attempt]);
    if (tried.every((edit) => edit === undefined) || proofs++ >= MAX_PROOFS) return;
    const trial = [...accepted(), ...tried.filter((edit): edit is Fix => edit !== undefined)].sort((a, b) => a.range[0] - b.range[0]);
    if (keepsRendering(parsed, trial)) {
      tried.forEach((edit, i) => (chosen[from + i] ??= edit));
      return;
    }
    if (to - from > 1) {
      const middle = Math.floor((from + to) / 2);
      prove(from, middle, attempt);
      prove(middle, to, attempt);
    } else if (attempt + 1 < choices[from]!.length) {
      prove(from, to, attempt + 1);
    }
  };
  prove(0, choices.length, 0);
  return chosen;
}

/** The model as JSON, each Markdown text as its tree (the one `changed` gives it, if any), without positions: what renders, not where it was written. */
function contentOf(issue: Issue, changed: ReadonlyMap<MarkdownText, Root> = new Map()): string {
  return JSON.stringify(issue, (key, value: unknown) => (key === 'position' ? undefined : isMarkdownText(value) ? (changed.get(value) ?? value.tree) : value));
}

function isMarkdownText(value: unknown): value is MarkdownText {
  return typeof value === 'object' && value !== null && 'tree' in value && 'fileOffset' in value;
}
