import { createRequire } from 'node:module';
import type { SingleBar } from 'cli-progress';
import type { BuildProgress, BuildStage } from '../archive/build.js';
import type { CommandIO } from '../io.js';

/** How long a stage runs before its progress is shown, ms: a build that takes less prints its result alone. */
const SHOW_AFTER_MS = 1_000;

/** How often a line is written when stderr is not a terminal, ms (as `send` does). */
const LINE_INTERVAL_MS = 10_000;

const LABELS: Record<BuildStage, string> = { render: 'rendering issues', write: 'writing files' };

/**
 * cli-progress, loaded when a bar is first drawn: importing it costs ~35 ms
 * here, a tenth of a build with nothing to do, which never draws one. A
 * synchronous require, since a stage reports from synchronous code.
 */
const loadBar = () => (createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress')).SingleBar;

/**
 * A build's progress on stderr, for the long stages of a big archive (a
 * first build of 1,000 issues renders for ~35 s, then writes 13,926 files
 * for ~12 s): on a terminal, a bar per stage (cli-progress) once the stage
 * has run for a second; otherwise (a log, CI) a line every ten seconds.
 * The writing stage runs without yielding to the event loop, so the bar is
 * redrawn from `report` (cli-progress's synchronous update), never from a
 * timer. `now`: the clock, in ms.
 */
export function buildProgress(io: CommandIO, now: () => number = Date.now): { report: BuildProgress; stop(): void } {
  let current: { stage: BuildStage; since: number; lastLine: number; bar: SingleBar | undefined } | undefined;
  const stop = () => current?.bar?.stop();
  const report: BuildProgress = (stage, done, total) => {
    const time = now();
    if (current?.stage !== stage) {
      stop();
      current = { stage, since: time, lastLine: time, bar: undefined };
    }
    if (time - current.since < SHOW_AFTER_MS) return;
    if (io.stderr.isTTY) {
      if (!current.bar) {
        const Bar = loadBar();
        current.bar = new Bar({
          format: `${LABELS[stage]} [{bar}] {value}/{total}`,
          stream: io.stderr as unknown as NodeJS.WritableStream,
          hideCursor: true,
        });
        current.bar.start(total, done);
      } else {
        current.bar.update(done);
      }
    } else if (time - current.lastLine >= LINE_INTERVAL_MS) {
      current.lastLine = time;
      io.stderr.write(`${LABELS[stage]}: ${done}/${total}\n`);
    }
  };
  return { report, stop };
}
