import { createHash } from 'node:crypto';
import { readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import type { DeliveryResult, OutgoingMessage, ReadyResult, Transport } from './transport.js';
import { makeFolders } from '../../make-folders.js';

/** The reply the outbox journals for a message it wrote: `written <hash>.eml`. */
const WRITTEN = 'written';

/** Whether a journaled reply is the outbox's (the message went into a folder here, not to a relay): what `paperboy sends` tells apart. */
export function isOutboxReply(reply: string | null): boolean {
  return reply !== null && /^written [0-9a-f]{32}\.eml$/.test(reply);
}

/**
 * The embedded outbox (no SMTP_URL): each message is written to
 * `<dataDir>/outbox/<issue>/<hash of the Message-ID>.eml`, the same bytes SMTP
 * would carry. A resend writes the same file again (one file per
 * recipient, whatever happens), through a temporary file and a rename, so a
 * crash never leaves half a message.
 */
const STALE_TEMPORARY_MS = 60_000;

export class OutboxTransport implements Transport {
  readonly connections = 1;
  readonly description: string;

  constructor(
    /** Where the messages are written. */
    readonly dir: string,
    root: string,
  ) {
    this.description = `the outbox ${relative(root, dir) || dir} (no SMTP_URL set: nothing leaves this machine)`;
  }

  /** When this run began (`verify`), in ms since the epoch. */
  private started: number | undefined;

  async verify(): Promise<ReadyResult> {
    this.started = Date.now();
    makeFolders(this.dir);
    await this.removeTemporaries(this.started - STALE_TEMPORARY_MS);
    return { ok: true, reply: 'outbox ready' };
  }

  /**
   * The temporary files a killed run left (its message was never renamed
   * into place, and the resume writes it again, or lists it `unknown`):
   * those last written before `before` (ms since the epoch). At a run's
   * start, over a minute old, as another send's (a proof's) live for
   * milliseconds; at its end (`close`), older than the run, so a run
   * resumed at once after the kill leaves none behind either.
   */
  private async removeTemporaries(before: number): Promise<void> {
    for (const name of await readdir(this.dir)) {
      if (!name.endsWith('.eml.tmp')) continue;
      const path = join(this.dir, name);
      try {
        if ((await stat(path)).mtimeMs < before) await rm(path, { force: true });
      } catch {
        // Gone already (renamed by a send that was still running after all): nothing to remove.
      }
    }
  }

  async send(message: OutgoingMessage): Promise<DeliveryResult> {
    const name = fileName(message.messageId);
    const path = join(this.dir, name);
    try {
      // Made by `verify` too; the server's confirmations are sent without one (server/start.ts).
      makeFolders(this.dir);
      await writeFile(`${path}.tmp`, message.raw);
    } catch (error) {
      return { ok: false, failure: { stage: 'connect', reply: `Cannot write ${path}: ${(error as Error).message}` } };
    }
    try {
      // The rename is the message's end: the journal has the row `sending` first, so a resume knows to look (`handedOver`).
      await message.handOff?.();
    } catch (error) {
      // The journal's write failed, not the file's (group-commit.ts says which): not in place, written again by a later try.
      await rm(`${path}.tmp`, { force: true }).catch(() => {});
      return { ok: false, failure: { stage: 'connect', reply: `Not written to ${path}: ${(error as Error).message}` } };
    }
    try {
      await rename(`${path}.tmp`, path);
      return { ok: true, reply: `${WRITTEN} ${name}` };
    } catch (error) {
      // Not in place: the message was not delivered, and a later try writes it again.
      await rm(`${path}.tmp`, { force: true }).catch(() => {});
      return { ok: false, failure: { stage: 'connect', reply: `Cannot write ${path}: ${(error as Error).message}` } };
    }
  }

  /**
   * A stopped run's message is in the outbox exactly when its file is:
   * written whole to a temporary file, then renamed into place (atomic), so
   * a file there is the whole message, and its temporary file alone means
   * it never went in (the journal has a row `sending` only once that file
   * is written: `send`). Neither means the row is not the outbox's: a run
   * through a relay left it in doubt, and so it stays (undefined), rather
   * than be written here as if the relay never had it. Its reply is the
   * one the send journals (`written <hash>.eml`).
   */
  async handedOver(messageId: string): Promise<{ sent: true; reply: string } | { sent: false } | undefined> {
    const path = join(this.dir, fileName(messageId));
    if (await isFile(path)) return { sent: true, reply: `${WRITTEN} ${basename(path)}` };
    return (await isFile(`${path}.tmp`)) ? { sent: false } : undefined;
  }

  async close(): Promise<void> {
    if (this.started !== undefined) await this.removeTemporaries(this.started);
  }
}

/** The outbox file of a Message-ID: `<first 32 hex digits of its SHA-256>.eml`, the same on every attempt. */
function fileName(messageId: string): string {
  return `${createHash('sha256').update(messageId).digest('hex').slice(0, 32)}.eml`;
}

/** Whether a file is at `path`; false when nothing is. Throws what else `stat` throws (a folder it may not read). */
async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
