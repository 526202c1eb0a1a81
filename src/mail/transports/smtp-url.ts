import { PaperboyError } from '../../errors.js';

/** The largest TCP port (RFC 793: 16 bits). */
const MAX_PORT = 65535;

/** What `SMTP_URL` says of the relay: its host, its port, whether TLS starts at once (`smtps:`), and the login, percent-decoded. */
export interface SmtpAddress {
  host: string;
  port: number;
  secure: boolean;
  auth: { user: string; pass: string } | undefined;
}

/**
 * Reads `SMTP_URL` (`smtp://user:password@host:587`, `smtps://…:465`; the
 * port defaults to 587 or 465 by the scheme). Throws SMTP_URL_INVALID
 * (exit 2) saying which part is wrong, never quoting the password: no
 * host, a port outside 1–65535, another scheme or none (`localhost:2525`),
 * settings after `?`, a path or a fragment (which nodemailer would ignore
 * without a word), a `/`, `?` or `#` before the `@` (a password cut
 * short), a user name without a password, a bad percent-escape.
 */
export function parseSmtpUrl(text: string): SmtpAddress {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // The WHATWG URL parser refuses a port past 65535 with the rest: say which part is wrong.
    const port = /^[a-z][a-z\d+.-]*:\/\/(?:[^/?#@]*@)?(?:\[[^\]]*\]|[^/?#:]*):(\d+)(?:[/?#]|$)/i.exec(text)?.[1];
    if (port !== undefined && Number(port) > MAX_PORT) throw smtpUrlError(portProblem(port));
    // `smtp://:25`, `smtp://user@:25`: a port and no host before it.
    throw smtpUrlError(/^[a-z][a-z\d+.-]*:\/\/(?:[^/?#@]*@)?:\d*(?:[/?#]|$)/i.test(text) ? 'names no host' : 'is not a URL');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw smtpUrlError(schemeProblem(text, url.protocol));
  // nodemailer would take an empty host as localhost, and query settings it does not read here would be ignored without a word.
  if (url.hostname === '') throw smtpUrlError('names no host');
  // What follows the host is quoted only when it holds no `@`: one there is a password's `/`, `?` or `#` not
  // percent-encoded, which cut it short (`smtp://user:pa/ss@host`), and its rest must not reach a log.
  const after = `${url.pathname === '/' ? '' : url.pathname}${url.search}${url.hash}`;
  if (after.includes('@')) throw smtpUrlError('has a `/`, `?` or `#` before its `@`: percent-encode them in the user name or password (`%2F`, `%3F`, `%23`)');
  if (url.search !== '') throw smtpUrlError(`has settings after \`?\` (${url.search}), which paperboy does not read (the scheme says whether TLS starts at once: smtps://)`);
  // A path or a fragment says nothing to an SMTP relay: whatever was meant by it would be ignored without a word.
  if (url.pathname !== '' && url.pathname !== '/') throw smtpUrlError(`has a path after the host (${url.pathname}), which paperboy does not read`);
  if (url.hash !== '') throw smtpUrlError(`has a fragment after the host (${url.hash}), which paperboy does not read`);
  const port = Number(url.port || (url.protocol === 'smtps:' ? 465 : 587));
  // Port 0 is no port a server listens on (the system picks one for a client that asks for it).
  if (port === 0) throw smtpUrlError(portProblem('0'));
  // nodemailer would try the login with an empty password and fail it with its own words (EAUTH, Missing credentials for "PLAIN").
  if (url.username !== '' && url.password === '') throw smtpUrlError('names a user name but no password (`smtp://user@host`): write both, `smtp://user:password@host`, or neither for a relay that takes no login');
  const auth = url.username ? { user: decodedCredential(url.username, 'user name'), pass: decodedCredential(url.password, 'password') } : undefined;
  return { host: url.hostname, port, secure: url.protocol === 'smtps:', auth };
}

/** A user name or password of SMTP_URL, percent-decoded (RFC 3986 §2.1); never shown in the error, which names only which it is. */
function decodedCredential(encoded: string, which: 'user name' | 'password'): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw smtpUrlError(`has a ${which} with a \`%\` that is not followed by two hexadecimal digits (write a \`%\` itself as %25)`);
  }
}

/**
 * What is wrong with a scheme other than smtp: or smtps:. `localhost:2525`
 * and `mail.example.org:587`, a host and port with no scheme, parse as a
 * URL whose scheme is the host (WHATWG URL Standard: a scheme is letters,
 * digits, `+`, `-`, `.` before the first `:`): said as the host it is, with
 * the URL to write.
 */
function schemeProblem(written: string, protocol: string): string {
  const hostAndPort = /^([a-z\d.-]+):(\d{1,5})$/i.exec(written);
  if (hostAndPort) return `names no scheme (\`${written}\` reads as the scheme ${protocol}): write smtp://${hostAndPort[1]}:${hostAndPort[2]}, with user:password@ before the host if the relay asks for a login`;
  return `has the scheme ${protocol}`;
}

/** What is wrong with a port outside 1–65535: said once, so the message's one "expected" stays the URL's form. */
function portProblem(port: string): string {
  return `has the port ${port}, not one from 1 to ${MAX_PORT}`;
}

function smtpUrlError(problem: string): PaperboyError {
  return new PaperboyError('SMTP_URL_INVALID', `Unexpected SMTP_URL: it ${problem}, expected smtp://user:password@host:587 or smtps://user:password@host:465`, {
    hint: 'Set SMTP_URL in the environment (never in paperboy.config.yaml); percent-encode special characters in the password.',
  });
}
