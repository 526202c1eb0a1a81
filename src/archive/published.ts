import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Position } from 'unist';
import type { Config } from '../config/load.js';
import { FILE_CHANGED, PaperboyError, type ExitCode } from '../errors.js';
import { growHeapSlowly } from '../workers/heap.js';
import { ProcessPool, worthAPool, type ChildrenAhead } from '../workers/process-pool.js';
import { renderPool } from './render-workers.js';
import { CorpusReading, readsHold, type CorpusReads } from '../issue/corpus.js';
import { problemAt, type ParsedIssue, type ParseProblem } from '../issue/parse.js';
import { extractFacts, type IssueFacts } from '../issue/facts.js';
import { missingImageMessage, siteImages } from '../issue/site-images.js';
import { nodePosition } from '../issue/text-position.js';
import { flatCopy } from '../issue/flat-copy.js';
import { Workspace, type IssueFile } from '../issue/workspace.js';
import { calendarProblem } from '../diagnostics/date-as-written.js';
import { renderFailure } from '../render/issue-email.js';
import { templateFiles } from '../render/template-files.js';
import { loadTemplates, type TemplateSet } from '../render/templates.js';
import { recentlyUsed } from '../recently-used.js';
import { sha256 } from '../sha256.js';
import { VERSION } from '../version.js';
import { BuildCache, storedOutput } from './build-cache.js';
import { packageVersion } from './package-version.js';
import type { PaperDatabase } from './paper-database.js';
import { cachedPaperDatabase, paperDatabaseFile } from './paper-database-cache.js';
import { renderIssueOutput, summarizeIssue, type IssueOutput, type IssueRendering, type IssueSummary, type PaperRecord, type RecordSummary, type SiteImage, type UnreadValue } from './issue-output.js';
import type { TextSource } from './pages.js';
import { valuesPublishedWrongly } from './published-wrongly.js';
import { append } from '../arrays.js';

/** Values of one issue file at their places, in lint's words: what the parser could not read, or a lint message. */
export type FileValues = PublishedIssues['unread'][number];

/** The issues a build publishes: their summaries for every list, their full outputs where a page shows them. */
export interface PublishedIssues {
  /** Oldest first. */
  issues: IssueSummary[];
  /** How many were rendered anew; the others came from the cache. Read it once the pages are made: a stored rendering found damaged then is rendered again, and counted. */
  readonly rendered: number;
  /** Values the parser could not read in the published issues' files (each published without them), and their images of the site's own whose file the site lacks (`siteFiles`), by file, in file order. */
  unread: { path: string; values: UnreadValue[] }[];
  /** A published issue's rendering by number (its page, email files and feed entry), from the cache, or rendered again if its stored file is gone. */
  rendering(number: number): IssueRendering;
  /** A published issue's records by number (its papers' texts), likewise. */
  records(number: number): PaperRecord[];
}

/**
 * How many issues' renderings, and records, stay in memory: enough for the
 * pages that show a few issues in turn, never the whole archive (~95 and
 * ~40 KB each as JSON).
 */
const KEPT = 32;

/**
 * Every issue to publish (drafts too with `drafts`), oldest first, each
 * summarized from the build cache or rendered anew: what the archive and
 * `paperboy papers` read. Many issues to render (a cold build) are
 * rendered on every core (render-workers.ts) when the cache is on (the
 * workers store what they render there), by the workers started `ahead`
 * if there are any. Throws (exit 1) naming every
 * issue that cannot be published; a template's error (exit 2) as it is.
 */
