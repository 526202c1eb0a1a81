import type { IncomingMessage } from 'node:http';
import parseForwarded from 'forwarded-parse';

/** The socket addresses of this machine: a proxy in front of the server (Caddy, nginx on the same host, as the docs set it up) connects from one. */
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Whether `req` reached the server from this machine (a proxy on it, or a local browser or script). */
export function fromLoopback(req: IncomingMessage): boolean {
  return LOOPBACK.has(req.socket.remoteAddress ?? '');
}

/**
 * The reader's address as a proxy on this machine says it, or undefined
 * when it says none. The headers are read in the order proxies are set up
 * to write them: `X-Forwarded-For`, the address the proxy appended last
 * (nginx's `$proxy_add_x_forwarded_for`, Caddy's default); `Forwarded`
 * (RFC 7239 §4), the `for=` of its last element (HAProxy's `option
 * forwarded`, Envoy), when it names an address (not `unknown` nor an
 * obfuscated `_name`, §6.2–6.3); `X-Real-IP`, one address (nginx's
 * `proxy_set_header X-Real-IP $remote_addr;`, the line most guides give).
 * A header that does not parse (a `Forwarded` against RFC 7239's grammar)
 * names nobody, and the next is read. A port the proxy wrote after the
 * address is kept: client-network.ts leaves it out.
 */
export function forwardedClient(req: IncomingMessage): string | undefined {
  return lastListed(req.headers['x-forwarded-for']) ?? forwardedFor(req.headers.forwarded) ?? lastListed(req.headers['x-real-ip']);
}

/**
 * The reader's address, for the rate limit: the address a proxy on this
 * machine names (`forwardedClient`), trusted only from loopback (a reader
 * reaching the server directly could write any of those headers), else
 * the socket's address (`unknown` when Node has none: a socket already
 * closed).
 */
export function clientAddress(req: IncomingMessage): string {
  const socket = req.socket.remoteAddress ?? 'unknown';
  return fromLoopback(req) ? (forwardedClient(req) ?? socket) : socket;
}

/** The last entry of a comma-separated header (Node joins a header given twice with `, `), or undefined when blank. */
function lastListed(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const last = (Array.isArray(header) ? header.join(',') : header).split(',').at(-1)!.trim();
  return last === '' ? undefined : last;
}

/** The `for=` of `Forwarded`'s last element (RFC 7239 §5.2), the one the proxy nearest the server added, when it names an address. */
function forwardedFor(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  let elements: Record<string, string>[];
  try {
    elements = parseForwarded(header);
  } catch {
    return undefined;
  }
  const named = elements.at(-1)?.for;
  return named === undefined || named === 'unknown' || named.startsWith('_') ? undefined : named;
}
