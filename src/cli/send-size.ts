import type { DkimSigner } from '../mail/dkim.js';
import type { MessageTemplate } from '../mail/message-template.js';
import type { Transport } from '../mail/transports/transport.js';
import { largestCopyOctets, TOO_BIG_ADVICE, tooBig, type Upcoming } from '../send/size-limit.js';
import type { CommandIO } from '../io.js';
import { relayRefused } from './send-report.js';

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
  const octets = await largestCopyOctets(upcoming, template, dkim);
  const problem = octets === undefined ? undefined : tooBig(limit, octets, `issue ${issue}'s message`);
  if (problem === undefined) return undefined;
  io.stderr.write(`paperboy: Cannot send issue ${issue}: ${problem} (its largest copy, of the recipients this run sends to). Nothing was sent and nobody marked.\n  ${TOO_BIG_ADVICE}.\n`);
  return 1;
}
