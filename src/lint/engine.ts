import { resolve } from 'node:path';
import { errorFromFields } from '../errors.js';
import type { Config } from '../config/load.js';
import { listIssueFiles } from '../issue/load.js';
import { editIssueFile, readIssueSource, type IssueSource } from '../issue/source.js';
import type { IssueFile, Workspace } from '../issue/workspace.js';
import { templatesFingerprint } from '../render/template-files.js';
import { childModule, ProcessPool, worthAPool } from '../workers/process-pool.js';
import { LINT_FORMAT, LintCache } from './cache.js';
import { corpusMessagesUnlessSilent } from './corpus-silence.js';
import { chooseFixes } from './fix.js';
import type { FileOutcome } from './lint-file.js';
import { byPosition, toLintMessage } from './messages.js';
import { knownHash, readKnownHashes, writeKnownHashes } from '../issue/known-hashes.js';
import { replaceEditedFile } from '../replace-file.js';
import { LintSession } from './session.js';
import { siteFilesFingerprint } from './site-files.js';
import { activeRules, rulesInputsKey, type ActiveRule } from './settings.js';
import type { CorpusRule, FileResult, LintMessage, Rule } from './types.js';
import type { IssueFacts } from '../issue/facts.js';

/*
 * What parses and lints (remark, YAML, zod, the rules) is imported when first
 * needed, not with this module: most of a lint's start-up. A cold run starts
 * its child processes first, and they load their modules while this process
 * loads its own; a warm run never loads remark.
 */
const loadLinter = () => import('./lint-file.js');

export interface LintOptions {
  /** The files to report on; default every issue. Cross-issue rules always see the whole directory (or `corpusFacts`). */
  files?: readonly string[];
  /** Use the content-hash cache under `dataDir` (default true). */
  cache?: boolean;
  /** Apply safe fixes and write the files back. */
  fix?: boolean;
  /** The rule set (default: every rule). Runs in-process, as workers load the full set. */
  rules?: readonly Rule[];
  /**
   * The newsletter as the command already read it (`render`, `start`,
   * `preview --watch`): its files are linted as read, not listed and read
   * again, and an issue linted in-process is parsed once, through the
   * workspace, for the lint and the render that follows.
   */
  workspace?: Workspace;
  /** What a long-running process remembers between lints (default: a new session). */
  session?: LintSession;
  /**
   * Which issues already sent (`status: sent`) get the advice of rules with
   * `sent: 'advice'` (types.ts): every one (`true`, the default: a command
   * about one issue shows it all), none (`false`), or only these files
   * (paths as in `files`: those `paperboy lint` was given by name).
   * Advice hidden is dropped from the counts and from what `fix` applies.
   */
  adviceOnSent?: boolean | readonly string[];
  /**
   * Facts the command has already read of issues other than `files`, by
   * path (a build: those of the issues it published, archive/build.ts):
   * the rules across issues read them in place of those files' outcomes,
   * so a file not reported on is neither hashed nor, when the cache lacks
   * it, linted. Each must be the facts the lint's own parse would give the
   * file but for its `references`, which a rule reads only of the file it
   * reports on (types.ts CorpusRuleContext): `extractFacts` of a
   * frontmatter-only read of a file whose full parse reads an issue (a
   * Markdown text over the limits reads none, issue/parse.ts).
   */
  corpusFacts?: ReadonlyMap<string, IssueFacts>;
}

const MAX_FIX_PASSES = 10;

/**
 * Lints issues: per-file rules on each file (from the cache when the file
 * and the rules' inputs are unchanged, else in child processes for many
 * files, in-process for a few), then the cross-issue rules on every file's
 * facts. Returns one result per target, in the order given.
 * Throws a PaperboyError (exit 2) for a bad `lint.rules` setting.
 */
