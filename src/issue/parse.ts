import matter from 'gray-matter';
import type { Root } from 'mdast';
import type { Position } from 'unist';
import { Document, isMap, isScalar, parseDocument, visit } from 'yaml';
import { LineIndex } from '../diagnostics/position.js';
import { valueAt } from '../diagnostics/value-at.js';
import { documentData } from '../diagnostics/yaml-aliases.js';
import { locateInYaml, type YamlPath } from '../diagnostics/yaml-locate.js';
import { yamlNestingExcess } from '../diagnostics/yaml-nesting.js';
import { yamlCollectionExcess } from '../diagnostics/yaml-collection-size.js';
import { closeBidiControls } from './bidi-controls.js';
import { replaceControlCharacters } from '../diagnostics/control-characters.js';
import { checkFileDelimiterRuns, checkFileDollars, checkFileLines, checkFileTablePipes, checkFileUrls, ContentLimitError, MAX_NESTING, withinLimits, yamlCollectionError, yamlNestingError } from './limits.js';
import { parseMarkdown } from './markdown.js';
import { defaultSubject, PAPERS_MARKER, type Issue, type MarkdownField, type MarkdownText, type Paper } from './model.js';
import { distinctTags } from './names.js';
import { numberFormProblem } from './number-form.js';
import { arxivIdFromUrl, normalizePaperId, paperIdFromReference, parseArxivId, subjectClassIdentity, urlFormIdentity } from './paper-id.js';
import { scalarOffsetMap } from './scalar-offsets.js';
import { describeSchemaIssues } from './schema-messages.js';
import { misreadKey } from '../diagnostics/yaml-misread-key.js';
import { issueSchema, lenientIssueSchema, lenientPaperSchema, type IssueFrontmatter, type PaperFrontmatter } from './schema.js';
import { splitSectionPath } from '../config/section-path.js';
import type { IssueSource, TextEdit } from './source.js';
import { nodeAt, textFields, writtenCollectionStart, writtenPlainScalar } from './text-fields.js';
import { yamlProblems } from './yaml-errors.js';
import { yamlAnchorProblems, yamlTagProblems } from './yaml-tags.js';

/** A content problem found while parsing; the rule of the same id reports it. */
export interface ParseProblem {
  ruleId: 'file-encoding' | 'frontmatter-missing' | 'yaml-syntax' | 'yaml-comment-in-text' | 'frontmatter-schema' | 'content-limits';
  message: string;
  position: Position;
  /** An edit of the file's text that is proven to fix it (a tagged text put in quotes, yaml-tags.ts; a tab indenting a line replaced by the spaces of the lines beside it, diagnostics/yaml-tab-indent.ts). */
  fix?: TextEdit;
}

/** Everything lint rules and renderers need to know about one file. */
export interface ParsedIssue {
  source: IssueSource;
  lines: LineIndex;
  problems: ParseProblem[];
  /** The frontmatter, when the file has one that YAML could read. */
  document: Document.Parsed | undefined;
  /** Offset of the YAML text (after the opening `---` line) in the file's text. */
  frontmatterOffset: number;
  /** Offset of the Markdown body in the file's text. */
  bodyOffset: number;
  /** The model, read leniently: present whenever the frontmatter is a mapping. */
  issue: Issue | undefined;
  /** Where a frontmatter key or value is; the nearest existing ancestor when missing. */
  locate(path: YamlPath, part?: 'key' | 'value'): Position;
}

/**
 * Parses Markdown for `parseIssue`; a cache can stand in for remark. The
 * returned tree is shared, never mutated.
 */
export type MarkdownParser = (text: string) => Root;

export interface ParseOptions {
  parseMarkdown?: MarkdownParser;
}

const FENCE = '---';

/**
 * For reads that need only the frontmatter (the next issue number, other
 * issues' facts): the Markdown is not parsed; every text gets one shared,
 * empty tree, which is never mutated.
 */
