import { createReadStream } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { loadConfig } from '../config/load.js';
import { PaperboyError } from '../errors.js';
import { fileReadProblem } from '../file-problem.js';
import { oneLine } from '../diagnostics/one-line.js';
import { replaceControlCharacters } from '../diagnostics/control-characters.js';
import { openStore, storeWriteError, type Store } from '../store/database.js';
import { subscriberCsv } from '../subscribers/csv-export.js';
import { parseSubscriberCsv, subscriberCsvBytes, type ParsedCsv } from '../subscribers/csv-import.js';
import { readSubscriberCsv, STDIN_NAME } from '../subscribers/csv-file.js';
import { countActions, importSubscribers, type ImportAction } from '../subscribers/import.js';
import { cleanName, emailProblem, nameProblem, SUBSCRIBER_STATUSES, type Subscriber, type SubscriberStatus } from '../subscribers/model.js';
import { INVALID_TOKEN, unsubscribeFromMailbox } from '../subscribers/mailbox-unsubscribe.js';
import { unsubscribeKeys } from '../subscribers/secret.js';
import { SubscriberStore } from '../subscribers/store.js';
import type { CommandIO } from '../io.js';
import { counted } from '../render/format.js';
import { writeOutFile } from './out-file.js';
import { newsletterRoot, rootFlag } from './root.js';
import { shellWord } from '../shell-word.js';
import { shownPath } from '../path-within.js';

export interface SubscribersCommandOptions {
  root: string;
  action: 'add' | 'remove' | 'reactivate' | 'list' | 'count' | 'import' | 'export' | 'unsubscribe-from';
  /** add/remove/reactivate: the address; import: the CSV file; unsubscribe-from: the mbox or Maildir. */
  argument?: string;
  name?: string;
  status?: string;
  out?: string;
}

/** `paperboy subscribers add|remove|reactivate|list|count|import|export|unsubscribe-from`: the subscriber store. */
export async function run(options: SubscribersCommandOptions, io: CommandIO): Promise<number> {
  const config = await loadConfig(newsletterRoot(io.cwd, options.root));
  const db = openStore(config.dataDir);
  try {
    const store = new SubscriberStore(db);
    switch (options.action) {
      case 'add':
        return add(store, options, io, rootFlag(io.cwd, config.root));
      case 'remove':
        return remove(store, options.argument!, io);
      case 'reactivate':
        return reactivate(store, options.argument!, io);
      case 'list':
        for (const s of store.list(statusOption(options.status))) io.stdout.write(`${listedCell(s.email)}\t${listedCell(s.name)}\t${s.status}\n`);
        return 0;
      case 'count':
        io.stdout.write(`${store.count(statusOption(options.status) ?? 'active')}\n`);
        return 0;
      case 'import':
        return await importFile(db, config.root, options.argument!, io);
      case 'export':
        await exportCsv(store, options, io);
        return 0;
      case 'unsubscribe-from':
        return await unsubscribeFrom(db, options.argument!, io);
    }
  } finally {
    db.close();
  }
}

function statusOption(status: string | undefined): SubscriberStatus | undefined {
  if (status === undefined) return undefined;
  if (!(SUBSCRIBER_STATUSES as readonly string[]).includes(status)) {
    throw new PaperboyError('USAGE', `Unexpected --status \`${status}\`, expected one of ${SUBSCRIBER_STATUSES.join(', ')}`);
  }
  return status as SubscriberStatus;
}

function checkedAddress(email: string): string {
  const problem = emailProblem(email.trim());
  if (problem) throw new PaperboyError('USAGE', problem);
  return email.trim();
}

/** `subscribers add`; `root`: the ` --root DIR` a suggested command carries (rootFlag). */
function add(store: SubscriberStore, options: SubscribersCommandOptions, io: CommandIO, root: string): number {
  const email = checkedAddress(options.argument!);
  const nameTooLong = nameProblem(options.name ?? '');
  if (nameTooLong) throw new PaperboyError('USAGE', `--name: ${nameTooLong}`);
  const outcome = written(`the subscriber ${email}`, () => store.add({ email, name: cleanName(options.name ?? ''), consentSource: 'cli' }));
  const { subscriber } = outcome;
  if (outcome.kind === 'suppressed') {
    const comeBack =
      subscriber.status === 'bounced'
        ? `if the mailbox takes mail again, \`paperboy subscribers reactivate ${shellWord(subscriber.email)}${root}\``
        : 'only the reader can subscribe again, through the subscription form';
    io.stderr.write(`paperboy: ${subscriber.email} is ${subscriber.status}: not added again (${comeBack}).\n`);
    return 1;
  }
  const said = { added: 'Added', activated: 'Activated', unchanged: 'Already subscribed:' }[outcome.kind];
  // `add` of a reader already on the list with another --name corrects the name (the way to set one an import left out).
  const name = options.name === undefined ? undefined : cleanName(options.name);
  if (outcome.kind !== 'added' && name !== undefined && name !== subscriber.name) {
    written(`the name of ${subscriber.email}`, () => store.setName(subscriber.id, name));
    const was = subscriber.name === '' ? 'none' : `"${listedCell(subscriber.name)}"`;
    io.stdout.write(`${said} ${subscriber.email} (${subscriber.status}); name now "${name}" (was ${was})\n`);
    return 0;
  }
  io.stdout.write(`${said} ${subscriber.email} (${subscriber.status})\n`);
  return 0;
}

