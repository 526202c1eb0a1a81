import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { Config } from '../config/load.js';
import { sitePath } from './pages.js';

/**
 * Where the links of an email the server sends in answer to `req` (the
 * confirmation link) lead: `baseUrl`, where readers reach the newsletter,
 * unless `req` reached this server as a local view of it. Then the address
 * it was sent to, under the site's path (`http://localhost:8080/` with
 * `baseUrl: https://example.org/`, `http://127.0.0.1:8080/news/` with
 * `…/news/`): a confirmation asked for on the editor's machine, before the
 * site is published or on a copy of it, leads back to the server that
 * holds that subscriber, not to the published site, which has none (or is
 * not there yet).
 *
 * A local view: the request's `Host` names this machine's loopback
 * (`localhost`, a name under `.localhost` (RFC 6761 §6.3), an address of
 * 127.0.0.0/8, `[::1]`), or, with `dev` (`serve --dev`), any IP address (a
 * phone on the same network trying the form), and nothing says a proxy
 * stands between: no `Forwarded` (RFC 7239) or `X-Forwarded-*`/`X-Real-IP`
 * header, and a browser's `Origin` (sent with every POST) is that very
 * address. A proxy that rewrites `Host` to `127.0.0.1:8080` (nginx's
 * default `proxy_pass`) still passes on the reader's `Origin`,
 * `https://example.org`, so a published server's readers get `baseUrl`.
 * A name someone else pointed at the server (DNS rebinding) is not local.
 */
export function mailLinkBase(req: Pick<IncomingMessage, 'headers'>, config: Pick<Config, 'baseUrl'>, dev: boolean): string {
  const reached = localView(req, dev);
  return reached === undefined ? config.baseUrl : `${reached}${sitePath(config)}`;
}

/**
 * The origin `req` reached this server at (`http://127.0.0.1:8080`) when
 * it is a local view of it (`mailLinkBase`), else undefined: a request
 * that came from elsewhere, through a proxy or by a name of the site.
 */
export function localView(req: Pick<IncomingMessage, 'headers'>, dev: boolean): string | undefined {
  const { host, origin } = req.headers;
  if (host === undefined || PROXY_HEADERS.some((name) => req.headers[name] !== undefined)) return undefined;
  const reached = `http://${host}`;
  if (!URL.canParse(reached)) return undefined;
  const { hostname, origin: hostOrigin } = new URL(reached);
  if (!(isLoopback(hostname) || (dev && isIP(hostname.replace(/^\[(.*)\]$/, '$1')) !== 0))) return undefined;
  if (origin !== undefined && origin !== hostOrigin) return undefined;
  return hostOrigin;
}

/** Headers a proxy adds: a request carrying one came from elsewhere, whatever its `Host`. */
const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip'] as const;

/** Whether a URL's host name (`[::1]` bracketed, as WHATWG URL gives it) is this machine's loopback. */
function isLoopback(hostname: string): boolean {
  if (hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]') return true;
  return isIP(hostname) === 4 && hostname.startsWith('127.');
}

/**
 * An email's HTML (`html`: its images absolute under `baseUrl`, as every
 * mail client needs) as the dev server shows it to the editor who reached
 * it at `base` (`mailLinkBase`): each image of the site's own loaded from
 * this server, which holds it, rather than from the published site, which
 * may not yet (a chart added for the issue being written) or at all (no
 * site published yet). Its links stay as a subscriber gets them. As it is
 * when `base` is `baseUrl`.
 */
export function imagesServedFrom(html: string, baseUrl: string, base: string): string {
  return base === baseUrl ? html : html.replaceAll(`src="${baseUrl}`, `src="${base}`);
}
