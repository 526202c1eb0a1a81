import { PaperboyError } from '../../errors.js';
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
 * Throws PaperboyError (exit 2) for an SMTP_URL that is not an smtp(s) URL,
 * or that is set but empty (or only spaces).
 */
export function transportFromEnv(env: NodeJS.ProcessEnv, choice: TransportChoice): Transport {
  const url = env.SMTP_URL?.trim();
  if (url === undefined) return new OutboxTransport(choice.outbox, choice.root);
  // Set but empty is a secret that did not load (a cron job, a unit file): the outbox would take the whole issue, marked sent.
  if (url === '') throw emptySmtpUrl();
  return new SmtpTransport({ url, connections: choice.connections, ...choice.smtp });
}

function emptySmtpUrl(): PaperboyError {
  return new PaperboyError('SMTP_URL_INVALID', 'Unexpected SMTP_URL: it is set but empty, expected smtp://user:password@host:587 or smtps://user:password@host:465', {
    hint: 'Check that the secret holding it was loaded; to write the messages to the outbox instead, unset SMTP_URL (`unset SMTP_URL`), not set it to nothing.',
  });
}
