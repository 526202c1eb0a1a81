import type { Transport } from '../mail/transports/transport.js';
import type { Delivery } from './delivery.js';
import type { SendJournal } from './journal.js';

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
  if (transport.handedOver === undefined || journal.counts().sending === 0 || !journal.lock(now).ok) return;
  try {
    const verdicts: { delivery: Delivery; reply: string | undefined }[] = [];
    // Read whole first: the journal's iterator holds its connection while it is open.
    for (const delivery of [...journal.inStates(['sending'])]) {
      const found = await transport.handedOver(delivery.messageId);
      // Not the transport's to tell (another transport's run): left `sending`, in doubt, for `recoverInFlight`.
      if (found !== undefined) verdicts.push({ delivery, reply: found.sent ? found.reply : undefined });
    }
    journal.settleHandedOver(verdicts, now);
  } finally {
    journal.unlock();
  }
}
