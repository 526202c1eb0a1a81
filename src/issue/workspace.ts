import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { shellWord } from '../shell-word.js';
import type { Config } from '../config/load.js';
import { PaperboyError } from '../errors.js';
import type { FileProblem } from '../file-problem.js';
import { CorpusIndex } from './corpus.js';
import { flatCopy } from './flat-copy.js';
import { extractFacts, type IssueFacts } from './facts.js';
import { FactsCache } from './facts-cache.js';
import { readIssueSources } from './known-hashes.js';
import { issueNumberArgument } from './number-argument.js';
import { listIssueFiles, numberInFileName } from './load.js';
import { FRONTMATTER_ONLY, parseIssue, type ParsedIssue } from './parse.js';
import { readIssueSource, type IssueSource } from './source.js';
import { TreeCache } from './tree-cache.js';
import { shownPath } from '../path-within.js';

/** One issue file, read once, with the facts other issues need of it. */
export interface IssueFile {
  path: string;
  source: IssueSource;
  /** Facts from a frontmatter-only read: papers, number, status (no cross-references). */
  facts: IssueFacts;
}

/**
 * Every issue of a newsletter, read once: what `render`, `preview` and
 * `build` need to find an issue by number or path and to resolve
 * cross-references. Markdown is parsed only for the issues that are rendered.
 */
export class Workspace {
  /** Each file's full parse, made once per version of the file (`reload` reads a new one). */
  private readonly parses = new WeakMap<IssueFile, ParsedIssue>();

  /** `files` by path, for the version of `files` it was made of (each change makes a new array): see `at`. */
  private byPath: { files: readonly IssueFile[]; map: Map<string, IssueFile> } | undefined;

  private constructor(
    readonly config: Config,
    private files: IssueFile[],
    private index: CorpusIndex,
    private readonly trees: TreeCache,
  ) {}

  /**
   * Reads every issue file; `trees` (default: under `dataDir`) keeps parsed
   * Markdown between runs, `facts` (default: none) each file's facts, so an
   * unchanged file's frontmatter is not parsed again; `sources`: files the
   * caller has read already (by path), not read twice; `tags: false`: the
   * papers' facts without their tags, which only lint reads (`tag-spelling`):
   * 4.3 MB of heap on the 1,000-issue bench corpus, in each process of a
   * build (measured with `process.memoryUsage()` after a full collection).
   */
  static async load(config: Config, options: { trees?: TreeCache; facts?: FactsCache; sources?: ReadonlyMap<string, IssueSource>; tags?: false } = {}): Promise<Workspace> {
    const paths = await listIssueFiles(config.issuesDir);
    const read = await Promise.all(paths.map((path) => readIssueFile(path, options.facts, options.sources?.get(path))));
    options.facts?.save(paths);
    const files = options.tags === false ? read.map((file) => ({ ...file, facts: withoutTags(file.facts) })) : read;
    const trees = options.trees ?? TreeCache.inDataDir(config.dataDir);
    return new Workspace(config, files, new CorpusIndex(files.map((file) => file.facts)), trees);
  }

  /**
   * The workspace of a one-shot command that renders one issue (`render`,
   * `preview`, `send`, `new`, `start`): each file whose identity is stored
   * with its hash is read only if its text is asked for, and each file's
   * facts come from the facts cache by that hash (known-hashes.ts,
   * facts-cache.ts), so an archive of a thousand issues is not parsed
   * again to render one. Reading a file that changed after it was listed
   * throws FILE_CHANGED (exit 1: run it again).
   */
  static async loadCached(config: Config): Promise<Workspace> {
    return Workspace.load(config, { sources: await readIssueSources(config, 'stored'), facts: FactsCache.inDataDir(config.dataDir) });
  }

  get issueFiles(): readonly IssueFile[] {
    return this.files;
  }