/**
 * A stored value as `list` prints it: a control character in it shown as
 * U+FFFD (diagnostics/control-characters.ts), and so are a tab and a line
 * break, which would split the line's tab-separated cells. Names are
 * cleaned when stored (subscribers/model.ts `cleanName`), but a database
 * written before that holds them as they came: an ESC or a C1 CSI
 * (U+009B) would reach the terminal as a command.
 */
function listedCell(value: string): string {
  return replaceControlCharacters(value).replace(/[\t\n]/g, '\ufffd');
}

/** `write`'s result; an SQLite error in it (the database locked, read-only, its disk full) as one message naming `what` was not written (STORE_WRITE, exit 2). */
function written<T>(what: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    throw storeWriteError(error, what);
  }
}

/**
 * The subscriber with the address `email` (a usage error when it is none),
 * or undefined once it said that nobody has it (exit 1). An address stored
 * before a limit came in (a local part over 64 characters) is found as it
 * is, so that it can still be removed.
 */
function subscriberNamed(store: SubscriberStore, email: string, io: CommandIO): Subscriber | undefined {
  const subscriber = store.find(email.trim()) ?? store.find(checkedAddress(email));
  if (!subscriber) io.stderr.write(`paperboy: No subscriber has the address ${email}.\n`);
  return subscriber;
}

function remove(store: SubscriberStore, email: string, io: CommandIO): number {
  const subscriber = subscriberNamed(store, email, io);
  if (!subscriber) return 1;
  written(`the unsubscribe of ${subscriber.email}`, () => store.unsubscribe(subscriber.id));
  io.stdout.write(`Unsubscribed ${subscriber.email} (the consent record is kept; an import never adds the address again)\n`);
  return 0;
}

/** `subscribers reactivate EMAIL`: a bounced address made active again; exit 1, saying why, for any other status. */
function reactivate(store: SubscriberStore, email: string, io: CommandIO): number {
  const subscriber = subscriberNamed(store, email, io);
  if (!subscriber) return 1;
  if (written(`the reactivation of ${subscriber.email}`, () => store.reactivate(subscriber.id))) {
    io.stdout.write(`Reactivated ${subscriber.email} (active: the next send mails it)\n`);
    return 0;
  }
  const why: Record<SubscriberStatus, string> = {
    active: 'is already active',
    pending: 'is pending: the reader has yet to follow the confirmation link',
    unsubscribed: 'unsubscribed: only the reader can subscribe again, through the subscription form',
    complained: 'complained of spam: only the reader can subscribe again, through the subscription form',
    bounced: 'is bounced',
  };
  io.stderr.write(`paperboy: ${subscriber.email} ${why[subscriber.status]}; only a bounced address is reactivated.\n`);
  return 1;
}

/**
 * `subscribers import FILE`: the file is named in every message as its
 * user wrote it (`readers.csv`, `/dev/stdin`; `-`, the standard input, as
 * `<stdin>`, ESLint's name for it); each consent it records
 * names it `import:PATH`, PATH relative to the newsletter's root when the
 * file lies in it (`import:lists/readers.csv`, the same whatever folder the
 * command ran in), else absolute: a record read later must lead to the file.
 */
