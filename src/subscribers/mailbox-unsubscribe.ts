import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { PaperboyError } from '../errors.js';
import { storeWriteError, type Store } from '../store/database.js';
import { SubscriberStore } from './store.js';
import { verify, type SigningKey } from './unsubscribe-token.js';

/** One message of a mailbox, where the editor finds it again. */
interface MailboxMessage {
  /** `FILE:LINE` for an mbox, the file's path for a Maildir message. */
  where: string;
  raw: Buffer;
}

/**
 * The messages of an mbox file (split at its `From ` separator lines; the
 * mboxrd escape `>From ` is undone) or of a Maildir (the files of `new/`
 * and `cur/`). By hand: the format is a separator line, and no maintained
 * npm package reads both.
 * Throws PaperboyError MAILBOX_UNREADABLE (exit 2) when FILE cannot be read.
 */
/**
 * A separator line with its sender and asctime date (`From ada@example.org
 * Mon Nov 30 10:00:00 2026`): a separator even without the blank line
 * before it, which some programs do not write; a body line starting with
 * `From ` is no such line.
 */
const POSTMARK = /^From \S+ +[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d(:\d\d)? (\S+ )?\d{4}\r?$/;

function readMailbox(path: string): MailboxMessage[] {
  let info;
  try {
    info = statSync(path);
  } catch (error) {
    throw new PaperboyError('MAILBOX_UNREADABLE', `Cannot read the mailbox ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, {
      hint: 'Pass an mbox file or a Maildir folder (with new/ and cur/) holding the unsubscribe requests.',
    });
  }
  if (info.isDirectory()) {
    return ['new', 'cur'].flatMap((folder) => {
      const dir = join(path, folder);
      let names: string[] = [];
      try {
        names = readdirSync(dir).sort();
      } catch {
        return [];
      }
      return names.map((name) => ({ where: join(dir, name), raw: readFileSync(join(dir, name)) }));
    });
  }
  const lines = readFileSync(path, 'latin1').split('\n');
  const messages: MailboxMessage[] = [];
  let start = -1;
  const flush = (end: number) => {
    if (start < 0) return;
    const body = lines.slice(start + 1, end).map((line) => line.replace(/^>(>*From )/, '$1'));
    messages.push({ where: `${path}:${start + 1}`, raw: Buffer.from(body.join('\n'), 'latin1') });
  };
  lines.forEach((line, i) => {
    if (line.startsWith('From ') && (i === 0 || /^\r?$/.test(lines[i - 1]!) || POSTMARK.test(line))) {
      flush(i);
      start = i;
    }
  });
  flush(lines.length);
  return messages;
}

/** What one message asks: the subscriber id its token names, or why it names none. */
type UnsubscribeRequest = { where: string; id: number } | { where: string; problem: string };

/**
 * The request a message makes: its subject is `unsubscribe <token>` (what
 * the `mailto:` of List-Unsubscribe pre-fills), and the token must verify.
 * The sender's address is never trusted: anyone can write any From.
 */
async function unsubscribeRequest(message: MailboxMessage, keys: readonly SigningKey[]): Promise<UnsubscribeRequest> {
  let subject: string;
  try {
    subject = (await simpleParser(message.raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true })).subject ?? '';
  } catch {
    return { where: message.where, problem: 'the message cannot be parsed' };
  }
  const token = /\bunsubscribe\s+(\S+)/i.exec(subject)?.[1];
  if (token === undefined) return { where: message.where, problem: 'no unsubscribe token in the subject' };
  const id = verify(token, keys);
  return id === undefined ? { where: message.where, problem: 'the subject’s token is not valid' } : { where: message.where, id };
}

/** What `unsubscribeFromMailbox` did: every message's request (or why it was skipped), and how many subscribers it took off the list. */
export interface MailboxUnsubscribes {
  requests: UnsubscribeRequest[];
  /** Distinct subscribers the valid requests name. */
  subscribers: number;
  /** Of those, how many were on the list (active or pending) and are now off it. */
  unsubscribed: number;
}

/**
 * The unsubscribe requests that arrived by mail (the `mailto:` of
 * List-Unsubscribe, subject `unsubscribe <token>`) in the mbox or Maildir at
 * `path`: each valid token unsubscribes its subscriber once, all in one
 * immediate transaction. Throws MAILBOX_UNREADABLE (see `readMailbox`), or
 * STORE_WRITE (exit 2) when the store cannot be written (nothing is then
 * changed).
 */
export async function unsubscribeFromMailbox(db: Store, path: string, keys: readonly SigningKey[]): Promise<MailboxUnsubscribes> {
  const requests = await Promise.all(readMailbox(path).map((message) => unsubscribeRequest(message, keys)));
  const ids = [...new Set(requests.flatMap((request) => ('id' in request ? [request.id] : [])))];
  const store = new SubscriberStore(db);
  let unsubscribed = 0;
  try {
    db.transaction(() => {
      for (const id of ids) {
        const before = store.byId(id)?.status;
        store.unsubscribe(id);
        if (before === 'active' || before === 'pending') unsubscribed++;
      }
    }).immediate();
  } catch (error) {
    throw storeWriteError(error, 'the unsubscribes');
  }
  return { requests, subscribers: ids.length, unsubscribed };
}
