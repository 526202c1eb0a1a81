import type { Position } from 'unist';
import { markdownTexts, type IssueStatus } from '../issue/model.js';
import type { ParsedIssue } from '../issue/parse.js';
import { crossReferencesIn, type CrossReference } from '../issue/xref.js';
import { nodePosition } from './position.js';

/**
 * What the cross-issue rules need to know of one file. Facts are stored in
 * the lint cache, so an unchanged file is never parsed again just to compare
 * it with the others.
 */
export interface IssueFacts {
  path: string;
  /** The frontmatter was read; the other facts are empty when it was not. */
  readable: boolean;
  number: number | undefined;
  numberPosition: Position;
  title: string;
  date: string;
  status: IssueStatus;
  papers: { id: string; title: string; position: Position }[];
  references: { reference: CrossReference; position: Position }[];
}

export function extractFacts(parsed: ParsedIssue): IssueFacts {
  const issue = parsed.issue;
  const base = { path: parsed.source.path, numberPosition: parsed.locate(['number']) };
  if (!issue) {
    return { ...base, readable: false, number: undefined, title: '', date: '', status: 'draft', papers: [], references: [] };
  }
  return {
    ...base,
    readable: true,
    number: issue.number > 0 ? issue.number : undefined,
    title: issue.title,
    date: issue.date,
    status: issue.status,
    papers: issue.papers.map((paper) => ({ id: paper.id, title: paper.title, position: parsed.locate(['papers', paper.index, 'title']) })),
    references: markdownTexts(issue).flatMap((text) =>
      crossReferencesIn(text).map(({ reference, node }) => ({ reference, position: nodePosition(parsed, text, node) })),
    ),
  };
}
