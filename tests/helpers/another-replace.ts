import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Another paperboy between its check and its rename of `file` (replace-file.ts):
 * it holds the file's lock and, 100 ms after the replace under test has
 * written its temporary file beside it (it has read the file, and checks it
 * then), writes `contents` and lets go: a replace that ignored the lock
 * would have renamed its own over the file by then. A child process, as that replace blocks its
 * own while it waits; it gives up waiting after ten seconds.
 */
export function anotherReplace(file: string, contents: string): ChildProcess {
  const lock = join(dirname(file), `.${basename(file)}.lock`);
  writeFileSync(lock, '');
  const script = `
    const fs = require('node:fs');
    const started = Date.now();
    const timer = setInterval(() => {
      const writing = fs.readdirSync(${JSON.stringify(dirname(file))}).some((name) => name.startsWith(${JSON.stringify(`.${basename(file)}.`)}) && name.endsWith('.tmp'));
      if (!writing && Date.now() - started < 10000) return;
      clearInterval(timer);
      setTimeout(() => {
        fs.writeFileSync(${JSON.stringify(file)}, ${JSON.stringify(contents)});
        fs.rmSync(${JSON.stringify(lock)});
      }, 100);
    }, 5);`;
  return spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
}