export async function publishedIssues(
  workspace: Workspace,
  options: { drafts: boolean; cache: boolean; templates?: TemplateSet; progress?: (rendered: number, total: number) => void; siteFiles?: ReadonlySet<string>; ahead?: ChildrenAhead },
): Promise<PublishedIssues> {
  // Files that cannot be published are named with the others' failures, after rendering: every problem in one run.
  const { files, failures: fileFailures } = publishedFiles(workspace, options.drafts);
  const templates = options.templates ?? loadTemplates(workspace.config.templatesDir);
  const cache = options.cache ? BuildCache.inDataDir(workspace.config.dataDir) : BuildCache.disabled();
  const inputs = sharedInputsHash(workspace);
  let everyFact: string | undefined;
  // A rendering that read the whole index (a broken link's hints) is made of every issue's facts; the others, of what they resolved (`readsHold`).
  // Replayed from `file.facts`, the frontmatter's: they resolve each link as the full parse's facts did (same path, number, title, status, papers; anchors come from titles alone).
  const keyOf = (file: IssueFile, reads: CorpusReads) => `${file.source.hash}:${inputs}${reads.everything ? `:${(everyFact ??= everyIssueFacts(workspace))}` : ''}`;
  const summaries = new Map<IssueFile, IssueSummary>();
  const misses = files.filter((file) => {
    const cached = cache.summary(file.path, (entry) => entry.key === keyOf(file, entry.reads) && readsHold(entry.reads, workspace.corpus, file.facts));
    if (cached) summaries.set(file, cached);
    return !cached;
  });
  // Each miss rendered and kept in the cache, here or by a render worker (many of them, with the cache on): the same outcomes either way.
  // Copied here: cut from the issue's text, the summary's strings would keep the whole text for as long as the build keeps
  // the summary (flat-copy.ts); a worker's outcome is a copy already, made by the pipe between the processes.
  const here = (item: RenderItem) => flatCopy(renderAndStore(workspace, templates, cache, item));
  const items = misses.map(itemOf);
  const byPath = new Map(misses.map((file) => [file.path, file]));
  // An issue a render worker renders: its text, read here for its hash and facts, is not needed here again (renderIssue releases the others).
  const handedOff = (batch: readonly RenderItem[]) => batch.forEach((item) => workspace.release(byPath.get(item.path)!));
  const outcomes =
    options.cache && worthAPool(items.length)
      ? await renderOnEveryCore(workspace.config, items, here, handedOff, options.progress, options.ahead)
      : items.map((item, i) => {
          const outcome = here(item);
          options.progress?.(i + 1, items.length);
          return outcome;
        });
  // Workers started ahead that the pool did not take (few issues to render after all) go now, not at the build's end.
  options.ahead?.release();
  const failures: PaperboyError[] = [];
  for (const outcome of outcomes) {
    const file = byPath.get(outcome.path)!;
    // Edited after this process hashed it: rendered here, from the bytes its hash names (or the build starts over, see build.ts).
    const settled = 'stale' in outcome ? here(itemOf(file)) : outcome;
    if ('summary' in settled) {
      cache.remember(file.path, keyOf(file, settled.reads), settled.reads, settled.summary);
      summaries.set(file, settled.summary);
    } else if ('failure' in settled) {
      const { code, message, exitCode, hint } = settled.failure;
      failures.push(new PaperboyError(code, message, { exitCode: exitCode as ExitCode, hint }));
    }
  }
  const templateError = failures.find((failure) => failure.exitCode === 2);
  if (templateError) throw templateError;
  if (fileFailures.length + failures.length > 0) throw unpublishable([...fileFailures, ...failures]);
  cache.save();
  const fileOf = new Map(files.map((file) => [file.facts.number!, file]));
  // A stored rendering or records file gone or damaged since the index was saved: rendered again, and stored again so the next build reads it.
  const rerendered = new Set<number>();
  const rerender = (number: number) => {
    const file = fileOf.get(number)!;
    const { output } = renderIssue(workspace, file, templates);
    cache.keep(file.path, output, storedOutput(output));
    rerendered.add(number);
    return output;
  };
  return {
    issues: files.map((file) => summaries.get(file)!),
    get rendered() {
      return misses.length + rerendered.size;
    },
    unread: files
      .map((file) => ({ path: file.path, values: [...summaries.get(file)!.unread, ...missingImages(summaries.get(file)!, options.siteFiles, workspace.config)] }))
      .filter(({ values }) => values.length > 0),
    rendering: recentlyUsed(KEPT, (number: number) => cache.rendering(fileOf.get(number)!.path) ?? rerender(number)),
    records: recentlyUsed(KEPT, (number: number) => cache.records(fileOf.get(number)!.path) ?? rerender(number).papers),
  };
}

/** An issue file a render worker (render-worker.ts) renders: its path, and the hash of its bytes the main process read. */
export interface RenderItem {
  path: string;
  hash: string;
}

function itemOf(file: IssueFile): RenderItem {
  return { path: file.path, hash: file.source.hash };
}

/** What a render worker answers for an issue file: its summary and what it read of the other issues (the output is in the build cache), or that the file changed since the main process read it, or why it cannot be rendered. */
export type RenderOutcome =
  | { path: string; summary: IssueSummary; reads: CorpusReads }
  | { path: string; stale: true }
  | { path: string; failure: { code: string; message: string; exitCode: number; hint: string | undefined } };

