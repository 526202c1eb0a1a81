import { resolve } from 'node:path';
import { PaperboyError } from '../errors.js';
import { buildSite, type FileValues } from '../archive/build.js';
import { builtFeedIdBase, feedIdsMovedWarning } from '../archive/feed-ids-moved.js';
import { OUT_DIR_EXPECTED, outDirOverlap } from '../config/out-dir.js';
import { unmakeableFolder } from '../config/unmakeable-folder.js';
import { loadConfig, type Config } from '../config/load.js';
import type { CommandIO } from '../io.js';
import type { IssueFacts } from '../issue/facts.js';
import { diagnosticRows } from '../lint/format/stylish.js';
import { checkRuleSettings } from '../lint/settings.js';
import { LINT_FORMAT } from '../lint/cache.js';
import { buildProgress } from './build-progress.js';
import { counted, itOrThem } from '../render/format.js';
import { newsletterRoot, rootFlag } from './root.js';
import { sayUnreadTemplates } from './unread-templates.js';
import { sayUnreadIssueFiles } from './unread-issue-files.js';
import { sayMovedBaseUrl } from '../server/moved-base-url.js';
import { saySentWithoutPage } from './sent-without-page.js';
import { shownPath } from '../path-within.js';

export interface BuildCommandOptions {
  root: string;
  out?: string;
  drafts: boolean;
  cache: boolean;
  /** Exit 0 although issues are published with errors (they are still listed). */
  allowLintErrors?: boolean;
}

/** `paperboy build`: the static archive and every issue's email files, into `--out` (default: the config's outDir). */
export async function run(options: BuildCommandOptions, io: CommandIO): Promise<number> {
  const config = await loadConfig(newsletterRoot(io.cwd, options.root));
  const outDir = options.out === undefined ? config.outDir : resolve(io.cwd, options.out);
  const overlap = options.out === undefined ? undefined : outDirOverlap(outDir, config);
  if (overlap) throw new PaperboyError('USAGE', `Unexpected --out ${options.out}: ${overlap.problem}, ${OUT_DIR_EXPECTED}`);
  const unmakeable = options.out === undefined ? undefined : unmakeableFolder(outDir);
  if (unmakeable) throw new PaperboyError('USAGE', `Unexpected --out ${options.out}: ${unmakeable}, expected a folder paperboy may make and write`);
  // Read before the build replaces the site: the ids feed readers were last given.
  const feedIdsBefore = builtFeedIdBase(outDir);
  const progress = buildProgress(io);
  const report = await buildSite(config, { outDir, outDirFrom: options.out === undefined ? 'outDir' : '--out', drafts: options.drafts, cache: options.cache, progress: progress.report, check: () => checkRuleSettings(config), lint: { key: `lint ${LINT_FORMAT}`, errors: (paths, facts) => lintErrorsOf(config, paths, facts, options.cache) } }).finally(progress.stop);
  sayUnreadTemplates(report.unreadTemplates, io);
  // An issue saved under a name paperboy does not read was left out of the site in silence.
  sayUnreadIssueFiles(config.issuesDir, io);
  await sayMovedBaseUrl(config, options.cache, io);
  // Issues sent whose address this site does not have: their emails' "view in browser" link would answer 404.
  await saySentWithoutPage(config, report.addresses, options.cache, io);
  const feedIdsMoved = feedIdsMovedWarning(feedIdsBefore, config, shownPath(config.file, io.cwd));
  if (feedIdsMoved !== undefined) io.stderr.write(feedIdsMoved);
  // Each build says so (the cached issues, and a site up to date, too) until the file is fixed: the reader would otherwise lose those values without a word.
  // In lint's line format, so an editor jumps to them alike; a value lost is an error whatever lint's settings.
  const problems = publishedProblems(report.unread, report.lintErrors);
  for (const { path, values } of problems) io.stderr.write(diagnosticRows(shownPath(path, io.cwd), values.map((value) => ({ ...value, severity: 'error' as const }))));
  // A draft's values unread in a `--drafts` preview are said, but fail nothing: only what a deploy would publish does.
  const failed = report.lintErrors.length > 0 || (report.unread.length > 0 && !options.drafts);
  if (problems.length > 0) {
    const count = problems.reduce((sum, { values }) => sum + values.length, 0);
    // Said when it fails: a CI log shows why the deploy after it did not run.
    const exit = failed && !options.allowLintErrors ? ' The site is written; the build exits 1, so that a deploy after it stops.' : '';
    io.stderr.write(
      `paperboy: published ${counted(problems.length, 'issue')} with ${count === 1 ? 'that error' : `those ${count} errors`}: fix ${itOrThem(count)} (\`paperboy lint${rootFlag(io.cwd, config.root)}\` lists every problem; \`send\` refuses an issue with errors).${exit}\n`,
    );
  }
  const code = failed && !options.allowLintErrors ? 1 : 0;
  // The folder as the reader gave it (`--out /srv/site`), else the config's, from here.
  const shownOut = options.out ?? (shownPath(report.outDir, io.cwd));
  if (report.upToDate) {
    io.stdout.write(`${shownOut} is up to date: no issue, template or setting changed since it was built.\n`);
    return code;
  }
  const cached = report.issues - report.rendered;
  // Issue files the site does not show, said: "2 issues" of three files would leave the editor looking for the third.
  const drafts = report.drafts === 0 ? '' : ` ${counted(report.drafts, 'draft')} left out (\`paperboy serve --dev\` shows ${report.drafts === 1 ? 'it' : 'them'}).`;
  io.stdout.write(
    `Built ${shownOut}: ${counted(report.issues, 'issue')} (${report.rendered} rendered, ${cached} unchanged), ${counted(report.papers, 'paper')}, ${counted(report.files, 'file')} (${report.written} written).${drafts}\n`,
  );
  return code;
}