async function importFile(db: Store, root: string, argument: string, io: CommandIO): Promise<number> {
  // `-` is the standard input, as for cat, git and csvkit, read as a stream (opening /dev/stdin fails when it is a
  // socket, as a parent process's pipe often is: ENXIO); named in the consent records as /dev/stdin.
  const fromStdin = argument === '-';
  const file = fromStdin ? STDIN_NAME : argument;
  const path = fromStdin ? '/dev/stdin' : resolve(io.cwd, argument);
  let bytes: Buffer;
  try {
    // Not only a regular file: a pipe (`<(…)`, /dev/stdin) holds a CSV as well.
    bytes = await readSubscriberCsv(fromStdin ? stdinChunks(io.stdin) : createReadStream(path), file);
  } catch (error) {
    if (error instanceof PaperboyError) throw error;
    const problem = fileReadProblem(error, path, file);
    throw new PaperboyError('USAGE', `Cannot read ${file}: ${problem.reason}`, { cause: error, hint: problem.fix });
  }
  // The bytes are read as they are, not as one text first: a large file is held once (csv-parse decodes each field).
  const read = subscriberCsvBytes(bytes, file);
  const parsed = parseSubscriberCsv(read.bytes, file, read);
  // A file's cells are quoted in the report: an ESC or a C1 CSI in one (a hostile export) must not reach the terminal as a command (shown U+FFFD, as main.ts shows an error's).
  const report = (line: string) => io.stderr.write(`${replaceControlCharacters(line)}\n`);
  if (parsed.ignored) report(`${file}:${parsed.ignored.line}:1  warning  ${ignoredColumnsMessage(parsed.ignored.columns)}`);
  // In the file's order, as lint lists an issue's: a warning of line 6 before an error of line 8.
  const said = [
    ...parsed.problems.map((problem) => ({ ...problem, severity: 'error' })),
    ...[...parsed.unnamed, ...parsed.changed, ...parsed.passedOver].map((change) => ({ ...change, severity: 'warning' })),
    ...parsed.duplicates.map((duplicate) => ({ line: duplicate.line, column: duplicate.column, severity: 'merged', message: duplicateMessage(duplicate) })),
  ];
  said.sort((a, b) => a.line - b.line || (a.column ?? 1) - (b.column ?? 1));
  for (const { line, column, severity, message } of said) report(`${file}:${line}:${column ?? 1}  ${severity}  ${message}`);
  let actions;
  try {
    actions = importSubscribers(db, parsed.rows, `import:${consentPath(root, path)}`);
  } catch (error) {
    throw storeWriteError(error, `the import of ${file}`);
  }
  for (const action of actions) {
    if (action.kind === 'skip') report(`${file}:${action.row.line}:1  skipped  ${skipReason(action)}`);
  }
  const counts = countActions(actions);
  const parts = [
    `${counts.add} added`,
    // Said only when there are some: the line scripts read is otherwise as it was.
    ...(counts.pending > 0 ? [`${counts.pending} left pending (never confirmed: not mailed until they subscribe through the form)`] : []),
    `${counts.activate} activated`,
    `${counts.suppress} marked unsubscribed, bounced or complained`,
    `${counts.unchanged} unchanged`,
    `${counts.skip} skipped (unsubscribed, bounced or complained)`,
    // A stand-in for a reader who is gone is a row of the file imported as no one: counted, so that the figures add up to the file's readers.
    ...(parsed.standIns > 0 ? [`${parsed.standIns} passed over (no reader's mailbox)`] : []),
    `${counted(parsed.duplicates.length, 'duplicate row')} merged`,
    counted(parsed.problems.length, 'bad row'),
  ];
  io.stdout.write(`Imported ${file}: ${parts.join(', ')}\n`);
  return parsed.problems.length > 0 ? 1 : 0;
}

/**
 * What became of a later row of an address already in the file: merged
 * into the row its address was first on, whose name is kept (a name this
 * row gives otherwise is said, so that it is not dropped unsaid), or, when
 * no row before named the reader, this row's name (said too).
 */
function duplicateMessage({ email, firstLine, unkeptName, nameLine, givenName }: ParsedCsv['duplicates'][number]): string {
  const name =
    givenName !== undefined
      ? `, and gives it its name \`${givenName}\` (line ${firstLine} has none)`
      : unkeptName === undefined
        ? ''
        : `; its name \`${unkeptName}\` is not kept (line ${nameLine ?? firstLine}'s is)`;
  return oneLine(`${email} is on line ${firstLine} too: this row is merged into it${name}`);
}

/**
 * Why a row's address was left as the list has it: the list already has
 * it as the row says (a file imported again), or it left (unsubscribed,
 * bounced, complained) and the row would have it back, or it left
 * otherwise than the row says, which changes nothing either.
 */
function skipReason({ row, status }: Extract<ImportAction, { kind: 'skip' }>): string {
  if (row.status === status) return `${row.email} is already ${status} in the list, as this row says: left as it is`;
  if (row.status !== undefined) return `${row.email} is ${status} in the list (this row says ${row.status}): left as it is`;
  return `${row.email} is ${status}: not made active again`;
}

/**
 * The header's columns the import reads nothing from, said once (not per
 * row): a name in a column of another name is not silently dropped. The
 * headers it reads are named by a few of each (subscribers/csv-header.ts
 * has them all, in the languages of the tools' exports).
 */