/**
 * Renders `items` on every core: in the main process (`here`) and in one
 * child process per other core (render-workers.ts), those started `ahead`
 * if they are still alive.
 */
async function renderOnEveryCore(
  config: Config,
  items: readonly RenderItem[],
  here: (item: RenderItem) => RenderOutcome,
  handedOff: (items: readonly RenderItem[]) => void,
  progress: ((rendered: number, total: number) => void) | undefined,
  ahead: ChildrenAhead | undefined,
): Promise<RenderOutcome[]> {
  growHeapSlowly();
  const pool = ProcessPool.start<Config, RenderItem, RenderOutcome>({ ...renderPool(config), name: 'render', here, handedOff, progress, ahead });
  pool.add(items);
  return pool.finish();
}

/** The published papers as `paperboy papers` reads them (see `publishedPapers`). */
export interface PublishedPapers {
  /** Every published paper, its records without their texts. */
  database: PaperDatabase<RecordSummary>;
  /** Where a paper's texts come from (`withTexts`), an issue's records at a time. */
  texts: TextSource;
  /** Every published paper with all its texts: what the data files export. */
  withAllTexts(): PaperDatabase;
  /** The facts of each draft issue (readable, `status: draft`): papers not published yet, which a search names apart (paper-search.ts `draftPapersMatching`). */
  drafts: IssueFacts[];
}

/**
 * Every published paper: what `paperboy papers` searches and exports. With
 * `cache`, the issues' hashes, facts and renderings come from the caches
 * the build keeps (a search after a build renders nothing, and reads the
 * texts of the papers it shows only).
 */
export async function publishedPapers(config: Config, options: { cache: boolean }): Promise<PublishedPapers> {
  const workspace = options.cache ? await Workspace.loadCached(config) : await Workspace.load(config);
  const published = await publishedIssues(workspace, { drafts: false, cache: options.cache });
  // The layout the build kept, read back while no paper's facts changed: building it is ~0.2 s of a search of 1,000 issues.
  const layout = options.cache ? paperDatabaseFile(workspace.config.dataDir) : undefined;
  return {
    database: cachedPaperDatabase(published.issues, layout),
    texts: published,
    withAllTexts: () => cachedPaperDatabase(published.issues.map((issue) => ({ factsHash: issue.factsHash, papers: published.records(issue.number) })), layout),
    drafts: workspace.issueFiles.filter(({ facts }) => facts.readable && !facts.statusUnread && facts.status === 'draft').map(({ facts }) => facts),
  };
}

/**
 * The issues to publish, by number: every one not a draft (drafts too with
 * `drafts`); an unreadable file is an error, unless drafts are left out and
 * it still says it is one (its facts' status, issue/facts.ts): a draft being
 * written never stops a build.
 */
function publishedFiles(workspace: Workspace, drafts: boolean): { files: IssueFile[]; failures: PaperboyError[] } {
  const root = workspace.config.root;
  // A `status:` the format does not know reads as `draft`: left out, the issue would vanish from the archive unsaid.
  const unsure = workspace.issueFiles.filter((file) => file.facts.statusUnread);
  const published = workspace.issueFiles.filter((file) => !file.facts.statusUnread && (drafts || file.facts.status !== 'draft'));
  const unreadable = published.filter((file) => file.facts.number === undefined);
  // The date orders the archive and dates every page and feed entry. Published without one, the feeds said 1 January 1970;
  // with one that names no day, 1 January 1970 (`2023-31-05`) or the day JavaScript rolls it over to (`2023-02-30`: 2 March).
  const dated = (file: IssueFile) => file.facts.date !== '' && calendarProblem(file.facts.date) === undefined;
  const undated = published.filter((file) => file.facts.number !== undefined && !dated(file));
  const files = published.filter((file) => file.facts.number !== undefined && dated(file)).sort((a, b) => a.facts.number! - b.facts.number!);
  const failures = [
    ...unreadable.map((file) => unreadableIssue(file, workspace.parse(file).problems[0], root)),
    ...undated.map((file) => undatedIssue(workspace.parse(file), root)),
    ...unsure.map((file) => unknownStatus(workspace.parse(file), root)),
  ];
  // Every file of a number taken twice, at its `number:`, naming the others.
  const byNumber = new Map<number, IssueFile[]>();
  for (const file of files) byNumber.set(file.facts.number!, [...(byNumber.get(file.facts.number!) ?? []), file]);
  for (const [number, same] of byNumber) {
    if (same.length < 2) continue;
    for (const file of same) {
      const names = same.filter((other) => other !== file).map((other) => shownPath(root, other.path)).join(', ');
      failures.push(cannotPublish('ISSUE_NUMBER_TAKEN', root, file.path, file.facts.numberPosition.start, `Unexpected issue number ${number}, also ${names}'s: give each issue its own (issue-number-unique)`));
    }
  }
  return { files, failures };
}