const EMPTY_TREE: Root = { type: 'root', children: [] };
export const FRONTMATTER_ONLY: ParseOptions = { parseMarkdown: () => EMPTY_TREE };

/** The problem the parser found with the value at `path` (it starts where the value does), if any: a value read as the schema's fallback. */
export function problemAt(parsed: ParsedIssue, path: YamlPath): ParseProblem | undefined {
  // Asked of every file's facts: most have no problem, and locating walks the YAML.
  if (parsed.problems.length === 0) return undefined;
  const at = parsed.locate(path).start.offset;
  return parsed.problems.find((problem) => problem.position.start.offset === at);
}

/**
 * Parses one issue file. Never throws for what a file contains: a text over
 * the limits (limits.ts) and any other failure become the file's problems,
 * without a model, so that no renderer meets what could not be read.
 */
export function parseIssue(source: IssueSource, options: ParseOptions = {}): ParsedIssue {
  // Asked for before the guard: a source that cannot give its text (changed while it was read, source.ts) is not a problem of the file's content.
  const { text } = source;
  try {
    return parseIssueUnguarded(source, options);
  } catch (error) {
    const lines = new LineIndex(text);
    const problem: ParseProblem =
      error instanceof ContentLimitError
        ? { ruleId: 'content-limits', message: error.message, position: lines.position(error.fileOffset) }
        : { ruleId: 'content-limits', message: `Unexpected failure reading this file (${String(error).split('\n')[0]}), expected a file paperboy can read: undo the last change, and report this as a bug in paperboy`, position: lines.position(0) };
    return { source, lines, problems: [problem], document: undefined, frontmatterOffset: 0, bodyOffset: 0, issue: undefined, locate: () => lines.position(0) };
  }
}