export async function lintIssues(config: Config, options: LintOptions = {}): Promise<FileResult[]> {
  const { workspace, session = new LintSession() } = options;
  const directory = workspace ? workspace.issueFiles.map((file) => file.path) : await listIssueFiles(config.issuesDir);
  const targets = options.files?.map((file) => resolve(file)) ?? directory;
  const corpus = [...new Set([...directory, ...targets])];
  // Files the rules across issues read only the given facts of: the others are linted, or read from the cache.
  const targetSet = new Set(targets);
  const given = options.corpusFacts ?? new Map<string, IssueFacts>();
  const known = corpus.filter((path) => !targetSet.has(path) && given.has(path));
  const linted = known.length === 0 ? corpus : corpus.filter((path) => targetSet.has(path) || !given.has(path));
  const caching = options.cache !== false && options.rules === undefined;
  const cache = caching ? await LintCache.open(config, session.cacheSnapshots) : LintCache.disabled();
  // A command with a workspace has read every file already: the store is of no use to it.
  if (caching && !workspace && !session.storedHashes.read) {
    for (const [path, known] of readKnownHashes(config)) if (!session.fileHashes.has(path)) session.fileHashes.set(path, known);
    session.storedHashes.read = true;
  }

  // Files the cache has never seen are linted for sure: when there are many,
  // the children start now, and lint them while this process hashes the others.
  const inWorkers = options.rules === undefined;
  const unseen = linted.filter((path) => !cache.has(path));
  const pool = inWorkers && worthAPool(unseen.length) ? startLintPool(config) : undefined;
  pool?.add(unseen);
  let active: ActiveRule[];
  let inputs: string;
  try {
    active = activeRules(options.rules ?? (await import('./rules/index.js')).rules, config);
    inputs = rulesInputsKey(active, config, () => templatesFingerprint(config.templatesDir), () => siteFilesFingerprint(config));
    cache.keyBy(inputs);
  } catch (error) {
    // A bad `lint.rules` setting, reported by the caller: the children are not needed.
    pool?.terminate();
    throw error;
  }
  const files = new Map(workspace?.issueFiles.map((file) => [file.path, file]));
  const run: LintRun = { cache, caching, active, config, inWorkers, unseen, pool, workspace, files, session };
  const outcomes = new Map((await outcomesOf(linted, run)).map((outcome) => [outcome.path, outcome]));
  // Never reported on, nor cached: only their facts are read.
  for (const path of known) outcomes.set(path, { path, hash: '', messages: [], facts: given.get(path)! });
  // A template's mistake stops the command when rendering a file it asked about met it: another file's (an unsent
  // issue that `render 1` lints for the cross-issue rules) is that file's to report, as its own command will.
  for (const path of targets) {
    const fields = outcomes.get(path)!.templateError;
    if (fields) throw errorFromFields(fields);
  }

  const reported = reportedMessages(active, options.adviceOnSent ?? true);
  const fixedText = new Map<string, string>();
  if (options.fix) {
    // A rule across issues fixes from the facts: those of the file as each pass leaves it, beside the others'. Run once
    // for every file, and again only for a file a fix changed.
    const before = runCorpusRules(factsOf([...outcomes.values()]), active, targetSet);
    const corpusFixes = (outcome: FileOutcome) =>
      (outcomes.get(outcome.path) === outcome ? before : runCorpusRules(factsOf([...outcomes.values()].map((other) => (other.path === outcome.path ? outcome : other))), active, new Set([outcome.path]))).get(outcome.path) ?? [];
    for (const path of corpus) {
      if (!targetSet.has(path)) continue;
      const fixed = await fixFile(path, outcomes.get(path)!, active, corpusFixes, reported);
      if (fixed) {
        // The workspace holds what is on disk now, for whatever the command does next.
        await workspace?.reload(path);
        outcomes.set(path, fixed.outcome);
        cache.set(fixed.outcome);
        fixedText.set(path, fixed.text);
      }
    }
  }
  await cache.save();
  if (caching && session.storedHashes.changed) {
    writeKnownHashes(config, session.fileHashes);
    session.storedHashes.changed = false;
  }

  // Their silence kept between runs: after an edit of a summary's words they said nothing new (corpus-silence.ts). Not
  // when every file is reported on (`paperboy lint`): some message is then likely, and the key would only add its cost.
  const facts = factsOf([...outcomes.values()]);
  const silenceKept = caching && targetSet.size < facts.length && active.some(({ rule }) => rule.scope === 'corpus');
  const corpusMessages = corpusMessagesUnlessSilent(silenceKept ? config.dataDir : undefined, `${LINT_FORMAT}\0${inputs}`, facts, targetSet, () => runCorpusRules(facts, active, targetSet));
  return targets.map((path) => {
    const outcome = outcomes.get(path)!;
    const messages = reported(outcome, [...outcome.messages, ...(corpusMessages.get(path) ?? [])]).sort(byPosition);
    return summarize(path, messages, fixedText.get(path));
  });
}

