import { join, relative } from 'node:path';
import { readCacheJson, writeCacheFile } from '../cache-file.js';
import type { IssueFacts } from '../issue/facts.js';
import type { IssueFile } from '../issue/workspace.js';
import type { FileValues } from './published.js';

/**
 * Which issues a build lints: every one it publishes that is not a draft
 * nor sent, and a sent one only when its file changed since the build last
 * accepted it. A sent issue passed lint when it was sent (`send` refuses
 * one with errors), but an editor who fixes a typo in it afterwards (its
 * page is what readers see later) can add an error; linting every sent
 * issue on every build made a cold build of the 1,000-issue bench corpus
 * 42 → 51 s and its peak RSS 456 → 836 MB (`npm run bench -- --suite build`).
 *
 * What the build accepted is kept in `<dataDir>/cache/sent-linted.json`:
 * for each sent issue (its file, relative to `issuesDir`), the SHA-256 of
 * its bytes (IssueSource `hash`) when a build linted it without errors, or
 * when a build first found it with no record at all (the first build after
 * paperboy kept one, a fresh clone, a cache deleted): those are taken as
 * sent, since linting them all is what this spares a cold build. A sent
 * issue missing from a record that exists (sent since, renamed, or
 * renumbered under `formerly` to a new file) is linted once, as is one
 * whose bytes differ; one linted with errors keeps its entry as it was, so
 * it is linted again on every build until it is fixed (or put back).
 */

/** The hash of each sent issue's bytes the build last accepted, by file (relative to `issuesDir`). */
export type SentLinted = ReadonlyMap<string, string>;

/** A sent issue as the record knows it: its file (relative to `issuesDir`) and the hash of its bytes now. */
export interface SentIssueFile {
  name: string;
  hash: string;
}

/** Another layout of the record is no record (every sent issue then taken as sent), never trusted. */
const FORMAT = 'paperboy-sent-linted-1';

function recordFile(dataDir: string): string {
  return join(dataDir, 'cache', 'sent-linted.json');
}

/** The record (`SentLinted`); undefined when there is none, or it cannot be read, changed since it was written (cache-file.ts) or is of another layout. */
export function readSentLinted(dataDir: string): SentLinted | undefined {
  const stored = readCacheJson(recordFile(dataDir)) as { format?: unknown; issues?: unknown } | null | undefined;
  if (stored?.format !== FORMAT || typeof stored.issues !== 'object' || stored.issues === null || Array.isArray(stored.issues)) return undefined;
  const entries = Object.entries(stored.issues as Record<string, unknown>);
  if (!entries.every((entry): entry is [string, string] => typeof entry[1] === 'string')) return undefined;
  return new Map(entries);
}

/** Keeps `record`, its files in order (the same record, the same bytes). A record that cannot be written costs the next build a lint of the sent issues it would have spared, or, with none, their check. */
function writeSentLinted(dataDir: string, record: SentLinted): void {
  try {
    writeCacheFile(recordFile(dataDir), JSON.stringify({ format: FORMAT, issues: Object.fromEntries([...record].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) }));
  } catch {
    // The next build decides from the record as it was.
  }
}

/** The sent issues to lint (their names): with a record, those whose bytes are not the ones it holds, or that it lacks; without one, none. */
export function sentToLint(record: SentLinted | undefined, sent: readonly SentIssueFile[]): string[] {
  if (!record) return [];
  return sent.filter(({ name, hash }) => record.get(name) !== hash).map(({ name }) => name);
}

/**
 * The record after a build: each sent issue now (the others dropped) with
 * its bytes now when it was linted without errors (`linted` but not
 * `failed`) or when there was no record, else the entry it had, if any.
 */
export function nextSentLinted(record: SentLinted | undefined, sent: readonly SentIssueFile[], linted: ReadonlySet<string>, failed: ReadonlySet<string>): SentLinted {
  const next = new Map<string, string>();
  for (const { name, hash } of sent) {
    const accepted = !record || (linted.has(name) && !failed.has(name)) ? hash : record.get(name);
    if (accepted !== undefined) next.set(name, accepted);
  }
  return next;
}

/**
 * The lint errors of the issues a build publishes, by file: `lint` (which
 * lints the paths it is given, in file order) given every issue neither a
 * draft nor sent, nor of a status that cannot be read, and the sent ones
 * `sentToLint` names; then the record updated (`nextSentLinted`) unless
 * `keep` is false (`--no-cache`, which reads it, to fail on the issues a
 * build with its caches fails on, but writes nothing under `cache/`).
 * `lint` is given too the facts of the other issues the build published
 * (`publishedFacts`), for its rules across issues.
 */
export async function lintPublished(
  files: readonly IssueFile[],
  lint: (paths: readonly string[], facts: ReadonlyMap<string, IssueFacts>) => Promise<FileValues[]>,
  where: { dataDir: string; issuesDir: string; keep: boolean },
): Promise<FileValues[]> {
  const nameOf = (path: string) => relative(where.issuesDir, path);
  // A file whose bytes were not read has no hash: it is no sent issue the build publishes (it stops at it, or leaves it out).
  const sentFiles = files.filter(({ facts, source }) => !facts.statusUnread && facts.status === 'sent' && source.hash !== '');
  const sent = sentFiles.map(({ path, source }) => ({ name: nameOf(path), hash: source.hash }));
  const record = readSentLinted(where.dataDir);
  const changed = new Set(sentToLint(record, sent));
  const paths = files.filter(({ path, facts }) => !facts.statusUnread && (facts.status === 'ready' || changed.has(nameOf(path)))).map(({ path }) => path);
  const errors = await lint(paths, publishedFacts(files, new Set(paths)));
  if (where.keep) writeSentLinted(where.dataDir, nextSentLinted(record, sent, changed, new Set(errors.map(({ path }) => nameOf(path)))));
  return errors;
}

/**
 * The facts of the issues a build published (neither a draft nor of a
 * status that cannot be read) other than `linted`, by path: the lint's
 * rules across issues read them in place of linting those files
 * (lint/engine.ts `LintOptions.corpusFacts`), which a cold lint cache made
 * a one-edit build of the 1,000-issue bench corpus do (11.7 s). They are
 * the facts the lint would read: the build has read each such issue whole
 * (or rendered it so before, with the same bytes) without a problem that
 * reads no issue, or it would have stopped at it, and the rules read no
 * other issue's `references`, which a frontmatter-only read leaves out.
 * A draft is left to the lint: the build does not read its Markdown,
 * whose text over the limits makes the lint read no number of it.
 */
export function publishedFacts(files: readonly IssueFile[], linted: ReadonlySet<string>): Map<string, IssueFacts> {
  return new Map(files.filter(({ path, facts }) => !linted.has(path) && facts.readable && !facts.statusUnread && facts.status !== 'draft').map(({ path, facts }) => [path, facts]));
}