  /**
   * The issue file at `path` (absolute, as listed or added), if any: from
   * a Map made once per set of files, not a scan of them. A build looks
   * up each issue it renders by path (published.ts `renderAndStore`): a
   * scan each was quadratic, ~0.1 s of a cold build of 1,000 issues, ~2 s
   * of 5,000.
   */
  at(path: string): IssueFile | undefined {
    if (this.byPath?.files !== this.files) this.byPath = { files: this.files, map: new Map(this.files.map((file) => [file.path, file])) };
    return this.byPath.map.get(path);
  }

  /** For resolving `paper:`/`issue:` links across the whole newsletter. */
  get corpus(): CorpusIndex {
    return this.index;
  }

  /** The issue with the highest number, if any. */
  newest(): IssueFile | undefined {
    return [...this.files].filter((file) => file.facts.number !== undefined).sort((a, b) => b.facts.number! - a.facts.number!)[0];
  }

  /**
   * Files newer than `newest()` by the number in their name (`0009-….md`)
   * whose frontmatter gives no number yet (half typed, or not YAML), highest
   * first: what a command showing the newest issue passes over, and says so.
   */
  newerUnreadable(): IssueFile[] {
    const shown = this.newest()?.facts.number ?? 0;
    return this.files
      .filter((file) => file.facts.number === undefined && (numberInFileName(file.path) ?? 0) > shown)
      .sort((a, b) => numberInFileName(b.path)! - numberInFileName(a.path)!);
  }

  /**
   * The highest issue number in use, 0 when none: a frontmatter's number,
   * or a file name's (`0007-….md`) where the frontmatter cannot be read or
   * names none yet, so that a number is never given twice while a file
   * that holds it is half-typed. A folder (or a pipe) named like an issue
   * (`0007.md/`) holds no issue: `lint` and `build` report it, and its
   * name's number is not taken.
   */
  highestNumber(): number {
    return this.files.reduce((highest, file) => (file.source.unreadable?.notAFile ? highest : Math.max(highest, file.facts.number ?? 0, numberInFileName(file.path) ?? 0)), 0);
  }

  /**
   * Issue `number`: the file whose frontmatter gives it, else one named
   * with it (`0042-….md`) whose frontmatter gives no number (half-typed, or
   * YAML that does not parse: `lint` says why). Undefined when neither.
   */
  byNumber(number: number): IssueFile | undefined {
    return this.files.find((file) => file.facts.number === number) ?? this.files.find((file) => file.facts.number === undefined && numberInFileName(file.path) === number);
  }

  /**
   * An issue by number (`42`) or by path (relative to `cwd`). A path outside
   * the issues directory is read and added to the workspace (see `add`), as
   * `lint` lints such a file against the whole newsletter.
   */
  async findOrAdd(reference: string, cwd: string): Promise<IssueFile> {
    const file = await this.named(reference, cwd);
    // Its number heads the subject, the links and the Message-ID: a file whose number cannot be read is refused as by number, not shown as issue 0.
    if (file.facts.number === undefined) throw unreadableIssue(file, reference, numberInFileName(file.path), cwd);
    return file;
  }

  /**
   * The issue file `reference` names as `findOrAdd` finds it, also when its
   * frontmatter cannot be read yet (a number names such a file by its file
   * name): what `preview --watch` watches, showing why, until it is fixed.
   * A number may be written `#5`, as a subject writes it.
   * Throws ISSUE_NOT_FOUND (exit 2) when no file is named, USAGE (exit 2)
   * for a number no issue can have (`0`, `-1`, `1e2`).
   */
  async named(reference: string, cwd: string): Promise<IssueFile> {
    // `#5`, as subjects and cross-references write an issue, is issue 5 (unless a file has that name).
    const digits = /^#\d+$/.test(reference) && !existsSync(resolve(cwd, reference)) ? reference.slice(1) : reference;
    if (/^\d+$/.test(digits)) return this.byNumber(issueNumberArgument(digits)) ?? this.numbered(digits, cwd, 'Pass a number or the path of an issue file.');
    const path = resolve(cwd, reference);
    const known = this.at(path);
    if (known) return known;
    // `-1`, `1e2`, `0x10`, `5.0`: meant as a number, not the path it would be (unless a file has that name).
    if (NUMBER_LIKE.test(reference) && !existsSync(path)) {
      throw new PaperboyError('USAGE', `Unexpected issue number \`${reference}\`, expected a whole number in digits, such as 5, or the path of an issue file`);
    }
    return this.add(path, reference, cwd);
  }

