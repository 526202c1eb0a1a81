import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PaperRecord, RecordFacts, SummaryText } from '../../src/archive/issue-output.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';

export const BASE_URL = 'https://news.example.org/';

/** Words that must never reach the site: a private note, and a draft's summary. */
export const PRIVATE_NOTE = 'Private-note-never-published';
export const DRAFT_WORD = 'Unpublished-draft-finding';
/** A word of one summary only, for search. */
export const SEARCH_WORD = 'quokkaformer';

const second = `  - title: "Attention <is> all & you ]]> need"
    url: https://arxiv.org/abs/1706.03762
    arxiv: "1706.03762"
    authors: [Ashish Vaswani, Noam Shazeer]
    year: 2017
    section: Architectures
    tags: [transformers]
    highlight: true
    summary: |
      =SUM(1,2) is what a spreadsheet would run. The loss is $\\mathcal{L} = -\\log p_\\theta(x)$,
      and the ${SEARCH_WORD} variant is faster.

      Second paragraph, see [the mirage paper](paper:2304.15004).
    opinion: |
      Foundational.
    notes: |
      ${PRIVATE_NOTE}
  - title: Are Emergent Abilities of Large Language Models a Mirage?
    url: https://arxiv.org/abs/2304.15004
    arxiv: "2304.15004"
    authors: [Rylan Schaeffer, Brando Miranda, Sanmi Koyejo]
    year: 2023
    section: Evaluations
    tags: [emergence]
    summary: |
      A second look at the mirage[^m]: the metrics again.

      [^m]: Its note, which the issue page, the paper's page and the feeds show.
`;

const third = `  - title: Our blog post on evaluations
    url: https://blog.example.com/posts/evals?utm_source=x
    authors: [Jane Doe]
    section: Evaluations
    tags: [evaluations, emergence]
    summary: |
      Evaluations, plainly.
`;

const draft = `  - title: A draft paper
    url: https://arxiv.org/abs/2401.00001
    authors: [Draft Author]
    year: 2024
    section: Evaluations
    summary: |
      ${DRAFT_WORD} in a draft.
`;

/** A newsletter of three published issues and a draft, with the cases the archive must handle. */
export function archiveRoot(make: typeof makeRoot = makeRoot): string {
  return make({
    'issues/0001-a.md': cleanIssue({ number: 1 }),
    'issues/0002-b.md': cleanIssue({ number: 2, title: '"Attention & <mirages>"', date: '2023-06-05', papers: second, body: 'Intro with [issue one](issue:1).' }),
    'issues/0003-c.md': cleanIssue({ number: 3, title: 'Evaluations', date: '2023-06-12', papers: third }),
    'issues/0004-d.md': cleanIssue({ number: 4, title: 'Draft', date: '2023-06-19', status: 'draft', papers: draft }),
  });
}

/** Replaces `text` with `replacement` in the issue file of `root` that holds it (the archive fixture's `tags: [transformers]`, say); throws when none does, so a test cannot pass on an edit that never happened. */
export function replaceInIssues(root: string, text: string, replacement: string): void {
  const issues = join(root, 'issues');
  const file = readdirSync(issues)
    .map((name) => join(issues, name))
    .find((path) => readFileSync(path, 'utf8').includes(text));
  if (!file) throw new Error(`No issue file of ${root} holds ${JSON.stringify(text)}`);
  writeFileSync(file, readFileSync(file, 'utf8').replace(text, replacement));
}

/** The facts of a record of paper `n` (arXiv 2301.0000n of 2023 by Ada Lovelace, in issue 1), `fields` over them: what unit tests of the paper database, its pages and its bibliography are made of. */
export function recordFacts(n: number, fields: Partial<RecordFacts> = {}): RecordFacts {
  const arxiv = `2301.${String(n).padStart(5, '0')}`;
  return {
    id: `arxiv:${arxiv}`,
    title: `Paper ${n}`,
    url: `https://arxiv.org/abs/${arxiv}`,
    authors: ['Ada Lovelace'],
    year: 2023,
    venue: undefined,
    arxiv,
    formerly: [],
    tags: [],
    section: [],
    highlight: false,
    summarizer: undefined,
    via: undefined,
    issue: { number: 1, date: '2023-01-02', title: 'One' },
    number: n,
    anchor: `paper-${n}`,
    ...fields,
  };
}

/** A summary of one paragraph of `words` without Markdown syntax or math: its Markdown and words alike, its lead all of them. */
export function summaryText(words: string): SummaryText {
  return { markdown: words, plain: words, html: `<p>${words}</p>`, lead: { words, whole: [] } };
}

/** `recordFacts` with a one-sentence summary (`Summary.`) and no other text. */
export function paperRecord(n: number, fields: Partial<PaperRecord> = {}): PaperRecord {
  return { ...recordFacts(n), summary: summaryText('Summary.'), opinion: undefined, prerequisites: undefined, footnotes: undefined, ...fields };
}
