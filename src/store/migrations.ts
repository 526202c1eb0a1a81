import type Database from 'better-sqlite3';
import { rekeySubscribers } from './rekey-subscribers.js';

/**
 * The database schema, one migration per version, applied in order by
 * `migrate` (database.ts). A migration is never edited once released: a
 * change is a new migration appended to the list. Its `run` step may only
 * be corrected to keep data it dropped (rekey-subscribers.ts once dropped
 * a merged row's confirmation request): databases it already ran on keep
 * what they have, and the schema is the same either way.
 */
export interface Migration {
  /** What the migration does, for the reader of this file. */
  description: string;
  sql: string;
  /** A step SQL cannot say (a key computed in JavaScript), run after `sql` in the same transaction. */
  run?: (db: Database.Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    description: 'subscribers, the send journal, send runs and their locks, stored settings',
    sql: `
      CREATE TABLE subscribers (
        id INTEGER PRIMARY KEY,
        -- as given; email_key (lower case) makes it unique case-insensitively
        email TEXT NOT NULL,
        email_key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'unsubscribed', 'bounced', 'complained')),
        -- the consent record (kept after an unsubscribe): where, when, and when confirmed
        consent_source TEXT NOT NULL,
        consent_at TEXT NOT NULL,
        confirmed_at TEXT,
        unsubscribed_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX subscribers_status ON subscribers (status, id);

      -- One send of an issue: its mode, the frozen recipient set, and who is sending it now.
      CREATE TABLE send_runs (
        issue INTEGER PRIMARY KEY,
        mode TEXT NOT NULL CHECK (mode IN ('subscribers', 'list')),
        created_at TEXT NOT NULL,
        finished_at TEXT,
        lock_pid INTEGER,
        lock_host TEXT,
        lock_at TEXT
      );

      -- The send journal: one row per issue and recipient.
      CREATE TABLE deliveries (
        issue INTEGER NOT NULL REFERENCES send_runs (issue),
        recipient_key TEXT NOT NULL,
        email TEXT NOT NULL,
        subscriber_id INTEGER REFERENCES subscribers (id),
        state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'unknown', 'expired', 'skipped')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_reply TEXT,
        message_id TEXT NOT NULL,
        queued_at TEXT NOT NULL,
        first_attempt_at TEXT,
        next_attempt_at TEXT,
        updated_at TEXT NOT NULL,
        sent_at TEXT,
        PRIMARY KEY (issue, recipient_key)
      ) WITHOUT ROWID;
      CREATE INDEX deliveries_state ON deliveries (issue, state, next_attempt_at);

      CREATE TABLE settings (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    description: 'double opt-in: the confirmation request of each address that subscribed through the form',
    sql: `
      -- One row per subscriber who asked through the form: when the last
      -- confirmation email went out (its link names that time, so only the
      -- newest link works), and when a link was used (a second click changes nothing).
      CREATE TABLE confirmations (
        subscriber_id INTEGER PRIMARY KEY REFERENCES subscribers (id),
        requested_at TEXT NOT NULL,
        used_at TEXT
      );
    `,
  },
  {
    description: "the send lock records when its process started, so a later process given the same id is not taken for it",
    sql: `
      -- src/send/process-start.ts; NULL where the system does not tell.
      ALTER TABLE send_runs ADD COLUMN lock_started TEXT;
    `,
  },
  {
    description: 'one subscriber per mailbox: every email_key recomputed as emailKey() now makes it (IDN domains as A-labels, NFC), rows that turn out to be one mailbox merged',
    sql: `
      -- A subscriber row merged into another (two spellings of one mailbox):
      -- an unsubscribe link already sent names the merged row's id, and must still work.
      CREATE TABLE subscriber_merges (
        merged_id INTEGER PRIMARY KEY,
        subscriber_id INTEGER NOT NULL REFERENCES subscribers (id)
      );
    `,
    run: rekeySubscribers,
  },
  {
    description: 'unsubscribe links name their list (subscribers/unsubscribe-token.ts): a database that sent links of the old form keeps accepting them',
    sql: `
      -- Links already in inboxes must keep working (RELIABILITY 22); a database that never sent one accepts none of that form.
      INSERT INTO settings (name, value) SELECT 'legacy_unsubscribe_tokens', 'accepted'
        WHERE EXISTS (SELECT 1 FROM deliveries WHERE subscriber_id IS NOT NULL);
    `,
  },
  {
    description: 'the baseUrl each send put in its links (send/link-bases.ts): `serve` answers the unsubscribe links of mail sent before a move of baseUrl',
    sql: `
      -- One row per issue and baseUrl a send process composed its messages with; a send resumed after a move adds one.
      -- Sends from before this table are recognised by their Message-IDs instead (link-bases.ts).
      CREATE TABLE sent_link_bases (
        issue INTEGER NOT NULL REFERENCES send_runs (issue),
        base_url TEXT NOT NULL,
        first_at TEXT NOT NULL,
        PRIMARY KEY (issue, base_url)
      ) WITHOUT ROWID;
    `,
  },
  {
    description: 'a send records which issue it is of (its title and date), not its number alone: a number given later to another issue is not taken for it',
    sql: `
      -- The issue's title and date as its file said them when the send started (send/identity.ts).
      -- NULL in a send started before: read by its number alone, as it was then.
      ALTER TABLE send_runs ADD COLUMN issue_title TEXT;
      ALTER TABLE send_runs ADD COLUMN issue_date TEXT;
    `,
  },
  {
    description: 'a confirmation records the baseUrl its link was made from: `serve` answers confirmation links mailed before a move of baseUrl',
    sql: `
      -- NULL for a confirmation sent before: serve answers it at the old paths of sent issues' links (server/sent-links.ts).
      ALTER TABLE confirmations ADD COLUMN base_url TEXT;
    `,
  },
  {
    description: 'a reader refused for good at RCPT in two sends in a row (no 5.1.x code to say the mailbox is gone) is marked bounced (send/journal.ts)',
    sql: `
      -- 'counted': this delivery failed for good at RCPT, neither 5.1.x (bounced at once) nor 5.7.x (policy);
      -- 'bounced': the same, and the refusal that marked its subscriber bounced. NULL otherwise, and in sends before.
      ALTER TABLE deliveries ADD COLUMN refusal TEXT;
      -- When the editor last made a bounced address active again: refusals before it no longer count.
      ALTER TABLE subscribers ADD COLUMN reactivated_at TEXT;
    `,
  },
  {
    description: "confirmations by the time they were sent: `serve` counts the last hour's against subscribe.confirmationsPerHour on each request to subscribe",
    sql: `
      CREATE INDEX confirmations_requested ON confirmations (requested_at);
    `,
  },
];
