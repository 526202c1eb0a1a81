import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { PaperboyError } from '../errors.js';
import { fileReadProblem, specialFileKind } from '../file-problem.js';
import { readFileAtMost } from '../regular-file.js';
import { storeWriteError, type Store } from '../store/database.js';
import { SubscriberStore } from './store.js';
import { looksLikeToken, startsLikeToken, verify, type SigningKey } from './unsubscribe-token.js';

/** One message of a mailbox, where the editor finds it again. */
interface MailboxMessage {
  /** `FILE:LINE` for an mbox, the file's path for a Maildir message. */
  where: string;
  raw: Buffer;
}

/** An entry of a mailbox that holds no message to read, and why. */
interface SkippedEntry {
  where: string;
  problem: string;
}

type MailboxEntry = MailboxMessage | SkippedEntry;

/**
 * A separator line with its sender and asctime date (`From ada@example.org
 * Mon Nov 30 10:00:00 2026`): a separator even without the blank line
 * before it, which some programs do not write; a body line starting with
 * `From ` is no such line.
 */
const POSTMARK = /^From \S+ +[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d(:\d\d)? (\S+ )?\d{4}\r?$/;

const MAILBOX_HINT = 'Pass an mbox file or a Maildir folder (with new/ and cur/) holding the unsubscribe requests.';

function unreadableMailbox(path: string, error: unknown): PaperboyError {
  const problem = fileReadProblem(error, path);
  return new PaperboyError('MAILBOX_UNREADABLE', `Cannot read the mailbox ${path}: ${problem.reason}`, { hint: problem.missing ? MAILBOX_HINT : problem.fix, cause: error });
}

/**
 * The messages of an mbox file (split at its `From ` separator lines; the
 * mboxrd escape `>From ` is undone; text before the first separator, or a
 * file with none, such as one message saved as `.eml`, is a message too)
 * or of a Maildir (see `readMaildir`).
 * By hand: the format is a separator line, and no maintained npm package
 * reads both.
 * Throws PaperboyError MAILBOX_UNREADABLE (exit 2) when FILE cannot be read.
 */
function readMailbox(path: string): MailboxEntry[] {
  let info;
  try {
    info = statSync(path);
  } catch (error) {
    throw unreadableMailbox(path, error);
  }
  if (info.isDirectory()) return readMaildir(path, listMaildir(path));
  const lines = mboxText(path).split('\n');
  const messages: MailboxMessage[] = [];
  // The separator line of the message being read; -1 before the first, whose text (all of a message saved on its own, `.eml`) is a message too.
  let start = -1;
  const flush = (end: number) => {
    const body = lines.slice(start + 1, end);
    if (start < 0 && body.every((line) => line.trim() === '')) return;
    messages.push({ where: `${path}:${Math.max(start + 1, 1)}`, raw: Buffer.from(body.map((line) => line.replace(/^>(>*From )/, '$1')).join('\n'), 'latin1') });
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

/**
 * The most bytes of an mbox `unsubscribe-from` reads: 256 MiB, some
 * fifty thousand requests of a few kilobytes (an mbox is held whole while
 * it is split into messages). A Maildir has no such limit: its messages
 * are read one at a time.
 */
const MAX_MBOX_BYTES = 256 * 1024 * 1024;

/**
 * The text of the mbox file at `path`, its bytes as Latin-1 (a message is
 * parsed from its bytes again). Opened without blocking: a named pipe
 * with no writer kept the command waiting for ever, and `/dev/zero` was
 * read until 5 GB of memory were gone. Throws MAILBOX_UNREADABLE (exit 2)
 * for a file that cannot be read, a named pipe, a device or a socket, and
 * a file over `MAX_MBOX_BYTES`.
 */
function mboxText(path: string): string {
  let read: ReturnType<typeof readFileAtMost>;
  try {
    read = readFileAtMost(path, MAX_MBOX_BYTES);
  } catch (error) {
    throw unreadableMailbox(path, error);
  }
  const { info, bytes } = read;
  if (!info.isFile()) throw new PaperboyError('MAILBOX_UNREADABLE', `Cannot read the mailbox ${path}: a ${specialFileKind(info)}, not an mbox file or a Maildir folder`, { hint: `${MAILBOX_HINT} paperboy does not read a mailbox from a ${specialFileKind(info)}, which could keep it waiting.` });
  if (bytes === undefined || bytes.length > MAX_MBOX_BYTES) {
    throw new PaperboyError('MAILBOX_UNREADABLE', `Cannot read the mailbox ${path}: an mbox file of over ${MAX_MBOX_BYTES / 1024 / 1024} MiB, expected at most ${MAX_MBOX_BYTES / 1024 / 1024} MiB`, {
      hint: 'Move the requests already handled out of it (an unsubscribe is kept, so a request read twice changes nothing), or save the requests as a Maildir, read one message at a time.',
    });
  }
  return bytes.toString('latin1');
}

const MAILDIR_FOLDERS = ['new', 'cur'] as const;

/** The names in a Maildir's `new/` and `cur/` at one moment, and the folders that could not be listed. */
export interface MaildirListing {
  new: string[];
  cur: string[];
  unlisted: SkippedEntry[];
}

/**
 * Lists a Maildir. A folder missing or unreadable is read as empty (and
 * reported, unless missing); throws MAILBOX_UNREADABLE (exit 2) when
 * neither can be listed: PATH is then no Maildir at all.
 */
export function listMaildir(path: string): MaildirListing {
  const listing: MaildirListing = { new: [], cur: [], unlisted: [] };
  const failures: unknown[] = [];
  for (const folder of MAILDIR_FOLDERS) {
    try {
      listing[folder] = readdirSync(join(path, folder)).sort();
    } catch (error) {
      failures.push(error);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') listing.unlisted.push({ where: join(path, folder), problem: `the folder cannot be listed: ${fileReadProblem(error, join(path, folder)).reason}` });
    }
  }
  if (failures.length === MAILDIR_FOLDERS.length) {
    const why = fileReadProblem(failures[0], join(path, MAILDIR_FOLDERS[0])).reason;
    throw new PaperboyError('MAILBOX_UNREADABLE', `Cannot read the mailbox ${path}: a folder, but no Maildir, as new/ and cur/ cannot be listed: ${why}`, { hint: MAILBOX_HINT, cause: failures[0] });
  }
  return listing;
}

/**
 * The messages of a Maildir as `listing` found it. A mail client may move
 * or rename a message while it is read: an entry that is not a readable
 * file is skipped with why, and never ends the reading of the others.
 */
export function readMaildir(path: string, listing: MaildirListing): MailboxEntry[] {
  return [...listing.unlisted, ...MAILDIR_FOLDERS.flatMap((folder) => listing[folder].flatMap((name) => readMaildirEntry(path, folder, name, listing)))];
}

function readMaildirEntry(path: string, folder: (typeof MAILDIR_FOLDERS)[number], name: string, listing: MaildirListing): MailboxEntry[] {
  const where = join(path, folder, name);
  try {
    // Checked first: a FIFO would block the read for ever.
    if (!statSync(where).isFile()) return [{ where, problem: 'not a message file (a folder or a device)' }];
    return [{ where, raw: readFileSync(where) }];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return [{ where, problem: `the file cannot be read: ${fileReadProblem(error, where).reason}` }];
    if (isLink(where)) return [{ where, problem: 'a link to a file that does not exist' }];
    return movedMessage(path, name, listing, where);
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * A message gone from where it was listed: a mail client moves a read
 * message from new/ to cur/ and renames it there when its flags change,
 * keeping the name up to `:`. It is read where it is now, or not at all
 * when the listing of cur/ already holds it (it is read there).
 */
function movedMessage(path: string, name: string, listing: MaildirListing, where: string): MailboxEntry[] {
  const unique = name.split(':')[0];
  const sameMessage = (other: string) => other !== name && other.split(':')[0] === unique;
  if (listing.cur.some(sameMessage)) return [];
  let now: string[] = [];
  try {
    now = readdirSync(join(path, 'cur'));
  } catch {
    // No cur/ to look in: the message is gone.
  }
  const moved = now.find(sameMessage);
  if (moved !== undefined) {
    try {
      return [{ where: join(path, 'cur', moved), raw: readFileSync(join(path, 'cur', moved)) }];
    } catch {
      // Moved again, or deleted: as gone as below.
    }
  }
  return [{ where, problem: 'the message was moved or deleted before it could be read' }];
}

/** Why a request whose token the keys did not sign is skipped: forged or mistyped, or signed with a secret not given (the CLI tells them apart). */
export const INVALID_TOKEN = 'the subject’s token is not valid';

/** What one message asks: the subscriber id its token names, or why it names none. */
type UnsubscribeRequest = { where: string; id: number } | { where: string; problem: string };

/**
 * The request a message makes: its subject is `unsubscribe <token>` (what
 * the `mailto:` of List-Unsubscribe pre-fills), and the token must verify.
 * The sender's address is never trusted: anyone can write any From.
 */
async function unsubscribeRequest(message: MailboxEntry, keys: readonly SigningKey[]): Promise<UnsubscribeRequest> {
  if ('problem' in message) return message;
  let subject: string;
  try {
    subject = (await simpleParser(message.raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true })).subject ?? '';
  } catch {
    return { where: message.where, problem: 'the message cannot be parsed' };
  }
  // The token among the words after "unsubscribe", or one that starts as a token does (cut or changed: not valid). Words
  // that are neither ("unsubscribe me please") make a request without a token, not a forged one.
  const words = /\bunsubscribe\s+(.*)$/is.exec(subject)?.[1]?.split(/\s+/) ?? [];
  const token = words.find(looksLikeToken) ?? words.find(startsLikeToken);
  if (token === undefined) return { where: message.where, problem: 'no unsubscribe token in the subject' };
  const id = verify(token, keys);
  return id === undefined ? { where: message.where, problem: INVALID_TOKEN } : { where: message.where, id };
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
