import { isScalar, isSeq } from 'yaml';
import type { Node, Position } from 'unist';
import { paperAnchors } from './anchors.js';
import { markdownTexts, type IssueStatus, type MarkdownText } from './model.js';
import { problemAt, type ParsedIssue } from './parse.js';
import { writtenEdits } from './source.js';
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
  /** The numbers `formerly` says the issue was published under before, each at its place in the list; absent when it says none. */
  formerly?: { number: number; position: Position }[];
  title: string;
  date: string;
  /** Where `date` is written (the frontmatter's start when it is not). */
  datePosition: Position;
  status: IssueStatus;
  /**
   * A `status:` written but not one the format knows (`published`, `Ready`):
   * `status` is then the schema's fallback, `draft`, and a build stops at
   * the file rather than leave the issue out unsaid.
   */
  statusUnread: boolean;
  /**
   * Each paper: its id, title and anchor at its title's position; its tags
   * as written (tag-spelling), where each tag is written in `at`, four
   * numbers a tag (flat: the facts of every paper are read by every build);
   * for a paper named by its URL (`url:…` id), that `url` as written,
   * trimmed: what a `paper:` link to it copies (paper-covered-before's hint);
   * its authors as written, each one's place in `at` likewise
   * (author-spelling).
   */
  papers: { id: string; title: string; anchor: string; position: Position; url?: string; tags?: PlacedNames; authors?: PlacedNames }[];
  /**
   * Each `paper:` and `issue:` link; for an `issue:` link whose number the
   * link's text writes once, `numberAt`: where, in the file as written (no
   * BOM, its own line endings; `[start, end)`), for a fix that renumbers it
   * (lint's xref-renumbered-issue). Absent where the number cannot be
   * placed for sure (written twice in the link, or in a YAML escape).
   */
  references: { reference: CrossReference; position: Position; numberAt?: [number, number] }[];
}

/**
 * Names of a frontmatter list (a paper's tags or authors), each with where it
 * is written: `at` holds four numbers a name, flat: the line and column of
 * its start and of its end (its quotes included), as a `Position` numbers them.
 */
interface PlacedNames {
  names: string[];
  at: number[];
}

/** Where the `index`-th name of `placed` is written (`PlacedNames`); the frontmatter's start for a name without a place. */
export function namePosition(placed: PlacedNames, index: number): Position {
  const [line = 1, column = 1, endLine = line, endColumn = column] = placed.at.slice(4 * index, 4 * index + 4);
  return { start: { line, column }, end: { line: endLine, column: endColumn } };
}

export function extractFacts(parsed: ParsedIssue): IssueFacts {
  const issue = parsed.issue;
  const base = { path: parsed.source.path, numberPosition: parsed.locate(['number']), datePosition: parsed.locate(['date']) };
  if (!issue) {
    return { ...base, readable: false, number: undefined, title: '', date: '', status: saysDraft(parsed) ? 'draft' : 'ready', statusUnread: false, papers: [], references: [] };
  }
  const anchors = paperAnchors(issue.papers.map((paper) => paper.title));
  return {
    ...base,
    readable: true,
    number: issue.number > 0 ? issue.number : undefined,
    ...(issue.formerly.length > 0 ? { formerly: issue.formerly.map((number, i) => ({ number, position: parsed.locate(['formerly', i]) })) } : {}),
    title: issue.title,
    date: issue.date,
    status: issue.status,
    statusUnread: problemAt(parsed, ['status']) !== undefined,
    papers: issue.papers.map((paper, i) => ({
      id: paper.id,
      title: paper.title,
      anchor: anchors[i]!,
      position: parsed.locate(['papers', paper.index, 'title']),
      ...(paper.id.startsWith('url:') ? { url: paper.url.trim() } : {}),
      ...(paper.tags.length > 0 ? { tags: { names: paper.tags, at: itemPlaces(parsed, paper.index, 'tags', paper.tags) } } : {}),
      ...(paper.authors.length > 0 ? { authors: { names: paper.authors, at: itemPlaces(parsed, paper.index, 'authors', paper.authors) } } : {}),
    })),
    references: markdownTexts(issue).flatMap((text) =>
      crossReferencesIn(text).map(({ reference, node }) => ({ reference, position: nodePosition(parsed, text, node), ...writtenNumberAt(parsed, text, node, reference) })),
    ),
  };
}

