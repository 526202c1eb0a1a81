import type { Transport } from '../mail/transports/transport.js';
import type { Delivery, DeliveryState } from './delivery.js';
import type { SendJournal } from './journal.js';

/** A row a stopped run left `sending`, and what its transport says became of it: the reply a send journals when its message went in, undefined when it never did (to send again). */
interface HandedOver {
  delivery: Delivery;
  reply: string | undefined;
}

/** The journal as a resume will find it once `settleHandedOver` has run: what a dry run counts and lists. */
export type SettledView = Pick<SendJournal, 'counts' | 'inStates'>;

/**
 * Settles the rows a stopped run left `sending` whose fate the transport
 * itself can tell (`Transport.handedOver`: the outbox, whose file is in
 * place whole or not at all): `sent`, or `queued` again to be sent. Under
 * the lock, taken and given back; nothing when another send holds
 * it (those rows are its own) or the transport cannot tell (a relay, or
 * the outbox of a row a run through a relay left: those rows stay in
 * doubt and become `unknown`, `SendJournal.recoverInFlight`). Run before
 * a send is planned, so that what it counts is what the disk says.
 */
export async function settleHandedOver(journal: SendJournal, transport: Pick<Transport, 'handedOver'>, now: Date): Promise<void> {
  if (!mayTell(journal, transport) || !journal.lock(now).ok) return;
  try {
    journal.settleHandedOver(await handedOver(journal, transport), now);
  } finally {
    journal.unlock();
  }
}

/**
 * The journal as `settleHandedOver` would leave it, without writing: what
 * `send --dry-run` plans and reports from, so that it says what the resume
 * will do (a file in place: sent; its temporary file alone: sent now;
 * neither: unknown). As the journal is when another live send holds the
 * issue (the resume would not settle its rows either) or the transport
 * cannot tell. Reads the transport's files once, now; the view reads the
 * journal as it is when asked.
 */
export async function settledView(journal: SendJournal, transport: Pick<Transport, 'handedOver'>, now: Date): Promise<SettledView> {
  if (!mayTell(journal, transport) || journal.holder(now) !== undefined) return journal;
  const after = new Map((await handedOver(journal, transport)).map(({ delivery, reply }) => [delivery.recipientKey, reply === undefined ? 'queued' : 'sent'] as const));
  return {
    counts: () => {
      const counts = journal.counts();
      for (const state of after.values()) {
        counts.sending--;
        counts[state]++;
      }
      return counts;
    },
    *inStates(states: readonly DeliveryState[]) {
      // Every row that may end in one of `states`, in the journal's order.
      for (const delivery of journal.inStates([...states, 'sending'])) {
        const state = after.get(delivery.recipientKey) ?? delivery.state;
        if (states.includes(state)) yield { ...delivery, state };
      }
    },
  };
}

/** Whether the transport can tell what became of a stopped run's rows, and there are any. */
function mayTell(journal: SendJournal, transport: Pick<Transport, 'handedOver'>): boolean {
  return transport.handedOver !== undefined && journal.counts().sending > 0;
}

/** What the transport says of each row left `sending`: the one decision a resume and a dry run share. Rows it cannot tell of are left out. */
async function handedOver(journal: SendJournal, transport: Pick<Transport, 'handedOver'>): Promise<HandedOver[]> {
  const verdicts: HandedOver[] = [];
  // Read whole first: the journal's iterator holds its connection while it is open.
  for (const delivery of [...journal.inStates(['sending'])]) {
    const found = await transport.handedOver!(delivery.messageId);
    // Not the transport's to tell (another transport's run): left `sending`, in doubt, for `recoverInFlight`.
    if (found !== undefined) verdicts.push({ delivery, reply: found.sent ? found.reply : undefined });
  }
  return verdicts;
}
