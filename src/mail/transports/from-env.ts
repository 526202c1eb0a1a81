import { OutboxTransport } from './outbox.js';
import { SmtpTransport, type SmtpOptions } from './smtp.js';
import type { Transport } from './transport.js';

export interface TransportChoice {
  /** The outbox folder, used when SMTP_URL is unset. */
  outbox: string;
  /** The newsletter root, for the outbox's description. */
  root: string;
  connections: number;
  /** Extra SMTP settings (a private CA in tests). */
  smtp?: Partial<SmtpOptions> | undefined;
}

/**
 * How mail leaves, for `send` and the server's confirmations alike: through
 * SMTP_URL when it is set, else into the embedded outbox (SPEC: with no
 * SMTP_URL, sending goes to the outbox).
 * Throws PaperboyError (exit 2) for an SMTP_URL that is not an smtp(s) URL.
 */
export function transportFromEnv(env: NodeJS.ProcessEnv, choice: TransportChoice): Transport {
  const url = env.SMTP_URL?.trim();
  if (!url) return new OutboxTransport(choice.outbox, choice.root);
  return new SmtpTransport({ url, connections: choice.connections, ...choice.smtp });
}