/** An issue file's path as messages show it: from the newsletter's folder (`issues/0006-x.md`), as lint shows it run there. */
function shownPath(root: string, path: string): string {
  return relative(root, path) || path;
}

/** An issue file the build cannot publish (exit 1), named at `at` (a 1-based line and column) when known: `Cannot publish issues/0006-x.md:4:7: …`. */
function cannotPublish(code: string, root: string, path: string, at: Position['start'] | undefined, message: string): PaperboyError {
  const where = at ? `:${at.line}:${at.column}` : '';
  return new PaperboyError(code, `Cannot publish ${shownPath(root, path)}${where}: ${message}`, { exitCode: 1 });
}

/**
 * Renders the issue file of `item` and keeps its output in `cache` (on
 * disk, or in memory when the cache is off), in the build's process or a
 * render worker alike: its summary, or `stale` when the file's bytes here
 * are not those the main process read (edited during the build), or why
 * it cannot be rendered. Never throws.
 */
export function renderAndStore(workspace: Workspace, templates: TemplateSet, cache: BuildCache, { path, hash }: RenderItem): RenderOutcome {
  const file = workspace.at(path);
  if (file?.source.hash !== hash) return { path, stale: true };
  try {
    const { output, unread, reads, images } = renderIssue(workspace, file, templates);
    const stored = storedOutput(output);
    cache.keep(path, output, stored);
    return { path, summary: summarizeIssue(output, stored.hashes, unread, images), reads };
  } catch (error) {
    // Not the issue's fault: the file changed under the build, which starts over (build.ts).
    if (error instanceof PaperboyError && error.code === FILE_CHANGED) throw error;
    const failure = renderFailure(path, error);
    return { path, failure: { code: failure.code, message: failure.message, exitCode: failure.exitCode, hint: failure.hint } };
  }
}

/**
 * Renders one published issue for the archive (its parse released once
 * rendered), with what it is published without: the values its parse could
 * not read, the cross-references that lead nowhere; and what it read of
 * the other issues (`reads`). Throws ISSUE_UNREADABLE, or what rendering
 * throws.
 */
function renderIssue(workspace: Workspace, file: IssueFile, templates: TemplateSet): Rendered {
  try {
    return renderParsed(workspace, file, workspace.parse(file), templates);
  } finally {
    // Once rendered: released before, its text was read from disk again by the rendering's own reads of it, and kept.
    workspace.release(file);
  }
}

/** An issue rendered: its output, what it was published without, what it read of the other issues, and the site's images it shows. */
interface Rendered {
  output: IssueOutput;
  unread: UnreadValue[];
  reads: CorpusReads;
  images: SiteImage[];
}

/** `renderIssue` of `file` from its full parse, `parsed`: throws ISSUE_UNREADABLE when the parse read no issue, or what rendering throws. */
function renderParsed(workspace: Workspace, file: IssueFile, parsed: ParsedIssue, templates: TemplateSet): Rendered {
  if (!parsed.issue) throw unreadableIssue(file, parsed.problems[0], workspace.config.root);
  const unread: UnreadValue[] = parsed.problems.map(({ message, position, ruleId }) => ({ line: position.start.line, column: position.start.column, message, ruleId }));
  // From the full parse: the workspace's facts (`file.facts`) come from the frontmatter alone and hold no cross-references.
  const facts = extractFacts(parsed);
  const corpus = new CorpusReading(workspace.corpus);
  append(unread, valuesPublishedWrongly(parsed, facts, workspace.config, corpus));
  const output = renderIssueOutput(parsed.issue, { config: workspace.config, corpus, facts: file.facts }, templates);
  // A private note's images are in no page or email a reader gets: the build says nothing of them (lint does, for the review proofs).
  const images = siteImages(parsed.issue, workspace.config.baseUrl)
    .filter(({ text }) => text.field !== 'notes')
    .map(({ url, path, text, node }): SiteImage => ({ url, path, ...lineAndColumn(nodePosition(parsed, text, node).start) }));
  return { output, unread, reads: corpus.reads, images };
}

