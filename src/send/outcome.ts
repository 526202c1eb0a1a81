import { enhancedCode, type DeliveryFailure } from '../mail/transports/transport.js';

/**
 * What a failed delivery means for the recipient and for the run. Pure,
 * from the reply code, the enhanced status code (RFC 3463) and the stage:
 * - `retry`: temporary (4xx, RFC 5321 §4.2.1), a network error before the
 *   server had the whole message; 452/552 at RCPT are temporary too (RFC
 *   5321 §4.5.3.1.10: "too many recipients" / storage).
 * - `bounce`: 5.1.x at RCPT, the mailbox does not exist: fail it and never
 *   mail the subscriber again.
 * - `message`: a permanent refusal at the end of DATA (552 too big, 554
 *   content): of the message as the relay sees it, or of this recipient's
 *   copy (552 5.2.2, a full mailbox). Which of the two, the run tells
 *   (dispatch.ts), as for `policy`.
 * - `fail`: any other permanent refusal of this recipient.
 * - `policy`: 5.7.x, a security or policy refusal (RFC 3463 §3.8): the
 *   relay refusing *our* mail (authentication, DMARC, reputation), or a
 *   filter refusing it for this one recipient (X.7.1, "per-recipient
 *   filtering"). Which of the two, the run tells (dispatch.ts): nobody is
 *   bounced, refusals for several recipients in a row pause the run.
 * - `abort`: 535 (login refused) or the sender refused at MAIL FROM:
 *   nothing can go out, stop before anything else is tried.
 * - `unknown`: the whole message went out and no reply came: it may have
 *   been delivered, so it is not sent again unless asked.
 * `relayTrouble`: the relay itself is unwell (421, refused, dropped
 * connection): back off from it, lower the concurrency, and after several
 * in a row stop and leave the rest for a later run (RELIABILITY 13).
 */
type FailureAction = 'retry' | 'bounce' | 'fail' | 'message' | 'policy' | 'abort' | 'unknown';

export interface FailureOutcome {
  action: FailureAction;
  relayTrouble: boolean;
}

export function classifyFailure(failure: DeliveryFailure): FailureOutcome {
  const { stage, code, enhanced } = failure;
  const relayTrouble = code === 421 || (code === undefined && stage !== 'after-data');
  // A login refused for now (454 4.7.0 "Temporary authentication failure", RFC 4954 §6) is the relay's trouble, not the
  // password's: retried as a 421 is. A TLS refusal carries its hint (what to change) and stops, whatever its code.
  if (stage === 'auth') return code !== undefined && code >= 400 && code < 500 && failure.hint === undefined ? { action: 'retry', relayTrouble: true } : { action: 'abort', relayTrouble: false };
  if (stage === 'after-data') return { action: 'unknown', relayTrouble: true };
  if (code === undefined) return { action: 'retry', relayTrouble };
  if (code >= 400 && code < 500) return { action: 'retry', relayTrouble };
  if (stage === 'sender' || stage === 'connect') return { action: 'abort', relayTrouble: false };
  if (POLICY_REFUSAL.test(enhanced ?? '')) return { action: 'policy', relayTrouble: false };
  if (stage === 'recipient') {
    if (code === 552) return { action: 'retry', relayTrouble: false };
    if (enhanced?.startsWith('5.1.')) return { action: 'bounce', relayTrouble: false };
  }
  if (stage === 'data') return { action: 'message', relayTrouble: false };
  return { action: 'fail', relayTrouble: false };
}

/**
 * Whether `failure` is the relay's silence on this message once its
 * transaction began, before DATA (a recipient's lookup that never
 * returns: smtp.ts `silentBeforeData` gives it no reply code). Counted as
 * the relay's trouble, unless it took other mail meanwhile: then it hangs
 * on this recipient alone, which the run tells (dispatch.ts).
 */
export function silentOnRecipient(failure: DeliveryFailure): boolean {
  return failure.stage === 'recipient' && failure.code === undefined;
}

/** X.7.XXX, "Security or Policy Status" (RFC 3463 §3.8), in its permanent class. */
const POLICY_REFUSAL = /^5\.7\./;

/** The reply (as the journal keeps it) refused the message by policy: 5.7.x. */
export function isPolicyRefusal(reply: string | null): boolean {
  return reply !== null && POLICY_REFUSAL.test(enhancedCode(reply) ?? '');
}
