import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Config } from '../config/load.js';
import { listIssueFiles } from '../issue/load.js';
import { encodeIssueText, readIssueSource, type IssueSource } from '../issue/source.js';
import { LintCache } from './cache.js';
import { applyFixes } from './fix.js';
import { byPosition, lintSource, toLintMessage, type FileOutcome } from './lint-file.js';
import { lintInWorkers, shouldUseWorkers } from './pool.js';
import { rules as allRules } from './rules/index.js';
import { activeRules, type ActiveRule } from './settings.js';
import type { CorpusRule, FileResult, LintMessage, Rule } from './types.js';

export interface LintOptions {
  /** The files to report on; default every issue. Cross-issue rules always see the whole directory. */
  files?: readonly string[];
  /** Use the content-hash cache under `dataDir` (default true). */
  cache?: boolean;
  /** Apply safe fixes and write the files back. */
  fix?: boolean;
  /** The rule set (default: every rule). Runs in-process, as workers load the full set. */
  rules?: readonly Rule[];
}

const MAX_FIX_PASSES = 10;

export async function lintIssues(config: Config, options: LintOptions = {}): Promise<FileResult[]> {
  const active = activeRules(options.rules ?? allRules, config);
  const directory = await listIssueFiles(config.issuesDir);
  const targets = options.files?.map((file) => resolve(file)) ?? directory;
  const corpus = [...new Set([...directory, ...targets])];
  const cache = options.cache === false || options.rules ? LintCache.disabled() : await LintCache.open(config);

  const sources = await Promise.all(corpus.map((path) => readIssueSource(path)));
  const inWorkers = options.rules === undefined;
  const outcomes = new Map((await outcomesOf(sources, cache, active, config, inWorkers)).map((outcome) => [outcome.path, outcome]));

  const fixedText = new Map<string, string>();
  if (options.fix) {
    for (const source of sources) {
      if (!targets.includes(source.path)) continue;
      const fixed = await fixFile(source, outcomes.get(source.path)!, active, config);
      if (fixed) {
        outcomes.set(source.path, fixed.outcome);
        cache.set(fixed.outcome);
        fixedText.set(source.path, fixed.text);
      }
    }
  }
  await cache.save();

  const corpusMessages = runCorpusRules([...outcomes.values()], active, config);
  return targets.map((path) => {
    const messages = [...outcomes.get(path)!.messages, ...(corpusMessages.get(path) ?? [])].sort(byPosition);
    return summarize(path, messages, fixedText.get(path));
  });
}

async function outcomesOf(sources: readonly IssueSource[], cache: LintCache, active: ActiveRule[], config: Config, inWorkers: boolean): Promise<FileOutcome[]> {
  const cached: FileOutcome[] = [];
  const misses: IssueSource[] = [];
  for (const source of sources) {
    const hit = cache.get(source.path, source.hash);
    if (hit) cached.push(hit);
    else misses.push(source);
  }
  const fresh = inWorkers && shouldUseWorkers(misses.length)
    ? await lintInWorkers(misses, config)
    : misses.map((source) => lintSource(source, active, config));
  for (const outcome of fresh) cache.set(outcome);
  return [...cached, ...fresh];
}

/** Fixes, writes and re-lints until nothing fixable is left (fixes can enable others). */
async function fixFile(source: IssueSource, outcome: FileOutcome, active: ActiveRule[], config: Config) {
  let current = { source, outcome };
  let changed = false;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const { text, applied } = applyFixes(current.source.text, current.outcome.messages);
    if (applied === 0) break;
    changed = true;
    const bytes = encodeIssueText(current.source, text);
    await writeFile(source.path, bytes);
    const next = await readIssueSource(source.path);
    current = { source: next, outcome: lintSource(next, active, config) };
  }
  return changed ? { outcome: current.outcome, text: current.source.text } : undefined;
}

function runCorpusRules(outcomes: FileOutcome[], active: ActiveRule[], config: Config): Map<string, LintMessage[]> {
  const byFile = new Map<string, LintMessage[]>();
  const facts = outcomes.map((outcome) => outcome.facts).sort((a, b) => a.path.localeCompare(b.path));
  for (const { rule, severity, options } of active) {
    if (rule.scope !== 'corpus') continue;
    (rule as CorpusRule).check({
      config,
      options,
      facts,
      report: (path, report) => {
        const list = byFile.get(path) ?? [];
        list.push(toLintMessage(rule.id, severity, report));
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
