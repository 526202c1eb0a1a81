import type { Root } from 'mdast';

/**
 * The issue model every stage reads: lint rules, renderers, and later the
 * archive and the sender. Markdown fields carry their parsed tree, with
 * positions in coordinates of the issue file.
 */

export type MarkdownField = 'body' | 'summary' | 'opinion' | 'notes' | 'prerequisites';

export interface MarkdownText {
  field: MarkdownField;
  /** Index of the paper the text belongs to; undefined for the body. */
  paperIndex: number | undefined;
  text: string;
  /**
   * The mdast, positioned in `text`'s own coordinates (so one cached tree
   * serves wherever the text stands); `fileOffset` maps them into the file.
   */
  tree: Root;
  /** Offset in the issue file's text of an offset in `text`. */
  fileOffset: (textOffset: number) => number;
}

export type IssueStatus = 'draft' | 'ready' | 'sent';

export interface Paper {
  /** Position in the frontmatter's `papers` list (0-based). */
  index: number;
  /** Normalized identity across issues (see paper-id.ts). */
  id: string;
  title: string;
  url: string;
  authors: string[];
  year: number | undefined;
  venue: string | undefined;
  /** The bare arXiv id, from the field or derived from the URL. */
  arxiv: string | undefined;
  /** The identities (as `id`) it was published under before, from `formerly`: each old page leads to its page. */
  formerly: string[];
  /** The section path: `Technical alignment / Interpretability` is two levels. */
  section: string[];
  /** Each tag once: spellings of one tag page (names.ts `tagKey`: `Scaling laws`, `scaling laws`) as the first of them. */
  tags: string[];
  highlight: boolean;
  summarizer: string | undefined;
  via: string | undefined;
  prerequisites: MarkdownText | undefined;
  summary: MarkdownText;
  opinion: MarkdownText | undefined;
  /** Private: only the terminal preview and review proofs show it. */
  notes: MarkdownText | undefined;
}

export interface Issue {
  path: string;
  number: number;
  /** The numbers it was published under before a renumbering, as `formerly` writes them (the first, the one it was first published under): each old address leads to its page. */
  formerly: number[];
  title: string;
  /** YYYY-MM-DD as written. */
  date: string;
  subject: string;
  preheader: string | undefined;
  editor: string | undefined;
  reviewers: string[];
  status: IssueStatus;
  papers: Paper[];
  /** The Markdown body: introduction, then (after the marker) the closing. */
  body: MarkdownText;
  /**
   * Index in `body.tree.children` of the `<!-- papers -->` marker, where the
   * papers go; undefined when the papers follow the whole body.
   */
  papersMarker: number | undefined;
}

export const PAPERS_MARKER = '<!-- papers -->';

export function defaultSubject(issue: { number: number; title: string }): string {
  return `#${issue.number}: ${issue.title}`;
}

/** Every Markdown text of an issue: the body, then each paper's. */
export function markdownTexts(issue: Issue): MarkdownText[] {
  const texts = [issue.body];
  for (const paper of issue.papers) {
    for (const text of [paper.prerequisites, paper.summary, paper.opinion, paper.notes]) {
      if (text) texts.push(text);
    }
  }
  return texts;
}
