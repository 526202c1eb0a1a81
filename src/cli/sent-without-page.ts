import { dirname, join } from 'node:path';
import type { IssueAddress } from '../archive/former-issue-pages.js';
import { readCacheJson, writeCacheFile } from '../cache-file.js';
import type { Config } from '../config/load.js';
import type { CommandIO } from '../io.js';
import { counted } from '../render/format.js';
import type { SentIssue } from '../send/sent-issues.js';
import { databaseStamp, sameContents } from '../store/database-stamp.js';
import { makeFolders } from '../make-folders.js';

/** The format of the remembered journal read (`<dataDir>/cache/sent-issues.json`): 1, its first. */
const CACHE_FORMAT = 1;

/**
 * Says on stderr, a line an issue, what the site just built (`addresses`,
 * `BuildReport.addresses`) leaves without a page of the issues the send
 * journal says reached readers (send/sent-issues.ts): their emails'
 * "view in browser" link, `<baseUrl>issues/<number>/`, would answer 404,
 * or show another issue. Never fails the build and never writes the
 * database: it is read as `sayMovedBaseUrl` reads it (read-only, only
 * when there is one; one that cannot be read, is locked past a second or
 * is of a schema without a journal says nothing). With `cache`, the
 * journal's sends are remembered under the database's stamp
 * (store/database-stamp.ts), so a build after which nothing was sent
 * does not load SQLite; the comparison with the site is per build.
 */
export async function saySentWithoutPage(config: Pick<Config, 'dataDir'>, addresses: readonly IssueAddress[], cache: boolean, io: CommandIO): Promise<void> {
  const sent = await readSentIssues(config.dataDir, cache);
  for (const line of sentWithoutPageWarnings(sent ?? [], addresses)) io.stderr.write(`${line}\n`);
}

/**
 * The warnings, one line each, for the issues `sent` that the site's
 * `addresses` leave without their page: no page at `issues/<n>/` (the
 * issue deleted, a draft again, or renumbered without `formerly`), or a
 * page of another issue there while the one sent has another number now
 * (found by the title and date its send recorded: a swap). An address kept
 * by `formerly` leads to the issue: nothing to say. Pure.
 */
function sentWithoutPageWarnings(sent: readonly SentIssue[], addresses: readonly IssueAddress[]): string[] {
  const at = new Map(addresses.map((address) => [address.number, address]));
  const lines: string[] = [];
  for (const issue of sent) {
    const { identity } = issue;
    const address = at.get(issue.issue);
    // Where the issue sent is now, by the title and date its send recorded.
    const now = identity && addresses.find((other) => other.formerOf === undefined && other.title === identity.title && other.date === identity.date);
    const what = `issue ${issue.issue}${identity ? ` ("${identity.title}")` : ''}, sent ${issue.firstSentAt.slice(0, 10)} to ${issue.mode === 'list' ? 'the list address' : counted(issue.sent, 'reader')},`;
    const docs = '(docs/issue-format.md, `formerly`)';
    if (address === undefined) {
      const fix =
        now === undefined
          ? `Publish it again as issue ${issue.issue} (not a draft), or, if it was renumbered, add \`formerly: [${issue.issue}]\` to its file`
          : `It is issue ${now.number} now: add \`formerly: [${issue.issue}]\` to its file to keep its old address`;
      lines.push(`paperboy: warning: ${what} has no page at issues/${issue.issue}/ in this build: the "view in browser" link of those emails answers 404. ${fix} ${docs}.`);
    } else if (address.formerOf === undefined && now !== undefined && now.number !== issue.issue) {
      lines.push(
        `paperboy: warning: ${what} is issue ${now.number} now, and issues/${issue.issue}/ shows issue ${issue.issue} ("${address.title}"): the "view in browser" link of those emails leads to another issue. Give the issues back their numbers: an address shows one issue, and \`formerly\` never takes it from the issue numbered so ${docs}.`,
      );
    }
  }
  return lines;
}

/** The journal's sent issues: remembered under the database's stamp with `cache`, else read (loading SQLite); undefined without a database or when it cannot be read. */
async function readSentIssues(dataDir: string, cache: boolean): Promise<SentIssue[] | undefined> {
  const stamp = databaseStamp(dataDir);
  if (stamp === undefined) return undefined;
  const file = join(dataDir, 'cache', 'sent-issues.json');
  const key = (databaseFiles: string) => JSON.stringify([CACHE_FORMAT, databaseFiles]);
  const remembered = cache ? (readCacheJson(file) as { key?: unknown; issues?: unknown } | undefined) : undefined;
  if (remembered?.key === key(stamp) && Array.isArray(remembered.issues)) return remembered.issues as SentIssue[];
  const issues = await readJournal(dataDir);
  if (issues === undefined) return undefined;
  // The stamp after the read: a reader of a WAL database may make its empty `-wal` file. Kept only when nothing was written meanwhile.
  const after = databaseStamp(dataDir);
  if (!cache || after === undefined || !sameContents(stamp, after)) return issues;
  try {
    makeFolders(dirname(file));
    writeCacheFile(file, JSON.stringify({ key: key(after), issues }));
  } catch {
    // Not remembered (a read-only dataDir): the next build reads the database again.
  }
  return issues;
}

/** The sent issues as the database says them now, or undefined when it cannot be read (missing, locked, damaged). Loads SQLite. */
async function readJournal(dataDir: string): Promise<SentIssue[] | undefined> {
  const [{ openStoreToLook }, { sentIssues }] = await Promise.all([import('../store/look.js'), import('../send/sent-issues.js')]);
  try {
    const db = openStoreToLook(dataDir);
    if (db === undefined) return undefined;
    try {
      return sentIssues(db);
    } finally {
      db.close();
    }
  } catch {
    // A warning is not worth failing a build for: `send` and `serve` report the database.
    return undefined;
  }
}
