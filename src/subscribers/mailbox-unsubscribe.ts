import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { PaperboyError } from '../errors.js';
import { verify, type SigningKey } from './unsubscribe-token.js';

/** One message of a mailbox, where the editor finds it again. */
export interface MailboxMessage {
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
export function readMailbox(path: string): MailboxMessage[] {
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
    if (line.startsWith('From ') && (i === 0 || lines[i - 1] === '')) {
      flush(i);
      start = i;
    }
  });
  flush(lines.length);
  return messages;
}

/** What one message asks: the subscriber id its token names, or why it names none. */
export type UnsubscribeRequest = { where: string; id: number } | { where: string; problem: string };

/**
 * The request a message makes: its subject is `unsubscribe <token>` (what
 * the `mailto:` of List-Unsubscribe pre-fills), and the token must verify.
 * The sender's address is never trusted: anyone can write any From.
 */
export async function unsubscribeRequest(message: MailboxMessage, keys: readonly SigningKey[]): Promise<UnsubscribeRequest> {
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