/**
 * The lint errors of `paths` (the published issues that are not drafts),
 * by file, as `paperboy lint` finds them (its cache too, unless
 * `--no-cache`), but a sent issue's advice (Rule.sent), which no edit of
 * a sent issue can act on: a build fails on what is wrong in the site.
 * The rules across issues read the other published issues' `facts` the
 * build read, not their lint (sent-linted.ts `publishedFacts`).
 */
async function lintErrorsOf(config: Config, paths: readonly string[], facts: ReadonlyMap<string, IssueFacts>, cache: boolean): Promise<FileValues[]> {
  // Nothing published but drafts: no lint, which would read every draft for the cross-issue rules.
  if (paths.length === 0) return [];
  const { lintIssues } = await import('../lint/engine.js');
  const results = await lintIssues(config, { files: paths, cache, adviceOnSent: false, corpusFacts: facts });
  return results
    .map(({ path, messages }) => ({ path, values: messages.filter((m) => m.severity === 'error').map(({ line, column, message, ruleId }) => ({ line, column, message, ruleId })) }))
    .filter(({ values }) => values.length > 0);
}

/**
 * The errors a build says, by file (by path), each file's in its order:
 * the values it could not publish (`unread`, in the build's words, which
 * say what it did), and the lint errors of the issues it published, but
 * for one `unread` says at the same place for the same rule. Files in code-unit
 * order, as lint lists them: `localeCompare` would follow the machine's locale.
 */
function publishedProblems(unread: readonly FileValues[], lintErrors: readonly FileValues[]): FileValues[] {
  const byPath = new Map<string, FileValues['values']>();
  for (const { path, values } of unread) byPath.set(path, [...values]);
  for (const { path, values } of lintErrors) {
    const said = byPath.get(path) ?? [];
    const place = (value: FileValues['values'][number]) => `${value.line}:${value.column} ${value.ruleId}`;
    const saidAt = new Set(said.map(place));
    byPath.set(path, [...said, ...values.filter((value) => !saidAt.has(place(value)))]);
  }
  return [...byPath]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, values]) => ({ path, values: values.sort((a, b) => a.line - b.line || a.column - b.column) }));
}
