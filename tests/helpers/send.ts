import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SendCommandOptions } from '../../src/cli/send.js';
import { run as runSend } from '../../src/cli/send.js';
import { run as runSubscribers } from '../../src/cli/subscribers.js';
import { isPaperboyError } from '../../src/errors.js';
import type { CommandIO } from '../../src/io.js';
import { openStore } from '../../src/store/database.js';
import { cleanIssue, configWith, makeRoot } from './fixture.js';
import type { TestSmtpServer } from './smtp-server.js';

export const SECRET = 'test-secret-that-is-long-enough-0123456789';

/** Which issue `newsletter`'s issue 1 is (cleanIssue's title and date): what a send of it records (send/identity.ts). */
export const ISSUE_1 = { title: 'Emergence mirages', date: '2023-05-29' } as const;

/** A newsletter with one ready issue (number 1) and `count` active subscribers reader0…@example.org. */
export async function newsletter(count: number, options: { extraConfig?: string; status?: string; body?: string } = {}): Promise<string> {
  const issue = cleanIssue({ status: options.status ?? 'ready', ...(options.body === undefined ? {} : { body: options.body }) });
  const root = makeRoot({ 'issues/0001-mirages.md': issue }, configWith(`listAddress: list@lists.example.org\n${options.extraConfig ?? ''}`));
  const lines = ['email,name', ...Array.from({ length: count }, (_, i) => `reader${i}@example.org,Reader ${i}`)];
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(root, 'readers.csv'), `${lines.join('\n')}\n`);
  await runSubscribers({ root, action: 'import', argument: 'readers.csv' }, captureIO(root).io);
  return root;
}

export interface Captured {
  io: CommandIO;
  stdout(): string;
  stderr(): string;
}

export function captureIO(cwd: string, env: NodeJS.ProcessEnv = {}): Captured {
  let stdout = '';
  let stderr = '';
  return {
    io: { stdout: { write: (text: string) => (stdout += text), isTTY: false }, stderr: { write: (text: string) => (stderr += text), isTTY: false }, cwd, env },
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

/** `paperboy send` in-process, with --yes and fast retries unless told otherwise. */
export async function send(root: string, options: Partial<SendCommandOptions> = {}, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const captured = captureIO(root, { PAPERBOY_SECRET: SECRET, ...env });
  let code: number;
  try {
    code = await runSend({ root, issue: '1', yes: true, rate: 0, retry: { baseMs: 20, maxMs: 100, giveUpMs: 60_000 }, ...options }, captured.io);
  } catch (error) {
    // What the CLI entry point does with a usage or configuration error.
    if (!isPaperboyError(error)) throw error;
    captured.io.stderr.write(`paperboy: ${error.message}\n`);
    if (error.hint) captured.io.stderr.write(`  ${error.hint}\n`);
    code = error.exitCode;
  }
  return { code, stdout: captured.stdout(), stderr: captured.stderr() };
}

/** The journal rows of issue 1: email → state. */
export function journalStates(root: string): Map<string, string> {
  const db = openStore(join(root, '.paperboy'));
  const rows = db.prepare('SELECT email, state FROM deliveries WHERE issue = 1').all() as { email: string; state: string }[];
  db.close();
  return new Map(rows.map((row) => [row.email, row.state]));
}

export function outboxFiles(root: string, issue = 1, folder: 'send' | 'proofs' = 'send'): string[] {
  const dir = join(root, '.paperboy', 'outbox', ...(folder === 'proofs' ? ['proofs'] : []), String(issue));
  try {
    return readdirSync(dir).filter((name) => name.endsWith('.eml')).map((name) => readFileSync(join(dir, name), 'utf8'));
  } catch {
    return [];
  }
}

/** The Message-ID each reader's row of the journal of issue `issue` carries: address → Message-ID. */
export function journaledIds(root: string, issue = 1): Map<string, string> {
  const db = openStore(join(root, '.paperboy'));
  const rows = db.prepare('SELECT email, message_id FROM deliveries WHERE issue = ?').all(issue) as { email: string; message_id: string }[];
  db.close();
  return new Map(rows.map((row) => [row.email, row.message_id]));
}

/** Each reader's copies on `servers`, by Message-ID: address → ids received. */
export function receivedBy(...servers: TestSmtpServer[]): Map<string, string[]> {
  const got = new Map<string, string[]>();
  for (const message of servers.flatMap((server) => server.received)) got.set(message.to, [...(got.get(message.to) ?? []), message.messageId]);
  return got;
}
