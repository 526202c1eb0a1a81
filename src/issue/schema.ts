import { z } from 'zod';
import { MAX_PAPER_TAGS } from './limits.js';
import { distinctTags } from './names.js';
import { paperIdFromReference } from './paper-id.js';
import { joinedLines } from './unspaced-script.js';

/**
 * The frontmatter contract of SPEC, written once. `strict` reports every
 * deviation (unknown keys included); `lenient` reads what it can from a file
 * that has errors, so that the other rules can still check the rest of it.
 */
type SchemaMode = 'strict' | 'lenient';

const ISSUE_STATUSES = ['draft', 'ready', 'sent'] as const;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function schemas(mode: SchemaMode) {
  const lenient = mode === 'lenient';
  // In lenient mode a bad value becomes its fallback instead of an error.
  const field = <T extends z.ZodType>(schema: T, fallback: z.output<T>) =>
    lenient ? schema.catch(fallback) : schema;
  const object = <S extends z.ZodRawShape>(shape: S) => (lenient ? z.object(shape) : z.strictObject(shape));
  const text = z.string().trim().min(1);
  // A value shown on one line (a title, a name, a tag): a line break YAML keeps (`title: |`) is a space, as a page
  // shows it (none between two Chinese or Japanese characters, `joinedLines`). Kept, it glued words in anchors
  // (`a-studywith-two-lines`), split plaintext titles and stayed in the data files.
  const line = z.string().transform(joinedLines).pipe(text);
  const names = z.array(line);

  const paper = object({
    title: field(line, ''),
    url: field(text, ''),
    authors: field(names.optional(), []).default([]),
    year: field(z.number().int().min(1900).max(2100).optional(), undefined),
    venue: field(line.optional(), undefined),
    arxiv: field(z.string().optional(), undefined),
    // The arXiv ids or URLs the paper was published under before a correction: its old pages lead to its page (site-plan.ts `formerPages`).
    formerly: field(z.array(text.refine((value) => paperIdFromReference(value) !== undefined, 'expected an arXiv id or a URL the paper was published under before')).optional(), []).default([]),
    section: field(line.optional(), undefined),
    // Bounded: a tag is a page listing its papers with all their tags (limits.ts). Counted as the archive
    // counts them, each tag once (names.ts `distinctTags`: `Scaling`, `scaling` and `scaling` are one page).
    tags: field(names.transform(distinctTags).pipe(z.array(z.string()).max(MAX_PAPER_TAGS)).optional(), []).default([]),
    highlight: field(z.boolean().optional(), false).default(false),
    summarizer: field(line.optional(), undefined),
    via: field(line.optional(), undefined),
    prerequisites: field(text.optional(), undefined),
    // Blank is not written: an empty summary would publish a paper with nothing under it, an empty opinion an "Opinion" label alone.
    summary: field(text, ''),
    opinion: field(text.optional(), undefined),
    notes: field(text.optional(), undefined),
  });

  const issue = object({
    // `min(1)`, not `positive()`: the bound a message names is then the smallest number allowed (docs/issue-format.md: integer ≥ 1).
    number: field(z.number().int().min(1), 0),
    title: field(line, ''),
    date: field(z.string().regex(DATE_PATTERN, 'expected a date as YYYY-MM-DD'), ''),
    subject: field(line.optional(), undefined),
    preheader: field(line.optional(), undefined),
    editor: field(line.optional(), undefined),
    reviewers: field(names.optional(), []).default([]),
    status: field(z.enum(ISSUE_STATUSES).optional(), 'draft').default('draft'),
    // The numbers the issue was published under before a renumbering: each old address leads to its page (archive/former-issue-pages.ts).
    formerly: field(z.array(z.number().int().min(1)).optional(), []).default([]),
    papers: lenient ? z.array(z.unknown()).catch([]) : z.array(paper),
  });
  return { issue, paper };
}

const strict = schemas('strict');
const lenient = schemas('lenient');

export const issueSchema = strict.issue;
export const lenientIssueSchema = lenient.issue;
export const lenientPaperSchema = lenient.paper;

export type IssueFrontmatter = z.output<typeof strict.issue>;
export type PaperFrontmatter = z.output<typeof strict.paper>;

/**
 * The keys whose value is text a person wrote, or a list of such texts: YAML
 * must read them exactly as written (see text-fields.ts).
 */
export const ISSUE_TEXT_KEYS: readonly string[] = ['title', 'subject', 'preheader', 'editor', 'reviewers'];
export const PAPER_TEXT_KEYS: readonly string[] = ['title', 'authors', 'venue', 'section', 'tags', 'summarizer', 'via', 'prerequisites', 'summary', 'opinion', 'notes'];

export const ISSUE_KEYS = Object.keys(strict.issue.shape);
export const PAPER_KEYS = Object.keys(strict.paper.shape);
