/**
 * What a command may touch of its process, passed in so tests can call a
 * command's `run` without spawning one.
 */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
  /** A terminal reports `resize` (`preview --watch` lays out again). */
  on?(event: 'resize', listener: () => void): unknown;
  off?(event: 'resize', listener: () => void): unknown;
}

/** The keyboard, for interactive commands (`preview --watch` reads `q`), or what is piped in. */
interface Input {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
  /** Its bytes until it ends (`subscribers import -`). */
  [Symbol.asyncIterator]?(): AsyncIterator<Buffer | string>;
}

export interface CommandIO {
  stdout: Output;
  stderr: Output;
  /** Absent in tests that run a command in-process: there is no keyboard. */
  stdin?: Input;
  cwd: string;
  env: NodeJS.ProcessEnv;
}
