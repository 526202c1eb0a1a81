import type { DkimSigner } from '../mail/dkim.js';
import { octetsInData } from '../mail/message-size.js';
import type { MessageTemplate, Recipient } from '../mail/message-template.js';
import type { SubscriberStore } from '../subscribers/store.js';
import { sign, signingKeys, type SigningKey } from '../subscribers/unsubscribe-token.js';
import type { DeliveryState, SendMode } from './delivery.js';
import type { SendJournal } from './journal.js';
import type { SendPlan } from './plan.js';

/*
 * A relay's limit on message size (RFC 1870's SIZE, which it says in its
 * EHLO reply), held against the issue's message before anyone is sent to:
 * a relay refuses a bigger message (552, 5.3.4) from every recipient, so
 * a send that found out recipient by recipient would only pause after
 * three refusals (dispatch.ts) with nothing gained.
 */

/** What a send's run would mail, for the check of the relay's SIZE. */
export interface Upcoming {
  plan: Extract<SendPlan, { kind: 'send' }>;
  mode: SendMode;
  listAddress: string | undefined;
  journal: SendJournal;
  subscribers: SubscriberStore;
  keys: SigningKey[] | undefined;
}

/**
 * The recipients this run may send to, as their messages will be made:
 * for a start, every active subscriber (what `freeze` will take) or the
 * list address; for a resume, the journal's rows left to send (`queued`,
 * and those `--retry-unknown` or `--retry-failed` queue again).
 */
function* upcomingRecipients({ plan, mode, listAddress, journal, subscribers, keys }: Upcoming, template: MessageTemplate): IterableIterator<Recipient> {
  const token = (id: number | null) => (keys !== undefined && id !== null ? sign(id, keys) : undefined);
  if (plan.start && mode === 'list') yield { to: listAddress!, token: undefined, messageId: template.messageId(listAddress!) };
  else if (plan.start) for (const subscriber of subscribers.list('active')) yield { to: subscriber.email, token: token(subscriber.id), messageId: template.messageId(subscriber.email) };
  else {
    // A row a stopped run left `sending` becomes `unknown`, and `--retry-unknown` sends it again.
    const states: DeliveryState[] = ['queued', ...plan.requeue, ...(plan.requeue.includes('unknown') ? (['sending'] as const) : [])];
    for (const delivery of journal.inStates(states)) yield { to: delivery.email, token: token(delivery.subscriberId), messageId: delivery.messageId };
  }
}

/**
 * The size in SMTP DATA (octets, `octetsInData`) of the largest message
 * this run would send (`upcoming`), DKIM-signed when `dkim` signs it, as
 * it goes; undefined when the run sends to no one.
 */
export async function largestCopyOctets(upcoming: Upcoming, template: MessageTemplate, dkim: DkimSigner | undefined): Promise<number | undefined> {
  // Each copy differs in its address, Message-ID and unsubscribe token: each is measured, not guessed from the longest address.
  let largest: { recipient: Recipient; octets: number } | undefined;
  for (const recipient of upcomingRecipients(upcoming, template)) {
    const octets = await template.size(recipient);
    if (largest === undefined || octets > largest.octets) largest = { recipient, octets };
  }
  if (largest === undefined || dkim === undefined) return largest?.octets;
  // The signature's header is the same length for every copy (its fields, and a hash and a signature of fixed length): one copy signed says it.
  return octetsInData(await dkim.sign(await template.message(largest.recipient)));
}

const BYTES = new Intl.NumberFormat('en-US');

/**
 * Why the message cannot go through a relay whose SIZE is `limit` octets,
 * or undefined when it fits (a message of exactly `limit` octets fits:
 * RFC 1870 §4, "the largest message that a server is ever willing to
 * accept"). `what`: `issue 12's message`, `the proof`.
 */
export function tooBig(limit: number | undefined, octets: number, what: string): string | undefined {
  if (limit === undefined || octets <= limit) return undefined;
  return `the SMTP relay accepts messages up to ${BYTES.format(limit)} bytes (SIZE in its EHLO reply), and ${what} is ${BYTES.format(octets)} bytes as SMTP counts it`;
}

/** What to do about `tooBig`: the same advice for a send and a proof. */
export const TOO_BIG_ADVICE =
  "Make the issue smaller (the message is its HTML and plain-text parts: fewer or shorter texts; images are linked, not attached), or raise the relay's limit (Postfix: message_size_limit), then run the same command";

/**
 * The keys a dry run measures tokens with: it writes nothing, so it has
 * none (the development secret and the list's id are written at their
 * first use). A token's length does not depend on its key (`k` or `u` and
 * 8 hex digits, the subscriber's id, 43 characters of MAC:
 * unsubscribe-token.ts), so a stand-in gives every copy its size.
 */
export const MEASURING_KEYS = signingKeys('a-stand-in-key-for-the-length-of-tokens-alone');
