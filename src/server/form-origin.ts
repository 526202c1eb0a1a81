import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { Config } from '../config/load.js';

/**
 * What a browser says of the page that posted a form, when that page is
 * not the site's: `Origin` and `Sec-Fetch-Site` as sent (`(none)` when
 * absent), for the log.
 */
export interface CrossSitePost {
  origin: string;
  fetchSite: string;
}

/**
 * Whether a post to `/subscribe` comes from a page of another site, and
 * is refused: such a page can have its visitors' browsers post the form
 * with any address it likes, and each post mails a confirmation to that
 * address (double opt-in keeps the address from being subscribed, not
 * from being mailed): mail-bombing through the newsletter, its sending
 * reputation spent on it. Allowed:
 * - a request with neither `Origin` nor `Sec-Fetch-Site` (curl, a script,
 *   an old browser): no browser can be made to post without them;
 * - an `Origin` (RFC 6454; browsers send one with every POST) that is
 *   `baseUrl`'s, one of `subscribe.allowedOrigins` (the newsletter's own
 *   pages elsewhere), or the scheme and host the request was sent to when
 *   that host is the site's own (`serve --dev` on 127.0.0.1, a LAN address);
 * - `Sec-Fetch-Site` (Fetch Metadata, sent by every current browser)
 *   `same-site` (a page of a sibling subdomain) or `none` (the reader's own
 *   doing), and `same-origin` sent to the site's own host: a page whose
 *   referrer policy is `no-referrer` posts with `Origin: null`.
 * Anything else is refused: `cross-site`, and, without Fetch Metadata (an
 * older browser), any other Origin, `null` among them (a sandboxed frame's).
 *
 * "The site's own host": `baseUrl`'s host name, `localhost`, or an IP
 * address. A name of someone else's pointed at the server (DNS rebinding)
 * makes its page same-origin with the server in the browser's eyes; its
 * posts carry that name as their Host, and are refused.
 */
export function crossSitePost(req: IncomingMessage, config: Pick<Config, 'baseUrl' | 'subscribe'>): CrossSitePost | undefined {
  const { origin, host } = req.headers;
  const fetchSite = req.headers['sec-fetch-site'];
  if (origin === undefined && fetchSite === undefined) return undefined;
  const siteHost = ownHost(host, config);
  if (origin !== undefined && origin !== 'null') {
    if (origin === new URL(config.baseUrl).origin || config.subscribe.allowedOrigins.includes(origin)) return undefined;
    if (siteHost && sameOrigin(origin, host!)) return undefined;
  } else if (fetchSite === 'none' || (fetchSite === 'same-origin' && siteHost)) {
    return undefined;
  }
  if (fetchSite === 'same-site') return undefined;
  return { origin: origin ?? '(none)', fetchSite: fetchSite ?? '(none)' };
}

/** Whether the request's `Host` is one of the site's own: `baseUrl`'s host name, `localhost` (or under it), an IP address. */
function ownHost(host: string | undefined, config: Pick<Config, 'baseUrl'>): boolean {
  if (host === undefined || !URL.canParse(`http://${host}`)) return false;
  const name = new URL(`http://${host}`).hostname;
  const bare = name.replace(/^\[(.*)\]$/, '$1');
  return name === new URL(config.baseUrl).hostname || name === 'localhost' || name.endsWith('.localhost') || isIP(bare) !== 0;
}

/** Whether `origin` is exactly the origin of a page at `host` under its own scheme (`https://example.org` for the Host `example.org:443`). */
function sameOrigin(origin: string, host: string): boolean {
  if (!URL.canParse(origin)) return false;
  const sent = new URL(origin);
  if (sent.protocol !== 'http:' && sent.protocol !== 'https:') return false;
  const target = `${sent.protocol}//${host}`;
  return sent.origin === origin && URL.canParse(target) && new URL(target).origin === origin;
}