  /**
   * Reads an issue file from outside the issues directory into the
   * workspace: it is found by its path from then on and its papers and
   * number join the corpus that cross-references resolve against.
   * Throws ISSUE_NOT_FOUND (exit 2) when the file cannot be opened and read
   * (`unopenedIssue`); one read whose bytes are not text is added, as
   * `lint` reports it (exit 1).
   */
  async add(path: string, reference: string = path, cwd?: string): Promise<IssueFile> {
    const file = await readIssueFile(path);
    if (file.source.unreadable?.cause) throw unopenedIssue(file, reference, file.source.unreadable.cause, cwd);
    this.files = [...this.files, file];
    this.index = new CorpusIndex(this.files.map((entry) => entry.facts));
    return file;
  }

  /**
   * Reads an issue file again after it changed on disk (`preview --watch`),
   * so its text and the facts other issues resolve against are current.
   */
  async reload(path: string): Promise<IssueFile> {
    const file = await readIssueFile(path);
    this.files = [...this.files.filter((entry) => entry.path !== path), file];
    this.index = new CorpusIndex(this.files.map((entry) => entry.facts));
    return file;
  }

  /** Drops an issue file deleted on disk (`preview --watch`): links to it no longer resolve. */
  forget(path: string): void {
    this.files = this.files.filter((entry) => entry.path !== path);
    this.index = new CorpusIndex(this.files.map((entry) => entry.facts));
  }

  /**
   * The full parse of one issue, Markdown included: made once per version
   * of the file and shared by whatever reads it next in this process (the
   * lint, then the render), its texts from the tree cache where it can.
   */
  parse(file: IssueFile): ParsedIssue {
    const known = this.parses.get(file);
    if (known) return known;
    const cached = this.trees.parserFor(file.path);
    const parsed = parseIssue(file.source, { parseMarkdown: cached.parse });
    cached.save();
    this.parses.set(file, parsed);
    return parsed;
  }

  /**
   * Drops the parse of `file` kept by `parse`, and its text (read again if
   * asked for: `IssueSource.release`): a build that renders every issue
   * once keeps neither (1,000 parsed issues held 0.7 GB, their texts 34 MB).
   */
  release(file: IssueFile): void {
    this.parses.delete(file);
    file.source.release?.();
  }

  /**
   * The issue numbered `digits` (`42`, `0042`), for a command that takes
   * a number only (`sends`, whose journals outlive their files). Throws
   * USAGE for a number no issue can have, ISSUE_NOT_FOUND listing the
   * numbers there are (`hint` after them), or ISSUE_UNREADABLE for a file
   * named with that number whose frontmatter gives none (named from `cwd`,
   * as `lint` names it).
   */
  numbered(digits: string, cwd: string, hint = 'Pass an issue number.'): IssueFile {
    const number = issueNumberArgument(digits);
    const found = this.byNumber(number);
    if (found?.facts.number === number) return found;
    if (found) throw unreadableIssue(found, digits, number, cwd);
    throw this.notFound(`No issue has number ${digits}`, hint);
  }

  private notFound(message: string, hint: string): PaperboyError {
    const numbers = this.files.map((file) => file.facts.number).filter((n): n is number => n !== undefined).sort((a, b) => a - b);
    const unnumbered = this.files.filter((file) => file.facts.number === undefined).map((file) => basename(file.path));
    const none = unnumbered.length > 0 ? 'No issue has a readable number.' : `There are no issues in ${this.config.issuesDir} yet.`;
    const available = numbers.length > 0 ? `Available issue numbers: ${numbers.join(', ')}.` : none;
    const unread = unnumbered.length > 0 ? ` Without a readable number (\`paperboy lint\` says why): ${unnumbered.join(', ')}.` : '';
    return new PaperboyError('ISSUE_NOT_FOUND', `${message} in ${this.config.issuesDir}`, {
      hint: `${available}${unread} ${hint}`,
    });
  }
}