/** Of a file's messages, those reported: all, but the advice (`Rule.sent`) on a sent issue `adviceOnSent` does not ask for. */
type ReportedMessages = (outcome: Pick<FileOutcome, 'path' | 'facts'>, messages: LintMessage[]) => LintMessage[];

/**
 * The filter `adviceOnSent` (LintOptions) makes: on an issue whose
 * `status: sent` was read, the messages of rules giving advice are dropped
 * unless asked for. A file whose status could not be read is not taken as
 * sent: everything is said of it.
 */
function reportedMessages(active: readonly ActiveRule[], adviceOnSent: boolean | readonly string[]): ReportedMessages {
  if (adviceOnSent === true) return (_outcome, messages) => messages;
  const advice = new Set(active.filter(({ rule }) => rule.sent === 'advice').map(({ rule }) => rule.id));
  const asked = new Set(adviceOnSent === false ? [] : adviceOnSent.map((file) => resolve(file)));
  return ({ path, facts }, messages) => {
    if (facts.status !== 'sent' || facts.statusUnread || asked.has(path)) return messages;
    return messages.filter((message) => !advice.has(message.ruleId));
  };
}

interface LintRun {
  cache: LintCache;
  caching: boolean;
  active: ActiveRule[];
  config: Config;
  inWorkers: boolean;
  /** The files the cache has never seen. */
  unseen: readonly string[];
  /** Started, with the unseen files, when there are many. */
  pool: LintPool | undefined;
  workspace: Workspace | undefined;
  /** The workspace's files by path (none without a workspace). */
  files: ReadonlyMap<string, IssueFile>;
  session: LintSession;
}

/**
 * Outcomes from the cache where the file is unchanged, else by linting: in
 * workers for many files, in-process for a few. In-process linting parses
 * through the workspace when there is one (the render that follows reuses
 * the parse) and else through the tree cache, so a later run reads the
 * trees back instead of parsing again; workers do not write trees, which
 * would slow the cold run they exist for.
 */
async function outcomesOf(paths: readonly string[], run: LintRun): Promise<FileOutcome[]> {
  const { cache, config } = run;
  let pool = run.pool;
  try {
    const cached: FileOutcome[] = [];
    const misses: string[] = [];
    // Unseen files are already with the pool, when there is one.
    const queued = new Set(pool ? run.unseen : []);
    for (const path of paths) {
      if (queued.has(path)) continue;
      const hash = cache.has(path) ? hashOf(path, run) : undefined;
      const hit = hash === undefined ? undefined : cache.get(path, hash);
      if (hit) cached.push(hit);
      else misses.push(path);
    }
    if (!pool && run.inWorkers && worthAPool(misses.length)) pool = startLintPool(config);
    let fresh: FileOutcome[];
    if (pool) {
      pool.add(misses);
      fresh = await pool.finish();
    } else if (misses.length === 0) {
      // A warm run: every outcome is cached, and the linter (remark, KaTeX's
      // parser, the rules' dependencies) is never loaded.
      fresh = [];
    } else {
      fresh = await lintInProcess(misses, run);
    }
    for (const outcome of fresh) cache.set(outcome);
    return [...cached, ...fresh];
  } catch (error) {
    pool?.terminate();
    throw error;
  }
}

async function lintInProcess(paths: readonly string[], run: LintRun): Promise<FileOutcome[]> {
  const { lintParsed, lintSource } = await loadLinter();
  const outcomes: FileOutcome[] = [];
  const unread: string[] = [];
  for (const path of paths) {
    const file = run.files.get(path);
    if (file && run.workspace) outcomes.push(await lintParsed(run.workspace.parse(file), run.active));
    else unread.push(path);
  }
  if (unread.length === 0) return outcomes;
  const { TreeCache } = await import('../issue/tree-cache.js');
  const trees = run.caching ? TreeCache.inDataDir(run.config.dataDir) : TreeCache.disabled();
  const sources: IssueSource[] = await Promise.all(unread.map((path) => readIssueSource(path)));
  for (const source of sources) {
    const parser = trees.parserFor(source.path);
    outcomes.push(await lintSource(source, run.active, parser.parse));
    parser.save();
  }
  return outcomes;
}

