import type { DkimSigner } from '../mail/dkim.js';
import type { Transport } from '../mail/transports/transport.js';
import { octetsInData } from '../mail/message-size.js';
import type { MessageTemplate, Recipient } from '../mail/message-template.js';
import type { DeliveryState, SendMode } from '../send/delivery.js';
import type { SendJournal } from '../send/journal.js';
import type { SendPlan } from '../send/plan.js';
import { largestMessage, TOO_BIG_ADVICE, tooBig } from '../send/size-limit.js';
import type { SubscriberStore } from '../subscribers/store.js';
import { sign, signingKeys, type SigningKey } from '../subscribers/unsubscribe-token.js';
import type { CommandIO } from '../io.js';
import { relayRefused } from './send-report.js';

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
 * Step 4 of a send (docs/commands.md), and of its dry run through a relay:
 * the relay's session (connection, TLS, login: `verify`), then its SIZE
 * against the largest message this run would send (`refuseTooBig`; the
 * issue's message made by `template` only then). 0 when both are fine,
 * else the exit code, said on stderr; nothing frozen, claimed or sent.
 * Throws PaperboyError (exit 2) for a session refused for good.
 */
export async function checkRelay(transport: Transport, upcoming: Upcoming, template: () => Promise<MessageTemplate>, dkim: DkimSigner | undefined, issue: number, io: CommandIO): Promise<number> {
  const ready = await transport.verify();
  if (!ready.ok) return relayRefused(ready, io);
  if (ready.sizeLimit === undefined) return 0;
  return (await refuseTooBig(ready.sizeLimit, upcoming, await template(), dkim, issue, io)) ?? 0;
}

/**
 * Holds the largest message this run would send (DKIM-signed, as it goes)
 * against the relay's SIZE (`limit`, octets): when it is bigger, says so
 * on stderr, both sizes named, and answers 1, before anything is frozen,
 * claimed or sent, so that the same command sends normally once the issue
 * (or the limit) is fixed. Undefined when the message fits.
 */
async function refuseTooBig(limit: number, upcoming: Upcoming, template: MessageTemplate, dkim: DkimSigner | undefined, issue: number, io: CommandIO): Promise<number | undefined> {
  const largest = await largestMessage(upcomingRecipients(upcoming, template), (recipient) => template.size(recipient));
  if (largest === undefined) return undefined;
  // The signature's header is the same length for every copy (its fields, and a hash and a signature of fixed length): one copy signed says it.
  const octets = dkim ? octetsInData(await dkim.sign(await template.message(largest.recipient))) : largest.octets;
  const problem = tooBig(limit, octets, `issue ${issue}'s message`);
  if (problem === undefined) return undefined;
  io.stderr.write(`paperboy: Cannot send issue ${issue}: ${problem} (its largest copy, of the recipients this run sends to). Nothing was sent and nobody marked.\n  ${TOO_BIG_ADVICE}.\n`);
  return 1;
}

/**
 * The keys a dry run measures tokens with: it writes nothing, so it has
 * none (the development secret and the list's id are written at their
 * first use). A token's length does not depend on its key (`k` or `u` and
 * 8 hex digits, the subscriber's id, 43 characters of MAC:
 * unsubscribe-token.ts), so a stand-in gives every copy its size.
 */
export const MEASURING_KEYS = signingKeys('a-stand-in-key-for-the-length-of-tokens-alone');
