/**
 * What a command may touch of its process, passed in so tests can call a
 * command's `run` without spawning one.
 */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CommandIO {
  stdout: Output;
  stderr: Output;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export function processIO(): CommandIO {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}

/** Colour on a terminal, unless NO_COLOR or --no-color; FORCE_COLOR forces it. */
export function useColor(output: Output, env: NodeJS.ProcessEnv, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return output.isTTY === true;
}