function parseIssueUnguarded(source: IssueSource, options: ParseOptions): ParsedIssue {
  const parse = options.parseMarkdown ?? withinLimits(parseMarkdown);
  const lines = new LineIndex(source.text);
  const problems: ParseProblem[] = [];
  const parsed: ParsedIssue = {
    source,
    lines,
    problems,
    document: undefined,
    frontmatterOffset: 0,
    bodyOffset: 0,
    issue: undefined,
    locate: () => lines.position(0),
  };

  if (source.unreadable) {
    const { line = 1, column = 1, message, cause } = source.unreadable;
    const point = { line, column };
    // A file that cannot be opened says how to make it readable: its problem is not in a line to fix.
    const said = cause ? `${message}. ${cause.fix}` : message;
    problems.push({ ruleId: source.unreadable.kind === 'limit' ? 'content-limits' : 'file-encoding', message: said, position: { start: point, end: point } });
    return parsed;
  }
  const text = source.text;
  // Refused before any parse: each delimiter run and each table cell costs micromark time, wherever the texts are cut;
  // each formula, each link and each line costs every output (limits.ts).
  checkFileDelimiterRuns(text);
  checkFileTablePipes(text);
  checkFileDollars(text);
  checkFileUrls(text);
  checkFileLines(text);
  if (text.trim() === '') {
    problems.push({ ruleId: 'frontmatter-missing', message: 'Unexpected empty file, expected frontmatter between `---` lines and a Markdown body', position: lines.position(0) });
    return parsed;
  }
  if (!/^---[ \t]*\n/.test(text)) {
    problems.push({ ruleId: 'frontmatter-missing', message: missingFrontmatter(text), position: lines.position(0) });
    return parsed;
  }

  // gray-matter finds the fences; the yaml package parses, keeping positions.
  const split = matter(text, { engines: { yaml: () => ({}) } });
  const closed = /\n---[ \t]*(\n|$)/.test(text.slice(FENCE.length));
  const frontmatterOffset = text.indexOf('\n') + 1;
  parsed.frontmatterOffset = frontmatterOffset;
  if (!closed) {
    problems.push({ ruleId: 'yaml-syntax', message: 'Unclosed frontmatter, expected a closing `---` line after the YAML keys', position: lines.position(0, FENCE.length) });
    return parsed;
  }
  const yamlText = split.matter.replace(/^[ \t]*\n/, '');
  const bodyOffset = text.length - split.content.length;
  parsed.bodyOffset = bodyOffset;

  // Refused before the parse, whose recursion it would exhaust (diagnostics/yaml-nesting.ts).
  const deep = yamlNestingExcess(yamlText, MAX_NESTING);
  if (deep) {
    const error = yamlNestingError(deep);
    error.fileOffset = frontmatterOffset + deep.offset;
    throw error;
  }
  // Refused before the parse too, whose time grows with the square of a mapping's keys (diagnostics/yaml-collection-size.ts).
  const large = yamlCollectionExcess(yamlText);
  if (large) {
    const error = yamlCollectionError(large);
    error.fileOffset = frontmatterOffset + large.offset;
    throw error;
  }
  const document = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  parsed.document = document;
  parsed.locate = (path, part = 'value') => locateInYaml(document, path, part, frontmatterOffset, lines);
  for (const { ruleId = 'yaml-syntax', message, range: [start, end], fix } of yamlProblems(document, yamlText, (offset) => lines.position(frontmatterOffset + offset).start.line)) {
    const edit = fix && { range: [frontmatterOffset + fix.range[0], frontmatterOffset + fix.range[1]] as [number, number], text: fix.text };
    problems.push({ ruleId, message, position: lines.position(frontmatterOffset + start, frontmatterOffset + end), ...(edit ? { fix: edit } : {}) });
  }
  if (problems.length > 0) return parsed;
  // A tag YAML drops, or that makes a value another type, is no reading of what was written, and neither is a text whose
  // start YAML took for an anchor: the issue is not read further, as for an error.
  for (const { message, range: [start, end], fix } of [...yamlTagProblems(document, yamlText), ...yamlAnchorProblems(document, yamlText)]) {
    const edit = fix && { range: [frontmatterOffset + fix.range[0], frontmatterOffset + fix.range[1]] as [number, number], text: fix.text };
    problems.push({ ruleId: 'yaml-syntax', message, position: lines.position(frontmatterOffset + start, frontmatterOffset + end), ...(edit ? { fix: edit } : {}) });
  }
  if (problems.length > 0) return parsed;
  // In one walk over every string of the frontmatter (its titles, names, tags, texts), before it is read into the model:
  // control characters, which the no-control-character rule reports, never reach an output, nor does an override that
  // reaches past its text into what an output prints after it. The body is left as written: an output gives it blocks of
  // its own, which end every bidi scope (UAX #9 P1), and its offsets must stay those of the file.
  visit(document, {
    Scalar(_, node) {
      if (typeof node.value === 'string') node.value = closeBidiControls(replaceControlCharacters(node.value));
    },
  });

  const read = documentData(document);
  if ('aliasBomb' in read) {
    const [start, end] = read.aliasBomb;
    problems.push({ ruleId: 'yaml-syntax', message: `Unexpected YAML aliases ${read.excess}, expected ${read.repeatsText ? 'each long value written out once (an alias for a short value such as a list of authors)' : 'each value written out (or aliased a few times)'}`, position: lines.position(frontmatterOffset + start, frontmatterOffset + end) });
    return parsed;
  }
  const data = read.data;
  if (!isMap(document.contents) && document.contents !== null) {
    problems.push({ ruleId: 'frontmatter-schema', message: 'Unexpected frontmatter that is not a mapping of keys, expected `number:`, `title:`, `date:` and `papers:`', position: lines.position(frontmatterOffset) });
    return parsed;
  }
  const written = (path: YamlPath) => writtenPlainScalar(document, yamlText, path);
  // First among the schema's problems: the one a build that cannot publish the issue names (archive/published.ts).
  const misWrittenNumber = numberFormProblem(written(['number']), valueAt(data, ['number']));
  if (misWrittenNumber) problems.push({ ruleId: 'frontmatter-schema', message: misWrittenNumber, position: parsed.locate(['number']) });
  const checked = issueSchema.safeParse(data);
  if (!checked.success) {
    const misread = (mapPath: YamlPath, key: string, known: readonly string[]) => misreadKey(nodeAt(document, mapPath), key, yamlText, known);
    const writtenStart = (path: YamlPath) => writtenCollectionStart(document, yamlText, path);
    for (const problem of describeSchemaIssues(checked.error.issues, data, written, misread, writtenStart)) {
      const position = problem.range ? lines.position(frontmatterOffset + problem.range[0], frontmatterOffset + problem.range[1]) : parsed.locate(problem.path, problem.part);
      problems.push({ ruleId: 'frontmatter-schema', message: problem.message, position });
    }
  }

  const markdown = (field: MarkdownField, paperIndex: number | undefined, path: YamlPath): MarkdownText | undefined => {
    const node = nodeAt(document, path);
    if (!isScalar(node)) return undefined;
    if (typeof node.value === 'string') {
      const toYamlOffset = scalarOffsetMap(node, yamlText);
      return markdownText(field, paperIndex, node.value, (offset) => frontmatterOffset + toYamlOffset(offset), parse);
    }
    // `summary: 42`: frontmatter-schema reports it; the text is published as written (its source, character for character), not dropped.
    const source = written(path);
    if (source === undefined || source === '') return undefined;
    const start = frontmatterOffset + node.range![0];
    return markdownText(field, paperIndex, source, (offset) => start + offset, parse);
  };
  const bodyText = markdownText('body', undefined, replaceControlCharacters(split.content), (offset) => bodyOffset + offset, parse);
  const front = frontmatterOf(checked.success ? data : withTextsAsWritten(data, document, yamlText), checked);
  // Read as no number, as a number the schema refuses is (the lenient 0): never published under the one YAML made of it.
  parsed.issue = buildIssue(source.path, misWrittenNumber ? { ...front, number: 0 } : front, bodyText, markdown);
  return parsed;
}