/**
 * Where the number of an `issue:` link `node` of `text` is written in the
 * file as written (`IssueFacts.references` `numberAt`): the one `issue:`
 * and that number in the link's source, mapped to the file and checked
 * there (a YAML escape maps a text's offsets loosely: no place then).
 */
function writtenNumberAt(parsed: ParsedIssue, text: MarkdownText, node: Node, reference: CrossReference): { numberAt?: [number, number] } {
  if (reference.kind !== 'issue' || reference.issueNumber === undefined) return {};
  const start = node.position?.start.offset ?? 0;
  const written = [...text.text.slice(start, node.position?.end.offset ?? 0).matchAll(/issue:(\d+)(?!\d)/g)].filter((match) => match[1] === reference.target);
  if (written.length !== 1) return {};
  const from = text.fileOffset(start + written[0]!.index + 'issue:'.length);
  const to = from + reference.target.length;
  if (parsed.source.text.slice(from, to) !== reference.target) return {};
  return { numberAt: writtenEdits(parsed.source)({ range: [from, to], text: '' }).range };
}

/**
 * Where each of a paper's tags or authors (`names`, the model's: a tag
 * written twice kept once) is written: the line and column of the item of
 * its list that first says it, flat (`[line, column, line, column, …]`);
 * the list's own place for a name the list does not say as such.
 */
function itemPlaces(parsed: ParsedIssue, paper: number, key: 'tags' | 'authors', names: readonly string[]): number[] {
  const list = parsed.document?.getIn(['papers', paper, key], true);
  const written = isSeq(list) ? list.items.map((item) => (isScalar(item) ? String(item.value) : undefined)) : [];
  return names.flatMap((name) => {
    const item = written.indexOf(name);
    const { start, end } = parsed.locate(['papers', paper, key, ...(item === -1 ? [] : [item])]);
    return [start.line, start.column, end.line, end.column];
  });
}

/**
 * Whether a file whose frontmatter cannot be read still says plainly that
 * it is a draft: one top-level line `status: draft` (quoted or followed by
 * a comment alike), as the editor wrote it. Read from the lines, not from
 * what the yaml package made of them: past an error it may nest the keys
 * after it under an earlier one (`title: Broken: draft`, a line indented
 * too far or with a tab), or read them into a string (an unclosed quote)
 * or not at all (a stray `]`), or not parse them at all (no closing `---`
 * line). A file that says nothing, says `status:` twice, or says something
 * else is not a draft here.
 */
function saysDraft(parsed: ParsedIssue): boolean {
  const frontmatter = frontmatterLines(parsed);
  if (frontmatter === undefined) return false;
  const statuses = [...frontmatter.matchAll(TOP_LEVEL_STATUS)];
  return statuses.length === 1 && DRAFT.test(statuses[0]![1]!);
}

/**
 * The frontmatter's text as written: between its fences (parse.ts sets the
 * document once both are found); with no closing fence (a draft being
 * written), everything after the opening one; of a file over a content
 * limit, refused before anything of it was parsed, the lines between its
 * fences as they stand (a draft of 50,001 lines stopped every build). A
 * file with no opening fence has none.
 */
function frontmatterLines(parsed: ParsedIssue): string | undefined {
  const text = parsed.source.text;
  if (parsed.document) return text.slice(parsed.frontmatterOffset, parsed.bodyOffset);
  if (parsed.frontmatterOffset > 0) return text.slice(parsed.frontmatterOffset);
  if (parsed.problems[0]?.ruleId !== 'content-limits' || !OPENING_FENCE.test(text)) return undefined;
  const start = text.indexOf('\n') + 1;
  const closing = CLOSING_FENCE.exec(text.slice(start));
  return text.slice(start, closing ? start + closing.index : undefined);
}

/** A first line of `---` alone (trailing blanks aside), as gray-matter opens a frontmatter. */
const OPENING_FENCE = /^---[ \t]*\r?\n/;
/** A later line of `---` alone. */
const CLOSING_FENCE = /^---[ \t]*$/m;

/** A `status:` key at the start of a line (the top level of the frontmatter), with what follows it. */
const TOP_LEVEL_STATUS = /^status[ \t]*:(.*)$/gm;
/** `draft` as a value after a `status:` key: plain or quoted, with a comment or without. */
const DRAFT = /^[ \t]+(?:draft|"draft"|'draft')[ \t]*(?:#.*)?$/;