/** `facts` with its papers' tags left out (copies: the facts cache holds the originals). */
function withoutTags(facts: IssueFacts): IssueFacts {
  if (!facts.papers.some((paper) => paper.tags)) return facts;
  return { ...facts, papers: facts.papers.map(({ tags: _tags, ...paper }) => paper) };
}

/** An issue file with its facts; `read`: its source as the caller already read it. */
async function readIssueFile(path: string, cache?: FactsCache, read?: IssueSource): Promise<IssueFile> {
  const source = read ?? (await readIssueSource(path));
  const cached = source.unreadable ? undefined : cache?.get(path, source.hash);
  if (cached) return { path, source, facts: cached };
  // Copied: cut from the text, its strings would keep the whole text for as long as the workspace (flat-copy.ts).
  const facts = flatCopy(extractFacts(parseIssue(source, FRONTMATTER_ONLY)));
  if (!source.unreadable) cache?.set(path, source.hash, facts);
  return { path, source, facts };
}

/**
 * The file asked for (`reference`: a number, which its name gives, or its
 * path), whose frontmatter gives no readable number: what is wrong with it
 * and where, exit 1 (the content); or, for a file that cannot be opened
 * and read at all (permission, a folder, a FIFO, a link loop), why and
 * what to do, exit 2, as for such a file outside the issues directory
 * (docs/commands.md: "an issue that cannot be found or read"). The file
 * is named as `lint` names it, from `cwd`, in the message and in the
 * `paperboy lint` it suggests.
 */
function unreadableIssue(file: IssueFile, reference: string, numberByName: number | undefined, cwd: string): PaperboyError {
  const cause = file.source.unreadable?.cause;
  if (cause) return unopenedIssue(file, reference, cause, cwd);
  const parsed = parseIssue(file.source, FRONTMATTER_ONLY);
  const problem = parsed.problems[0];
  const shown = shownPath(file.path, cwd);
  const where = problem ? `${shown}:${problem.position.start.line}:${problem.position.start.column}` : shown;
  const why = problem?.message ?? 'Missing `number` in the frontmatter';
  const whose = numberByName === undefined ? "The file's" : `The file is issue ${numberByName} by its name, but its`;
  // Bytes that are not UTF-8 text, too many of them, or past a content limit (content-limits: every table cell or delimiter run counted before any parse): nothing of the file is read, its frontmatter neither.
  const part = file.source.unreadable || problem?.ruleId === 'content-limits' ? 'text' : 'frontmatter';
  return new PaperboyError('ISSUE_UNREADABLE', `Cannot read issue ${reference}: ${where}: ${why}`, {
    exitCode: 1,
    hint: problem
      ? `${whose} ${part} cannot be read until this is fixed (\`paperboy lint ${shellWord(shown)}\` lists every problem).`
      : `${whose} frontmatter gives no number: add \`number: ${numberByName ?? 'N'}\`.`,
  });
}

/** An argument written as a number other than plain digits: a sign, a decimal point, an exponent, hex. */
const NUMBER_LIKE = /^[-+]?(?:\d+\.?\d*(?:e[-+]?\d+)?|\.\d+|0x[\da-f]+)$/i;

/** An issue file that cannot be opened and read (`cause`: why, and what to do): a usage error, exit 2. */
function unopenedIssue(file: IssueFile, reference: string, cause: FileProblem, cwd: string | undefined): PaperboyError {
  return new PaperboyError('ISSUE_NOT_FOUND', `Cannot read issue ${reference}: ${cwd === undefined ? file.path : shownPath(file.path, cwd)}: ${cause.reason}`, { hint: cause.fix });
}
