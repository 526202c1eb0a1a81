/**
 * `paperboy lint` as a user runs it: the CLI in a fresh process, wall time
 * from spawn to exit, on the whole corpus. Cold (no cache), warm (cache
 * primed, nothing changed) and after editing one file, each with its peak
 * RSS. Every run must report the same messages: the cache may change the
 * time, never the result.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listIssueFiles } from '../src/issue/load.js';
import { median, runCli, type BenchRow, type BenchSuite, type CliRun } from './bench-harness.js';

const WARM_TARGET_S = 1;
const COLD_TARGET_RATIO = 0.75;

interface LintFileReport {
  filePath: string;
  errorCount: number;
  messages: unknown[];
}

async function lint(root: string): Promise<CliRun & { reports: LintFileReport[] }> {
  const run = await runCli(['lint', '--root', root, '--format', 'json']);
  if (run.exitCode !== 0 && run.exitCode !== 1) throw new Error(`paperboy lint exited with ${run.exitCode}:\n${run.stderr}`);
  return { ...run, reports: JSON.parse(run.stdout) as LintFileReport[] };
}

/** Inserts a sentence into the first summary: what an editor's save looks like. */
function edited(text: string, round: number): string {
  const marker = '    summary: |\n      ';
  const at = text.indexOf(marker);
  if (at === -1) throw new Error('Unexpected issue without a block summary, expected a generated corpus');
  const cut = at + marker.length;
  return `${text.slice(0, cut)}After review (round ${round}), the authors updated the paper. ${text.slice(cut)}`;
}

function rows(kind: string, figure: string, runs: readonly CliRun[], target: BenchRow['target'], detail?: string): BenchRow[] {
  const wall: BenchRow = { id: `lint.${kind}`, figure, value: median(runs.map((run) => run.wallMs)) / 1000, unit: 's' };
  if (target) wall.target = target;
  if (detail) wall.detail = detail;
  const rss: BenchRow = { id: `lint.${kind}.rss`, figure: `${figure}: peak RSS`, value: median(runs.map((run) => run.maxRssMb)), unit: 'MB' };
  return [wall, rss];
}

export const lintSuite: BenchSuite = {
  name: 'lint',
  async run(context) {
    const { root, repeat, log, figures } = context;
    const cacheDir = join(root, '.paperboy');
    const cold: CliRun[] = [];
    let reference = '';
    for (let i = 0; i < repeat; i++) {
      log(`lint: cold (${i + 1}/${repeat})`);
      await rm(cacheDir, { recursive: true, force: true });
      const run = await lint(root);
      const errors = run.reports.reduce((sum, report) => sum + report.errorCount, 0);
      if (errors > 0) log(`lint: warning: the corpus has ${errors} lint errors; a generated corpus should have none`);
      reference = run.stdout;
      cold.push(run);
    }

    const warm: CliRun[] = [];
    for (let i = 0; i < repeat; i++) {
      log(`lint: warm (${i + 1}/${repeat})`);
      const run = await lint(root);
      if (run.stdout !== reference) throw new Error('Unexpected difference between the cold and the warm lint output, expected the cache to change nothing');
      warm.push(run);
    }

    const paths = await listIssueFiles(join(root, 'issues'));
    const victim = paths[paths.length >> 1]!;
    const original = await readFile(victim, 'utf8');
    const edit: CliRun[] = [];
    try {
      for (let i = 0; i < repeat; i++) {
        log(`lint: after editing one file (${i + 1}/${repeat})`);
        await writeFile(victim, edited(original, i + 1));
        edit.push(await lint(root));
      }
    } finally {
      await writeFile(victim, original);
    }
    // Later suites find the corpus as it was, with the cache primed.
    await lint(root);

    const floor = figures.get('remark.parse');
    const cpu = (runs: readonly CliRun[]) => `${median(runs.map((run) => run.cpuSeconds)).toFixed(1)} s CPU`;
    const ratio = (runs: readonly CliRun[]) =>
      floor ? `${(median(runs.map((run) => run.wallMs)) / 1000 / floor.value).toFixed(2)} × remark; ${cpu(runs)}` : cpu(runs);
    const coldTarget = floor ? { comparison: '<=' as const, value: COLD_TARGET_RATIO * floor.value, basis: `${COLD_TARGET_RATIO} × remark` } : undefined;
    const warmTarget = { comparison: '<' as const, value: WARM_TARGET_S };
    return [
      ...rows('cold', 'lint, cold (no cache), CLI wall', cold, coldTarget, ratio(cold)),
      ...rows('warm', 'lint, warm (cache primed, nothing changed), CLI wall', warm, warmTarget, cpu(warm)),
      ...rows('edit', 'lint after editing one file, CLI wall', edit, warmTarget, cpu(edit)),
    ];
  },
};