/**
 * The hash `readIssueSource` gives the file: the workspace's when the
 * command read it, else the bytes' hash without decoding them (a cache hit
 * never needs the text), remembered by the session for the file's identity
 * and stored between runs (issue/known-hashes.ts). Undefined when the file
 * cannot be read (it is linted, and the lint reports why).
 */
function hashOf(path: string, run: LintRun): string | undefined {
  const read = run.files.get(path)?.source;
  if (read) return read.unreadable ? undefined : read.hash;
  const found = knownHash(path, run.session.fileHashes);
  if (found?.recorded) run.session.storedHashes.changed = true;
  return found?.known.hash;
}

/**
 * Fixes, writes and re-lints until nothing fixable is left (fixes can
 * enable others): the file's own rules' fixes and those `corpusFixes`
 * gives for its outcome (the rules across issues'), only those of messages
 * `reported` keeps.
 */
async function fixFile(path: string, outcome: FileOutcome, active: ActiveRule[], corpusFixes: (outcome: FileOutcome) => LintMessage[], reported: ReportedMessages) {
  const fixable = (checked: FileOutcome) => reported(checked, [...checked.messages, ...corpusFixes(checked)]);
  if (!fixable(outcome).some((message) => message.fix !== undefined)) return undefined;
  const { lintSource } = await loadLinter();
  const source = await readIssueSource(path);
  // The outcome may come from the cache or a worker: lint again if the file changed since.
  let current = { source, outcome: source.hash === outcome.hash ? outcome : await lintSource(source, active) };
  let changed = false;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const fixes = chooseFixes(fixable(current.outcome));
    if (fixes.length === 0) break;
    changed = true;
    // Whole or not at all: a fix interrupted mid-write must not leave the editor's file truncated.
    replaceEditedFile(path, editIssueFile(current.source, fixes), current.source.hash);
    const next = await readIssueSource(path);
    current = { source: next, outcome: await lintSource(next, active) };
  }
  // ESLint's `output`: the file as written, its BOM included (ESLint's SourceCodeFixer puts it back before the text).
  const { bom, written } = current.source;
  return changed ? { outcome: current.outcome, text: bom ? `\ufeff${written}` : written } : undefined;
}

/**
 * The facts of `outcomes`, in file order: what the rules across issues read.
 * File order is by code unit, the order the files are listed in (issue/load.ts):
 * `localeCompare` would follow the machine's locale (`LANG`), and "also used by
 * 0004-zeta.md, 0004-ärger.md" would read otherwise on a Swedish or Danish machine.
 */
function factsOf(outcomes: readonly FileOutcome[]): IssueFacts[] {
  return outcomes.map((outcome) => outcome.facts).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The messages of the rules across issues on the files `reported` holds (all of them compare every file's `facts`, in file order: `factsOf`), by file. */
function runCorpusRules(facts: readonly IssueFacts[], active: ActiveRule[], reported: ReadonlySet<string>): Map<string, LintMessage[]> {
  const byFile = new Map<string, LintMessage[]>();
  for (const { rule, severity, configured, options, config } of active) {
    if (rule.scope !== 'corpus') continue;
    (rule as CorpusRule).check({
      config,
      options,
      facts,
      reported: (path) => reported.has(path),
      report: (path, report) => {
        if (!reported.has(path)) return;
        const list = byFile.get(path) ?? [];
        list.push(toLintMessage(rule.id, severity, report, report.fix, configured));
        byFile.set(path, list);
      },
    });
  }
  return byFile;
}

function summarize(path: string, messages: LintMessage[], output: string | undefined): FileResult {
  const count = (severity: 'error' | 'warning', fixable: boolean) =>
    messages.filter((m) => m.severity === severity && (!fixable || m.fix !== undefined)).length;
  const result: FileResult = {
    path,
    messages,
    errorCount: count('error', false),
    warningCount: count('warning', false),
    fixableErrorCount: count('error', true),
    fixableWarningCount: count('warning', true),
  };
  if (output !== undefined) result.output = output;
  return result;
}

/** Lint on every core (workers/process-pool.ts): the children read and lint the paths they are given (lint/worker.ts). */
type LintPool = ProcessPool<string, FileOutcome>;

export function startLintPool(config: Config): LintPool {
  return ProcessPool.start<Config, string, FileOutcome>({ module: childModule('worker', import.meta.url), setup: config, name: 'lint' });
}
