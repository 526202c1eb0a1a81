import { spawn } from 'node:child_process';
import type { CommandIO } from '../io.js';

/** Rows assumed when a terminal does not say. */
const DEFAULT_ROWS = 24;
const DEFAULT_PAGER = 'less -R';

/**
 * Writes `text` to stdout, through a pager when it is taller than the
 * terminal, as git does: `$PAGER` (default `less -R`, with `LESS=FRX` unless
 * set), never when stdout is not a terminal, and not when `$PAGER` is empty
 * or `cat`. A pager that cannot be started leaves the text on stdout.
 */
export async function writePaged(text: string, io: CommandIO, enabled: boolean): Promise<void> {
  const command = io.env.PAGER ?? DEFAULT_PAGER;
  const lines = text.split('\n').length;
  if (!enabled || io.stdout.isTTY !== true || command.trim() === '' || command.trim() === 'cat' || lines <= (io.stdout.rows ?? DEFAULT_ROWS)) {
    io.stdout.write(text);
    return;
  }
  const status = await runPager(command, text, { ...io.env, LESS: io.env.LESS ?? 'FRX' });
  // 127: the shell found no such command; the reader still gets the text.
  if (status === 127) io.stdout.write(text);
}

function runPager(command: string, text: string, env: NodeJS.ProcessEnv): Promise<number | null> {
  // Ctrl-C belongs to the pager (less uses it to stop a search), not to us.
  const ignoreInterrupt = (): void => {};
  process.on('SIGINT', ignoreInterrupt);
  return new Promise<number | null>((resolve) => {
    const pager = spawn(command, { shell: true, stdio: ['pipe', 'inherit', 'inherit'], env });
    // The reader may quit before reading everything: EPIPE is expected.
    pager.stdin.on('error', () => {});
    pager.on('error', () => resolve(127));
    pager.on('close', (code) => resolve(code));
    pager.stdin.end(text);
  }).finally(() => process.off('SIGINT', ignoreInterrupt));
}
