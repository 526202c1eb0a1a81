import type { Config } from '../config/load.js';
import type { DkimSigner } from '../mail/dkim.js';
import { composeMessage } from '../mail/compose.js';
import { proofMessageId, unsubscribeMailto } from '../mail/headers.js';
import { unsubscribeUrl } from '../mail/unsubscribe-url.js';
import type { Transport } from '../mail/transports/transport.js';
import { personalize } from '../render/email.js';
import type { renderIssueEmail } from '../render/issue-email.js';
import type { CommandIO } from '../io.js';
import { octetsInData } from '../mail/message-size.js';
import { classifyFailure } from '../send/outcome.js';
import { TOO_BIG_ADVICE, tooBig } from '../send/size-limit.js';
import { relayRefused } from './send-report.js';

/**
 * `--test ADDR`: one proof, `[TEST]` in the subject, outside the journal,
 * with a placeholder unsubscribe link; with `list`, the message `send
 * --list` sends the list address (message-template.ts): no
 * `List-Unsubscribe` header (the list server writes its own) and the
 * unsubscribe link the page without a token, which names the list.
 */
export async function sendProof(config: Config, email: ReturnType<typeof renderIssueEmail>, options: { test?: string; review?: boolean; list?: boolean }, transport: Transport, dkim: DkimSigner | undefined, io: CommandIO): Promise<number> {
  try {
    const url = unsubscribeUrl(config.baseUrl, options.list ? undefined : 'TEST');
    const copy = personalize(email.rendered, { unsubscribeUrl: url });
    const id = proofMessageId(config.baseUrl, email.rendered.issueNumber);
    let raw = await composeMessage({
      messageId: id,
      config,
      issueNumber: email.rendered.issueNumber,
      to: options.test!,
      ...copy,
      subject: `[TEST] ${copy.subject}`,
      date: new Date(),
      unsubscribe: options.list ? undefined : { url, mailto: unsubscribeMailto(config.from) },
    });
    if (dkim) raw = await dkim.sign(raw);
    // The session refused (the login, TLS, the sender) or the relay out of reach: said and exited as a send says it (exit 2 or 1).
    const ready = await transport.verify();
    if (!ready.ok) return relayRefused(ready, io);
    // Bigger than the relay's SIZE: it would refuse the proof, and the issue's send with it (cli/send-size.ts).
    const problem = tooBig(ready.sizeLimit, octetsInData(raw), 'the proof');
    if (problem !== undefined) {
      io.stderr.write(`paperboy: the proof to ${options.test} was not sent: ${problem}.\n  ${TOO_BIG_ADVICE}.\n`);
      return 1;
    }
    const result = await transport.send({ from: config.from.address, to: options.test!, messageId: id, raw });
    if (!result.ok) {
      const { failure } = result;
      const { action } = classifyFailure(failure);
      // A login or sender refused for good stops as a send does (exit 2, with what to change); a 4xx at MAIL FROM (`451 4.3.0`, a 421) is the relay's
      // refusal for now, as it is at RCPT: a send retries it, so a proof says to.
      if (failure.stage === 'auth' || (failure.stage === 'sender' && action === 'abort')) return relayRefused(result, io);
      // The whole proof went and no reply came: the relay may have it (a send journals such a recipient `unknown`).
      if (failure.stage === 'after-data') io.stderr.write(`paperboy: the proof to ${options.test} may have been delivered: the relay took all of it, then gave no reply (${failure.reply}). Look in that inbox before sending another.\n`);
      else if (action === 'retry') io.stderr.write(`paperboy: the proof to ${options.test} was not sent: the relay refused it for now (${failure.reply}); run the same command again later.\n`);
      else io.stderr.write(`paperboy: the proof to ${options.test} was not sent: ${failure.reply}\n`);
      return 1;
    }
    const of = options.list ? "the list address's message of " : '';
    io.stdout.write(`Sent a ${options.review ? "reviewers' " : ''}proof of ${of}#${email.rendered.issueNumber} to ${options.test} through ${transport.description} (not in the journal).\n`);
    return 0;
  } finally {
    await transport.close();
  }
}
