import fresh from 'fresh';
import type { IncomingHttpHeaders } from 'node:http';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
/** RFC 9110 §5.6.7's three forms: IMF-fixdate, the obsolete RFC 850 date and ANSI C's asctime(). */
const IMF_FIXDATE = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
const RFC850_DATE = new RegExp(`^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
const ASCTIME_DATE = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`);

/**
 * The time an HTTP-date names, in ms since the epoch; undefined for any
 * other text. Only the three forms RFC 9110 §5.6.7 defines, case as it
 * writes them, with a day the month has; an RFC 850 two-digit year is the
 * latest year with those digits not over 50 years ahead (§5.6.7). Not
 * `Date.parse`, which reads `2026-12-05`, `tomorrow 3pm`-like text and
 * `Tue, 01 Dec 2026` (no time) as dates: §13.1.3 and §13.1.4 have a
 * server ignore a condition whose date is not a valid HTTP-date, and one
 * read otherwise answered a 304 or a 412 the client did not ask for.
 */
export function parseHttpDate(value: string, now = Date.now()): number | undefined {
  let match = IMF_FIXDATE.exec(value);
  if (match) return utc(Number(match[3]), match[2]!, match[1]!, match.slice(4, 7));
  match = ASCTIME_DATE.exec(value);
  if (match) return utc(Number(match[6]), match[1]!, match[2]!.trim(), match.slice(3, 6));
  match = RFC850_DATE.exec(value);
  if (!match) return undefined;
  const thisYear = new Date(now).getUTCFullYear();
  let year = thisYear - (thisYear % 100) + Number(match[3]);
  if (year > thisYear + 50) year -= 100;
  return utc(year, match[2]!, match[1]!, match.slice(4, 7));
}

/** Date.UTC of the parts, undefined for a day the month has not (`31 Feb`) or a time past 23:59:60. */
function utc(year: number, month: string, day: string, [hours, minutes, seconds]: string[]): number | undefined {
  const monthIndex = MONTHS.indexOf(month);
  const [h, m, s, d] = [Number(hours), Number(minutes), Number(seconds), Number(day)];
  if (h > 23 || m > 59 || s > 60 || d < 1) return undefined;
  const time = Date.UTC(year, monthIndex, d, h, m, s);
  // A day past the month's end rolls into the next month.
  return new Date(Date.UTC(year, monthIndex, d)).getUTCMonth() === monthIndex ? time : undefined;
}

/**
 * The Last-Modified a file modified at `mtimeMs` is served with, in ms
 * (whole seconds, as an HTTP-date holds): its modification time, or now
 * when that is later (a site built on a machine whose clock runs ahead, a
 * `touch -d tomorrow`). RFC 9110 §8.8.2.1: a server must not send a
 * Last-Modified later than its Date; one that was became, echoed back, an
 * If-Modified-Since that kept every later version of the file from a cache.
 */
export function lastModifiedOf(mtimeMs: number, now = Date.now()): number {
  return Math.floor(Math.min(mtimeMs, now) / 1000) * 1000;
}

/** What the conditions of a GET or HEAD of a file make of it: send it, answer 304, or answer 412. */
export type PreconditionAnswer = 'send' | 'not-modified' | 'failed';

/**
 * Evaluates a GET's or HEAD's conditions against a file's current `etag`
 * (weak, `W/"…"`) and `lastModified` (ms, `lastModifiedOf`) in RFC 9110
 * §13.2.2's order:
 * 1. `If-Match`: only `*` holds, as an entity tag compares strongly there
 *    and ours are weak (a client asking for these exact bytes is told 412,
 *    not sent what may differ);
 * 2. else `If-Unmodified-Since`: a file modified after its date is 412 (a
 *    download resumed with it is not spliced from two versions); a date
 *    that is not a valid HTTP-date is ignored (§13.1.4);
 * 3. `If-None-Match`, else `If-Modified-Since`: 304 when the client has
 *    this version (`fresh`, Express's: the list with weak comparison, `*`,
 *    `Cache-Control: no-cache`); an If-Modified-Since that is not a valid
 *    HTTP-date, or is later than the server's current time, is ignored
 *    (§13.1.3: "a date which is later than the server's current time is
 *    invalid": a clock-skewed client's, or one made up, answered 304 for a
 *    file changed since the client's copy).
 * If-Range is left to the range (byte-ranges.ts `rangeApplies`).
 */
export function preconditionAnswer(headers: IncomingHttpHeaders, current: { etag: string; lastModified: number }, now = Date.now()): PreconditionAnswer {
  const ifMatch = headers['if-match'];
  if (ifMatch !== undefined) {
    if (ifMatch.trim() !== '*') return 'failed';
  } else if (headers['if-unmodified-since'] !== undefined) {
    const since = parseHttpDate(headers['if-unmodified-since'], now);
    if (since !== undefined && current.lastModified > since) return 'failed';
  }
  const modifiedSince = headers['if-modified-since'];
  const since = modifiedSince === undefined ? undefined : parseHttpDate(modifiedSince, now);
  const valid = since !== undefined && since <= now ? { 'if-modified-since': modifiedSince } : {};
  const asked = { 'if-none-match': headers['if-none-match'], 'cache-control': headers['cache-control'], ...valid };
  return fresh(asked, { etag: current.etag, 'last-modified': new Date(current.lastModified).toUTCString() }) ? 'not-modified' : 'send';
}