function ignoredColumnsMessage(columns: readonly string[]): string {
  const listed = columns.map((column) => `\`${column}\``).join(', ');
  return `${columns.length === 1 ? 'Column' : 'Columns'} ${listed} ignored: paperboy reads the address (\`email\`, \`Email Address\`, \`E-Mail-Adresse\`, \`Courriel\`, …), the name (\`name\`, or \`First Name\` and \`Last Name\`, \`Vorname\` and \`Nachname\`, \`Prénom\` and \`Nom\`, …), a status (\`status\`, Mailchimp's \`UNSUB_TIME\`, \`CLEAN_TIME\`, Ghost's \`subscribed_to_emails\`, Substack's \`email_disabled\`) and the consent's times (\`consent_at\`, \`confirmed_at\`, \`unsubscribed_at\`, Mailchimp's \`OPTIN_TIME\`, \`CONFIRM_TIME\`, listmonk's \`created_at\`, \`updated_at\`)`;
}

/** `path` (absolute) relative to the newsletter's `root` when inside it, else as it is. */
function consentPath(root: string, path: string): string {
  const inRoot = relative(root, path);
  return inRoot === '' || inRoot === '..' || inRoot.startsWith(`..${sep}`) || isAbsolute(inRoot) ? path : inRoot.split(sep).join('/');
}

async function exportCsv(store: SubscriberStore, options: SubscribersCommandOptions, io: CommandIO): Promise<void> {
  const rows = inChunks(subscriberCsv(store.list(statusOption(options.status))));
  if (options.out === undefined) {
    for (const row of rows) io.stdout.write(row);
    return;
  }
  await writeOutFile(options.out, rows, io);
}

/**
 * `texts` joined into chunks of about `size` characters: `writeFile` and
 * a pipe take one write each, and a write a row made an export of 200,000
 * subscribers to `--out` take 34 s (7 s of CPU, 6 s in the kernel) where
 * the rows take one.
 */
function* inChunks(texts: Iterable<string>, size = 65_536): Generator<string> {
  let chunk = '';
  for (const text of texts) {
    chunk += text;
    if (chunk.length >= size) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

/**
 * `unsubscribe-from FILE`: the unsubscribe requests that arrived by mail,
 * from an mbox or a Maildir (subscribers/mailbox-unsubscribe.ts); every
 * message not taken is listed with where it is and why. Exit 0 even then:
 * the mailbox holds other mail. Throws SECRET_MISSING (exit 2), once the
 * valid requests are honoured, when PAPERBOY_SECRET is unset and a token
 * did not verify: a request from real mail, skipped for want of it.
 */
async function unsubscribeFrom(db: Store, file: string, io: CommandIO): Promise<number> {
  const { keys, development } = unsubscribeKeys(io.env, db, { allowDevelopment: true });
  const { requests, subscribers, unsubscribed } = await unsubscribeFromMailbox(db, resolve(io.cwd, file), keys);
  for (const request of requests) if ('problem' in request) io.stderr.write(`${shownPath(request.where, io.cwd)}: skipped: ${request.problem}\n`);
  const skipped = requests.filter((request) => 'problem' in request).length;
  const repeated = requests.length - skipped - subscribers;
  io.stdout.write(
    `${counted(requests.length, 'message')}: ${unsubscribed} unsubscribed, ${subscribers - unsubscribed} already off the list, ${repeated > 0 ? `${repeated} repeating an earlier one, ` : ''}${skipped} skipped.\n`,
  );
  // Without PAPERBOY_SECRET only the outbox's links verify: a token real mail carried is "not valid" here, and its reader still subscribed.
  const unverified = requests.filter((request) => 'problem' in request && request.problem === INVALID_TOKEN).length;
  if (development && unverified > 0) {
    throw new PaperboyError('SECRET_MISSING', `Missing PAPERBOY_SECRET in the environment: ${unverified === 1 ? 'a request carries' : `${unverified} requests carry`} a token that only it can verify (mail sent through SMTP_URL was signed with it), and those readers are still subscribed`, {
      hint: 'Run again with PAPERBOY_SECRET set as it was when the issues went out: requests already honoured count as already off the list.',
    });
  }
  return 0;
}

/** The chunks of `input`; none when the command has no standard input (run in-process by a test). */
function stdinChunks(input: CommandIO['stdin']): AsyncIterable<Buffer | string> {
  return input?.[Symbol.asyncIterator] ? (input as AsyncIterable<Buffer | string>) : nothing();
}

async function* nothing(): AsyncIterable<Buffer> {}
