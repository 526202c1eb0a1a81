import { createInterface } from 'node:readline/promises';
import type { WriteStream } from 'node:tty';
import { createSupportsColor } from 'supports-color';
import { PaperboyError } from '../errors.js';
import type { CommandIO, Output } from '../io.js';
import { writeFailure } from './out-file.js';

export function processIO(): CommandIO {
  process.stdout.on('error', closedPipe);
  process.stderr.on('error', closedPipe);
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), env: process.env };
}

/**
 * A reader that went away (`paperboy subscribers list | head -1`): Node
 * ignores SIGPIPE, so the next write fails with EPIPE, an 'error' event
 * that would end the process with a stack trace. What is left to print is
 * dropped and the command finishes its work (a send keeps its journal
 * straight); any other output failure is said in one line, exit 74
 * (EX_IOERR, sysexits.h).
 */
function closedPipe(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
  const { why, hint } = writeFailure(error.code ?? error.message);
  process.stderr.write(`paperboy: Cannot write the output: ${why}\n  ${hint}\n`);
  process.exit(74);
}

/**
 * Colour on a terminal that supports it, unless NO_COLOR or --no-color;
 * FORCE_COLOR forces it. What a terminal supports (TERM=dumb has no colour,
 * Windows consoles, CI services) is supports-color's judgement. The three
 * switches are read here, from the command's own `env`, before it: it reads
 * only `process.env`, so a test or an embedding program could not set them.
 */
export function useColor(output: Output, env: NodeJS.ProcessEnv, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return output.isTTY === true && createSupportsColor(output as WriteStream, { sniffFlags: false }) !== false;
}

/**
 * The columns of a terminal the output is, or undefined for a file or a
 * pipe: lint's stylish rows then wrap within the terminal (ESLint's layout
 * pads every row to the longest message, which took each line of a file
 * with one long message past 300 columns); a log or CI keeps ESLint's.
 */
export function terminalWidth(output: Output): number | undefined {
  return output.isTTY === true && output.columns !== undefined && output.columns > 0 ? output.columns : undefined;
}

/**
 * Asks `question` on the terminal: true for `y` or `yes` (any case).
 * Throws CONFIRMATION_NEEDED (exit 2) when stdin is no terminal: `--yes` is
 * the only way to say yes then.
 */
export async function confirm(io: CommandIO, question: string): Promise<boolean> {
  const input = io.stdin as (NodeJS.ReadableStream & { isTTY?: boolean }) | undefined;
  if (!input?.isTTY) {
    throw new PaperboyError('CONFIRMATION_NEEDED', 'Cannot ask for confirmation: stdin is not a terminal', { hint: 'Pass --yes to send without asking (after checking with --dry-run).' });
  }
  const prompt = createInterface({ input, output: io.stdout as unknown as NodeJS.WritableStream });
  try {
    return /^y(es)?$/i.test((await prompt.question(question)).trim());
  } finally {
    prompt.close();
  }
}
