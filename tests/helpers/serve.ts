import { spawn, type ChildProcess } from 'node:child_process';
import { BIN } from './cli.js';

const SECRET = 'serve-test-secret-serve-test-secret-0123';

/**
 * `paperboy serve` as a real process on a free port; resolves with its URL
 * once it listens. `wrap`: what runs its argv instead (`withWatchLimit`).
 */
export async function serve(
  root: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = { PAPERBOY_SECRET: SECRET },
  wrap: (argv: string[]) => string[] = (argv) => argv,
): Promise<{ child: ChildProcess; url: URL; stdout: () => string; stderr: () => string }> {
  const [command, ...rest] = wrap([process.execPath, BIN, 'serve', '--root', root, '--port', '0', ...args]);
  const child = spawn(command!, rest, { env: { PATH: process.env.PATH, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const url = await new Promise<URL>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /at (http:\/\/\S+)/.exec(stderr);
      if (match) resolve(new URL(match[1]!));
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  return { child, url, stdout: () => stdout, stderr: () => stderr };
}

export const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