/**
 * `data` with every text value YAML read as a number, boolean or null
 * (`title: 1984`, `venue: 42`, an author `true`) as the editor wrote it, so
 * that the lenient schema keeps it instead of its empty fallback:
 * frontmatter-schema reports it, and the issue is published as written.
 * `data` itself is not changed.
 */
function withTextsAsWritten(data: unknown, document: Document.Parsed, yamlText: string): unknown {
  const misread = textFields(document).filter(({ node }) => node.type === 'PLAIN' && typeof node.value !== 'string' && node.range);
  if (misread.length === 0) return data;
  const copy = structuredClone(data);
  for (const { path, node } of misread) {
    const parent = valueAt(copy, path.slice(0, -1));
    if (parent !== null && typeof parent === 'object') (parent as Record<string | number, unknown>)[path.at(-1)!] = yamlText.slice(node.range![0], node.range![1]);
  }
  return copy;
}

/** The frontmatter as read for the model: a paper that cannot be read at all is undefined. */
interface Frontmatter extends Omit<IssueFrontmatter, 'papers'> {
  papers: (PaperFrontmatter | undefined)[];
}

/**
 * A valid frontmatter is already read by the strict schema (whose values the
 * lenient one would repeat); only a file with errors takes the lenient pass.
 */
function frontmatterOf(data: unknown, checked: ReturnType<typeof issueSchema.safeParse>): Frontmatter {
  // The strict schema reads papers as papers; its builder, shared with the
  // lenient one, types them as a union with the lenient `unknown[]`.
  if (checked.success) return { ...checked.data, papers: checked.data.papers as PaperFrontmatter[] };
  const front = lenientIssueSchema.parse(data);
  return {
    ...front,
    papers: front.papers.map((raw) => {
      const read = lenientPaperSchema.safeParse(raw);
      return read.success ? read.data : undefined;
    }),
  };
}