/** A point's line and column alone (not its offset, which the summary does not keep). */
function lineAndColumn({ line, column }: { line: number; column: number }): { line: number; column: number } {
  return { line, column };
}

/**
 * The images of the site's own an issue shows (`summary.images`) whose
 * file `siteFiles` lacks, in lint's words (image-file-missing): looked for
 * on every build among the site's files as they are then, so a file added
 * or removed since the issue was rendered is seen. None without
 * `siteFiles` (`paperboy papers`, which publishes no site).
 */
function missingImages(summary: IssueSummary, siteFiles: ReadonlySet<string> | undefined, config: Config): UnreadValue[] {
  if (siteFiles === undefined) return [];
  return summary.images
    .filter(({ path }) => !siteFiles.has(path))
    .map((image) => ({ line: image.line, column: image.column, message: `${missingImageMessage(image, siteFiles, config)}; published with it broken`, ruleId: 'image-file-missing' }));
}

/** An issue file the build cannot publish, at the place of its first problem. */
function unreadableIssue(file: IssueFile, problem: ParseProblem | undefined, root: string): PaperboyError {
  return cannotPublish('ISSUE_UNREADABLE', root, file.path, problem?.position.start, problem?.message ?? 'the frontmatter gives no readable number');
}

/** An issue file whose `date` cannot be read or names no day, at its date, in the parser's words or date-valid's. */
function undatedIssue(parsed: ParsedIssue, root: string): PaperboyError {
  const at = parsed.locate(['date']);
  const problem = problemAt(parsed, ['date']);
  const date = parsed.issue?.date ?? '';
  const noDay = date === '' ? undefined : calendarProblem(date);
  const message = noDay ? `Unexpected date \`${date}\` (${noDay}), expected a real calendar date (date-valid)` : (problem?.message ?? 'Missing `date`, expected a date as YYYY-MM-DD');
  return cannotPublish('ISSUE_UNREADABLE', root, parsed.source.path, at.start, message);
}

/** An issue file whose `status:` is none the format knows: whether to publish it is the editor's to say. */
function unknownStatus(parsed: ParsedIssue, root: string): PaperboyError {
  const at = parsed.locate(['status']);
  const problem = problemAt(parsed, ['status']);
  const message = `${problem?.message ?? 'Unexpected `status`'}; write \`status: ready\` (or \`sent\`) to publish the issue, \`status: draft\` to leave it out`;
  return cannotPublish('ISSUE_UNREADABLE', root, parsed.source.path, at.start, message);
}

/** Every issue that cannot be published, one line each in the order of their files. */
function unpublishable(failures: readonly PaperboyError[]): PaperboyError {
  const lines = failures
    .map((failure) => failure.message)
    .sort()
    .join('\n  ');
  return new PaperboyError('ISSUE_UNRENDERABLE', failures.length === 1 ? failures[0]!.message : `Cannot publish ${failures.length} issues:\n  ${lines}`, {
    exitCode: 1,
    hint: '`paperboy lint` lists every problem with its line.',
  });
}

/**
 * What every issue's rendering depends on besides its own file and what it
 * read of the other issues (`CorpusReads`): paperboy's and KaTeX's versions
 * (math is typeset in the web content), the config and the email templates
 * (not the web ones, which only pages use).
 */
function sharedInputsHash(workspace: Workspace): string {
  const hash = createHash('sha256');
  // `subscribe` is read by the server alone: its origins and cap change no rendering.
  const { ruleSettingPositions: _positions, subscribe: _subscribe, ...config } = workspace.config;
  hash.update(`${VERSION}\0${packageVersion('katex')}\0${JSON.stringify(config)}\0`);
  for (const { relativePath, file } of templateFiles(workspace.config.templatesDir)) {
    if (!relativePath.startsWith(`web${'/'}`)) hash.update(`${relativePath}\0${readFileSync(file, 'utf8')}\0`);
  }
  return hash.digest('hex').slice(0, 32);
}

/** A hash of what every issue gives the index cross-references resolve against (issue/corpus.ts): the key of a rendering that read all of it. */
function everyIssueFacts(workspace: Workspace): string {
  const facts = workspace.issueFiles.map(({ path, facts }) => [path, facts.number, facts.title, facts.status, facts.papers.map((paper) => [paper.id, paper.title, paper.anchor])]);
  return sha256(JSON.stringify(facts)).slice(0, 32);
}

