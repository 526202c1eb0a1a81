import { messageId } from '../mail/headers.js';
import type { Store } from '../store/database.js';

/** A baseUrl that sent mail put in its links, and the issues sent under it. */
interface SentLinkBase {
  /** As the config had it then (`https://digest.example.org/`). */
  baseUrl: string;
  /** Ascending. */
  issues: number[];
}

/** Where the links of every email already sent lead. */
export interface SentLinks {
  bases: SentLinkBase[];
  /**
   * Issues sent before paperboy recorded their baseUrl whose Message-IDs
   * match none it can think of: where their links lead is not known, beyond
   * the host the Message-ID names. Ascending by issue.
   */
  unknown: { issue: number; host: string }[];
}

/**
 * The baseUrls the links of sent mail lead under: for each issue a send
 * began, those its send processes recorded (`SendJournal.recordLinkBase`).
 * An issue sent before they were recorded is recognised by a Message-ID of
 * its journal, which hashes the baseUrl it was sent with (mail/headers.ts
 * `messageId`): the candidates are `currentBaseUrl` (most editors never
 * move) and the root of the host the Message-ID names, over https and
 * http (the move the report came from: `https://digest.example.org/` to
 * `https://www.example.org/digest/`). One query and a few hashes per such
 * issue: read once, when the server starts.
 */
export function sentLinks(db: Store, currentBaseUrl: string): SentLinks {
  // A database not migrated to the tables (`build` looks without migrating): nothing sent, or no baseUrl recorded.
  if (!hasTable(db, 'send_runs')) return { bases: [], unknown: [] };
  const recordedAny = hasTable(db, 'sent_link_bases');
  const recorded = recordedAny ? (db.prepare('SELECT issue, base_url AS baseUrl FROM sent_link_bases ORDER BY issue').all() as { issue: number; baseUrl: string }[]) : [];
  const issuesOf = new Map<string, number[]>();
  const add = (baseUrl: string, issue: number) => issuesOf.set(baseUrl, [...(issuesOf.get(baseUrl) ?? []), issue]);
  for (const row of recorded) add(row.baseUrl, row.issue);
  const unknown: SentLinks['unknown'] = [];
  const unrecorded = recordedAny ? 'WHERE NOT EXISTS (SELECT 1 FROM sent_link_bases b WHERE b.issue = r.issue)' : '';
  const legacy = db
    .prepare(`SELECT issue, (SELECT email || char(10) || message_id FROM deliveries d WHERE d.issue = r.issue LIMIT 1) AS sample FROM send_runs r ${unrecorded} ORDER BY issue`)
    .all() as { issue: number; sample: string | null }[];
  for (const { issue, sample } of legacy) {
    if (sample === null) continue;
    const [email, id] = sample.split('\n') as [string, string];
    const host = id.slice(id.lastIndexOf('@') + 1, -1);
    const candidates = [currentBaseUrl, `https://${host}/`, `http://${host}/`];
    const baseUrl = candidates.find((candidate) => messageId(candidate, issue, email) === id);
    if (baseUrl === undefined) unknown.push({ issue, host });
    else add(baseUrl, issue);
  }
  const bases = [...issuesOf].map(([baseUrl, issues]) => ({ baseUrl, issues: issues.sort((a, b) => a - b) }));
  return { bases, unknown };
}

/**
 * What of `links` leads elsewhere than `currentBaseUrl`: the bases of
 * another origin or path (each as `sentLinks` gives it), and the issues
 * whose base is not known. Empty lists when every email sent links here.
 */
export function movedLinks(links: SentLinks, currentBaseUrl: string): SentLinks {
  const current = new URL(currentBaseUrl).href;
  return { bases: links.bases.filter(({ baseUrl }) => new URL(baseUrl).href !== current), unknown: links.unknown };
}

function hasTable(db: Store, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}