function markdownText(
  field: MarkdownField,
  paperIndex: number | undefined,
  text: string,
  fileOffset: (offset: number) => number,
  parse: MarkdownParser,
): MarkdownText {
  try {
    return { field, paperIndex, text, tree: parse(text), fileOffset };
  } catch (error) {
    if (error instanceof ContentLimitError) error.fileOffset = fileOffset(error.offset);
    throw error;
  }
}

type MarkdownAt = (field: MarkdownField, paperIndex: number | undefined, path: YamlPath) => MarkdownText | undefined;

/** Stands in for a required text that is missing (frontmatter-schema reports it). */
function emptyText(field: MarkdownField, paperIndex: number): MarkdownText {
  return { field, paperIndex, text: '', tree: { type: 'root', children: [] }, fileOffset: () => 0 };
}

/**
 * The identities a paper was published under before: its `formerly`
 * entries, and the identity paperboy 0.8.0 and before gave it where it is
 * another now: an old-style arXiv id written with its subject class
 * (`subjectClassIdentity`), a paper linked in a form now read as its arXiv
 * id, its DOI or its OpenReview forum (`urlFormIdentity`).
 */
function formerIdentities(paper: { url: string; arxiv?: string | undefined; formerly: readonly string[] }): string[] {
  const written = paper.formerly.flatMap((former) => paperIdFromReference(former) ?? []);
  return [...written, ...[subjectClassIdentity(paper), urlFormIdentity(paper)].filter((id) => id !== undefined)];
}

function buildIssue(path: string, front: Frontmatter, body: MarkdownText, markdown: MarkdownAt): Issue {
  const papers: Paper[] = [];
  front.papers.forEach((paper, index) => {
    if (!paper) return;
    const at = (field: MarkdownField) => markdown(field, index, ['papers', index, field]);
    papers.push({
      index,
      id: normalizePaperId(paper, { issue: front.number, index }),
      title: paper.title,
      url: paper.url,
      authors: paper.authors,
      year: paper.year,
      venue: paper.venue,
      arxiv: (paper.arxiv === undefined ? undefined : parseArxivId(paper.arxiv)) ?? arxivIdFromUrl(paper.url)?.id,
      formerly: formerIdentities(paper),
      section: paper.section ? splitSectionPath(paper.section) : [],
      tags: distinctTags(paper.tags),
      highlight: paper.highlight,
      summarizer: paper.summarizer,
      via: paper.via,
      prerequisites: at('prerequisites'),
      summary: at('summary') ?? emptyText('summary', index),
      opinion: at('opinion'),
      notes: at('notes'),
    });
  });
  const marker = body.tree.children.findIndex((node) => node.type === 'html' && node.value.trim() === PAPERS_MARKER);
  return {
    path,
    number: front.number,
    formerly: front.formerly,
    title: front.title,
    date: front.date,
    subject: front.subject ?? defaultSubject(front),
    preheader: front.preheader,
    editor: front.editor,
    reviewers: front.reviewers,
    status: front.status,
    papers,
    body,
    papersMarker: marker === -1 ? undefined : marker,
  };
}

/**
 * Why a file does not start with its frontmatter's `---`: one hidden in
 * front of it (a second byte-order mark, which the file's first one, taken
 * off as it is read, does not cover; a zero-width space; blank lines) is
 * named, so the editor does not look for a `---` the file visibly has.
 */
function missingFrontmatter(text: string): string {
  const fence = /^([\s\uFEFF\u200B-\u200D\u2060]+)---[ \t]*\n/.exec(text);
  if (fence) {
    const hidden = [...fence[1]!].find((char) => /[\uFEFF\u200B-\u200D\u2060]/.test(char));
    const what = hidden === undefined ? 'blank lines or spaces' : `invisible character U+${hidden.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}${hidden === '\uFEFF' ? ' (a byte-order mark)' : ''}`;
    return `Unexpected ${what} before the \`---\` that opens the frontmatter, expected the file to start with that \`---\` line`;
  }
  return 'Missing frontmatter, expected the file to start with a `---` line, the YAML keys, and a closing `---` line';
}
