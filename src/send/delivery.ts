/*
 * The send journal's vocabulary: a recipient's row (`Delivery`), its
 * states, and what became of one handed to the relay (`Settlement`).
 * The journal (journal.ts) stores them; the plan, the dispatch and the
 * commands read them.
 */

/**
 * A recipient's state in the journal. `queued`: to send (again, after
 * `next_attempt_at` when a try failed for a while), claimed by a run or
 * not; `sending`: its message is going to the relay (committed once the
 * relay answered DATA, before the message's end), no final reply recorded
 * yet; `sent`: the server answered 250 to the final dot; `failed`: refused
 * for good (the reply is kept); `unknown`: was `sending` when a run died,
 * so it may have arrived; `expired`: temporary failures until the give-up
 * time; `skipped`: unsubscribed after the recipient set was frozen.
 */
export const DELIVERY_STATES = ['queued', 'sending', 'sent', 'failed', 'unknown', 'expired', 'skipped'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export type SendMode = 'subscribers' | 'list';

/** One recipient of an issue's send, as its journal row says. */
export interface Delivery {
  recipientKey: string;
  email: string;
  subscriberId: number | null;
  state: DeliveryState;
  attempts: number;
  lastReply: string | null;
  messageId: string;
  firstAttemptAt: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
  /** A refusal for good at RCPT that counts toward a bounce (`counted`), or the one that marked its subscriber bounced (`bounced`); null for any other row. */
  refusal: 'counted' | 'bounced' | null;
}

/** What became of one claimed delivery. */
export type Settlement =
  | { kind: 'sent'; reply: string }
  /**
   * `bounce`: the mailbox does not exist (5.1.x): its subscriber is marked
   * bounced. `refused`: refused for good at RCPT otherwise (a 550 with no
   * enhanced code, 5.2.x…; not policy): counted, and its subscriber marked
   * bounced when it is the second send in a row so (journal.ts).
   */
  | { kind: 'failed'; reply: string; bounce: boolean; refused?: boolean }
  | { kind: 'retry'; reply: string; at: Date }
  | { kind: 'expired'; reply: string }
  | { kind: 'unknown'; reply: string }
  | { kind: 'skipped'; reply: string }
  /** Never handed over (a stop, the relay unreachable): back to `queued`, the attempt not counted. */
  | { kind: 'release'; reply?: string };

export interface SettledDelivery {
  delivery: Delivery;
  settlement: Settlement;
}

/** A row of `deliveries` as SQLite gives it (store/migrations.ts). */
export interface DeliveryRow {
  recipient_key: string;
  email: string;
  subscriber_id: number | null;
  state: DeliveryState;
  attempts: number;
  last_reply: string | null;
  message_id: string;
  first_attempt_at: string | null;
  next_attempt_at: string | null;
  sent_at: string | null;
  refusal: 'counted' | 'bounced' | null;
}

/** The columns `toDelivery` reads, in a SELECT. */
export const COLUMNS = 'recipient_key, email, subscriber_id, state, attempts, last_reply, message_id, first_attempt_at, next_attempt_at, sent_at, refusal';

/** A `deliveries` row read with `COLUMNS`, as the journal hands it out. */
export function toDelivery(row: DeliveryRow): Delivery {
  return {
    recipientKey: row.recipient_key,
    email: row.email,
    subscriberId: row.subscriber_id,
    state: row.state,
    attempts: row.attempts,
    lastReply: row.last_reply,
    messageId: row.message_id,
    firstAttemptAt: row.first_attempt_at,
    nextAttemptAt: row.next_attempt_at,
    sentAt: row.sent_at,
    refusal: row.refusal,
  };
}
