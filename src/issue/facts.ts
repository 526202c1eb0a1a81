import type { Position } from 'unist';
import { isMap, isScalar } from 'yaml';
import { paperAnchors } from './anchors.js';
import { markdownTexts, type IssueStatus } from './model.js';
import type { ParsedIssue } from './parse.js';
import { nodePosition } from './text-position.js';
import { crossReferencesIn, type CrossReference } from './xref.js';

/**
 * What the other issues need to know of one file: cross-issue lint rules, and
 * renderers resolving cross-references (see corpus.ts). Facts are plain data,
 * stored in the lint cache, so an unchanged file is never parsed again just
 * to compare it with the others.
 */
export interface IssueFacts {
  path: string;
  /**
   * The frontmatter was read; the other facts are empty when it was not,
   * but for `status`: `draft` when the file still says so plainly
   * (`saysDraft`), else `ready`, so that a build skips a draft being
   * written and stops at any other file it cannot read.
   */
  readable: boolean;
  number: number | undefined;
  numberPosition: Position;
  title: string;
  date: string;
  status: IssueStatus;
  papers: { id: string; title: string; anchor: string; position: Position }[];
  references: { reference: CrossReference; position: Position }[];
}

export function extractFacts(parsed: ParsedIssue): IssueFacts {
  const issue = parsed.issue;
  const base = { path: parsed.source.path, numberPosition: parsed.locate(['number']) };
  if (!issue) {
    return { ...base, readable: false, number: undefined, title: '', date: '', status: saysDraft(parsed) ? 'draft' : 'ready', papers: [], references: [] };
  }
  const anchors = paperAnchors(issue.papers.map((paper) => paper.title));
  return {
    ...base,
    readable: true,
    number: issue.number > 0 ? issue.number : undefined,
    title: issue.title,
    date: issue.date,
    status: issue.status,
    papers: issue.papers.map((paper, i) => ({ id: paper.id, title: paper.title, anchor: anchors[i]!, position: parsed.locate(['papers', paper.index, 'title']) })),
    references: markdownTexts(issue).flatMap((text) =>
      crossReferencesIn(text).map(({ reference, node }) => ({ reference, position: nodePosition(parsed, text, node) })),
    ),
  };
}

/**
 * Whether a file whose frontmatter cannot be read still says plainly that
 * it is a draft: `status: draft` once at the top level of what the yaml
 * package read around the error (it reads on past one); a file that says
 * nothing, says it twice, or says something else is not a draft here.
 */
function saysDraft(parsed: ParsedIssue): boolean {
  const contents = parsed.document?.contents;
  if (!isMap(contents)) return false;
  const statuses = contents.items.filter((pair) => isScalar(pair.key) && pair.key.value === 'status');
  return statuses.length === 1 && isScalar(statuses[0]!.value) && statuses[0]!.value.value === 'draft';
}
