import { resolve } from 'node:path';
import { PaperboyError } from '../errors.js';
import { buildSite } from '../archive/build.js';
import { builtFeedIdBase, feedIdsMovedWarning } from '../archive/feed-ids-moved.js';
import { OUT_DIR_EXPECTED, outDirOverlap } from '../config/out-dir.js';
import { loadConfig } from '../config/load.js';
import type { CommandIO } from '../io.js';
import { diagnosticRows } from '../lint/format/stylish.js';
import { checkRuleSettings } from '../lint/settings.js';
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
}

/** `paperboy build`: the static archive and every issue's email files, into `--out` (default: the config's outDir). */
export async function run(options: BuildCommandOptions, io: CommandIO): Promise<number> {
  const config = await loadConfig(newsletterRoot(io.cwd, options.root));
  const outDir = options.out === undefined ? config.outDir : resolve(io.cwd, options.out);
  const overlap = options.out === undefined ? undefined : outDirOverlap(outDir, config);
  if (overlap) throw new PaperboyError('USAGE', `Unexpected --out ${options.out}: ${overlap.problem}, ${OUT_DIR_EXPECTED}`);
  // Read before the build replaces the site: the ids feed readers were last given.
  const feedIdsBefore = builtFeedIdBase(outDir);
  const progress = buildProgress(io);
  const report = await buildSite(config, { outDir, outDirFrom: options.out === undefined ? 'outDir' : '--out', drafts: options.drafts, cache: options.cache, progress: progress.report, check: () => checkRuleSettings(config) }).finally(progress.stop);
  sayUnreadTemplates(report.unreadTemplates, io);
  // An issue saved under a name paperboy does not read was left out of the site in silence.
  sayUnreadIssueFiles(config.issuesDir, io);
  await sayMovedBaseUrl(config, options.cache, io);
  // Issues sent whose address this site does not have: their emails' "view in browser" link would answer 404.
  await saySentWithoutPage(config, report.addresses, options.cache, io);
  const feedIdsMoved = feedIdsMovedWarning(feedIdsBefore, config, shownPath(config.file, io.cwd));
  if (feedIdsMoved !== undefined) io.stderr.write(feedIdsMoved);
  // Each build says so (the cached issues, and a site up to date, too) until the file is fixed: the reader would otherwise lose those values without a word.
  // In lint's line format, so an editor jumps to them alike; an error whatever lint's settings, since the value is lost.
  for (const { path, values } of report.unread) {
    // In the file's order, as lint lists them: the parser's problems and the later checks' come apart.
    const inOrder = [...values].sort((a, b) => a.line - b.line || a.column - b.column);
    io.stderr.write(diagnosticRows(shownPath(path, io.cwd), inOrder.map((value) => ({ ...value, severity: 'error' as const }))));
  }
  if (report.unread.length > 0) {
    const count = report.unread.reduce((sum, { values }) => sum + values.length, 0);
    io.stderr.write(`paperboy: published with ${count === 1 ? 'that problem' : `those ${count} problems`}: fix ${itOrThem(count)} (\`paperboy lint${rootFlag(io.cwd, config.root)}\` lists every problem; \`send\` refuses an issue with errors).\n`);
  }
  // The folder as the reader gave it (`--out /srv/site`), else the config's, from here.
  const shownOut = options.out ?? (shownPath(report.outDir, io.cwd));
  if (report.upToDate) {
    io.stdout.write(`${shownOut} is up to date: no issue, template or setting changed since it was built.\n`);
    return 0;
  }
  const cached = report.issues - report.rendered;
  // Issue files the site does not show, said: "2 issues" of three files would leave the editor looking for the third.
  const drafts = report.drafts === 0 ? '' : ` ${counted(report.drafts, 'draft')} left out (\`paperboy serve --dev\` shows ${report.drafts === 1 ? 'it' : 'them'}).`;
  io.stdout.write(
    `Built ${shownOut}: ${counted(report.issues, 'issue')} (${report.rendered} rendered, ${cached} unchanged), ${counted(report.papers, 'paper')}, ${counted(report.files, 'file')} (${report.written} written).${drafts}\n`,
  );
  return 0;
}
