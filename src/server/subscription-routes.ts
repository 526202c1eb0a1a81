import type { IncomingMessage } from 'node:http';
import { signConfirmation, verifyConfirmation } from '../subscribers/confirmation-token.js';
import { emailRefusal, nameRefusal } from '../subscribers/model.js';
import { Subscriptions } from '../subscribers/subscription.js';
import { pageInWords, sendJson, sendPage, wantsJson, type Route, type ServerContext } from './context.js';
import { phrasebook, type WordKey } from '../config/words.js';
import { oneLine } from '../diagnostics/one-line.js';
import { HttpError, queryToken, readFields, textField } from './request-body.js';
import { addressRefusal, confirmationsPaused, crossSiteForm, nameRefusalText, tooManyRequests, type Refusal } from './public-messages.js';
import type { RateLimiter } from './rate-limit.js';
import { clientNetwork } from './client-network.js';
import { clientAddress, forwardedClient, fromLoopback } from './client-address.js';
import { crossSitePost } from './form-origin.js';
import { localView, mailLinkBase } from './link-base.js';
import type { HourlyNotice } from './hourly-notice.js';

/** What guards the form against floods, kept by the server across requests: the limit per client, the notices said once an hour. */
export interface SubscribeGuards {
  limiter: RateLimiter;
  notice: HourlyNotice;
}

/**
 * The form's hidden field: people leave it empty, form-filling bots fill it.
 * A filled one gets the usual answer and nothing is stored or sent.
 */
const HONEYPOT_FIELD = 'website';

/** What a `GET /subscribe` reads: the form is on the home page. */
function formElsewhere(context: ServerContext) {
  return pageInWords(context, (words) => ({ heading: words.say('subscribeTo', { name: context.config.name }), paragraphs: [words.say('subscribeOnHomePage')], home: true }));
}

/**
 * `POST /subscribe` (form or JSON: `email`, optional `name`): stores the
 * address as `pending` and sends a confirmation link. Every acceptable
 * request gets the same answer (202), whether the address is new, pending,
 * active or left (no enumeration), and gets it before any email is sent:
 * waiting for the relay only for the addresses that get a confirmation
 * told them apart by the time the answer took (0.5 s against 10 ms behind
 * a slow relay) and by a 503 when it failed. The confirmation is sent
 * after the answer (`background`, which the server's stop waits for); one
 * that fails is said on stderr and withdrawn, so the reader's next request
 * sends it at once. A confirmation goes out at most once an hour per
 * address (subscription.ts) and each client (an IPv4 address, an IPv6 /56)
 * may ask a few times per window (`limiter`; a 429 says when in Retry-After).
 * A post from a page of another site is refused (403, form-origin.ts)
 * before anything is read or counted; past `subscribe.confirmationsPerHour`
 * confirmations in the last hour, whoever asks, every request is a 429
 * with Retry-After and nothing is stored. Each of these two is said on
 * stderr once an hour (`notice`), not once a request. The link leads under
 * `baseUrl`, or back to this server when it was reached as a local view
 * (link-base.ts `mailLinkBase`).
 */
export async function subscribeRoute(context: ServerContext, route: Route, guards: SubscribeGuards, background: (task: Promise<void>) => void): Promise<void> {
  const { req, res } = route;
  const json = wantsJson(req);
  if (req.method !== 'POST') {
    // A browser opens /subscribe too (the address bar after the form was sent, a bookmark, the answer page's canonical link): it gets a page saying where the form is, not a blank one.
    if (req.method === 'GET' || req.method === 'HEAD') return sendPage(context, res, 405, 'subscribe', formElsewhere(context), { Allow: 'POST' });
    res.writeHead(405, { Allow: 'POST' }).end();
    return;
  }
  const crossSite = crossSitePost(req, context.config);
  if (crossSite) {
    // Header values as the client sent them (latin1): the notice shows a control character in one as U+FFFD.
    const from = `Origin ${crossSite.origin.slice(0, 200)}, Sec-Fetch-Site ${crossSite.fetchSite.slice(0, 40)}`;
    // The browser's own word that the page is of the host it posted to: the Host that reached the server is not that one (a proxy set it).
    const rewritten =
      crossSite.fetchSite === 'same-origin'
        ? ` The browser says the page is of the host it posted to (Sec-Fetch-Site same-origin), so a proxy in front passed another Host (${(req.headers.host ?? '(none)').slice(0, 200)}): make it pass the browser's, port and all (nginx: \`proxy_set_header Host $http_host;\`, not \`$host\`).`
        : '';
    guards.notice.say(
      'cross-site',
      `POST ${req.url?.split('?')[0]?.slice(0, 200)}: refused (403): a form posted by a page of another site (${from}), not of baseUrl's origin nor of subscribe.allowedOrigins; if that page is yours, add its origin to subscribe.allowedOrigins.${rewritten} Further such posts are refused without a line for an hour (the access log has their 403)`,
    );
    throw new HttpError(403, crossSiteForm(context.config.name));
  }
  if (throughSilentProxy(req, context.dev === true)) {
    const { requests, windowMs } = SUBSCRIBE_LIMIT;
    guards.notice.say(
      'proxy-without-client',
      `POST ${req.url?.split('?')[0]?.slice(0, 200)}: a request came through a proxy on this machine that does not say the reader's address (no X-Forwarded-For, Forwarded or X-Real-IP): every reader reaching the server through it is one client to the limit of ${requests} requests in ${windowMs / 60_000} minutes, past which they are all refused (429). Make the proxy add it: in nginx, \`proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\` (Caddy adds it). Said once an hour`,
    );
  }
  // Counted by network: one machine may have many IPv6 addresses (client-network.ts).
  const wait = guards.limiter.take(clientNetwork(clientAddress(req)));
  if (wait > 0) throw new HttpError(429, tooManyRequests(wait), { headers: { 'Retry-After': String(Math.ceil(wait / 1000)) } });
  const fields = await readFields(req);
  // Every field read before any is judged: a wrong type is named, whichever field it is.
  const email = (textField(fields, 'email') ?? '').trim();
  const name = textField(fields, 'name') ?? '';
  const honeypot = textField(fields, HONEYPOT_FIELD) ?? '';
  const refusal = refusalOf(email, name);
  if (refusal) throw new HttpError(400, refusal.page, { detail: refusal.log });

  const subscriptions = new Subscriptions(context.db, context.now);
  const perHour = context.config.subscribe.confirmationsPerHour;
  // The confirmation leads back to the server it was asked of when that is a local view (`serve --dev`, localhost), else to baseUrl.
  const linkBase = mailLinkBase(req, context.config, context.dev === true);
  const outcome = honeypot === '' ? subscriptions.request(email, name, linkBase, perHour) : undefined;
  if (outcome?.kind === 'busy') {
    const minutes = Math.ceil(outcome.retryAfterMs / 60_000);
    guards.notice.say(
      'confirmation-cap',
      `${perHour} confirmation emails went out in the last hour (subscribe.confirmationsPerHour): requests to subscribe are answered 429 (try again later), nothing stored, until the oldest of them is an hour old, in about ${minutes} minute${minutes === 1 ? '' : 's'}. A flood of sign-ups from many clients? If they are readers, raise subscribe.confirmationsPerHour. Said once an hour`,
    );
    throw new HttpError(429, confirmationsPaused(outcome.retryAfterMs), { headers: { 'Retry-After': String(Math.ceil(outcome.retryAfterMs / 1000)) } });
  }
  if (json) sendJson(res, 202, { status: 'confirmation-sent', message: phrasebook(context.config.words, context.config.language).say('checkInboxForLink') });
  else sendPage(context, res, 202, 'subscribe', pageInWords(context, (words) => ({ heading: words.say('checkInbox'), paragraphs: [words.say('confirmationOnItsWay')], home: true })));
  if (outcome?.kind !== 'confirm') return;
  const confirmUrl = new URL(`confirm?token=${signConfirmation(outcome.claim, context.keys)}`, linkBase).href;
  background(
    context.sendConfirmation({ to: outcome.subscriber.email, name: outcome.subscriber.name, confirmUrl }).catch((error: unknown) => {
      // Not sent: withdrawn, so the reader's next request sends it at once. No address in the line (logs hold no personal data).
      subscriptions.withdraw(outcome.claim);
      const reply = oneLine(String((error as Error)?.message ?? error)).replace(ADDRESS, '(an address)');
      process.stderr.write(`paperboy: a confirmation email was not sent (${reply}); the reader's next request to subscribe sends it again\n`);
    }),
  );
}

/** Why the form's address or name is refused, in the page's words and the log's; undefined when both can be stored. */
function refusalOf(email: string, name: string): Refusal | undefined {
  const address = emailRefusal(email);
  if (address) return addressRefusal(address.fault);
  const tooLong = nameRefusal(name);
  return tooLong && nameRefusalText(tooLong);
}

/**
 * `/confirm?token=…`, the link of the confirmation email. `GET` (and
 * `HEAD`) checks the link and shows one button, changing nothing: mail
 * scanners (Microsoft Defender's Safe Links and others) fetch every link
 * of a message with GET, so a GET that confirmed subscribed whoever anyone
 * typed into the form once their provider scanned the email, consent
 * nobody gave. The button's `POST` makes the subscriber active, as the
 * unsubscribe page's does (RFC 8058 for the same reason). An expired link,
 * a link replaced by a newer one, or a second click says so and changes
 * nothing; a forged one gets one generic 400.
 */
export function confirmRoute(context: ServerContext, route: Route): void {
  const { req, res } = route;
  if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'POST') {
    res.writeHead(405, { Allow: 'GET, HEAD, POST' }).end();
    return;
  }
  const token = queryToken(new URLSearchParams(route.query));
  const check = verifyConfirmation(token, context.keys, context.now());
  const { name } = context.config;
  const page = (status: number, heading: WordKey, paragraph: WordKey) =>
    sendPage(context, res, status, 'confirm', pageInWords(context, (words) => ({ heading: words.say(heading), paragraphs: [words.say(paragraph, { name })], home: true })));
  if (check.kind === 'invalid') return page(400, 'confirmLinkInvalid', 'subscribeAgain');
  if (check.kind === 'expired') return page(410, 'confirmLinkExpired', 'linksLastTwoDays');
  if (req.method !== 'POST') {
    const action = `confirm?token=${encodeURIComponent(token)}`;
    sendPage(context, res, 200, 'confirm', pageInWords(context, (words) => ({ heading: words.say('confirmQuestion', { name }), paragraphs: [words.say('confirmBelow')], form: { action, fields: [], button: words.say('confirmButton') } })));
    return;
  }
  const outcome = new Subscriptions(context.db, context.now).confirm(check.claim);
  if (outcome === 'superseded') return page(410, 'newerLinkSent', 'useLatestLink');
  if (outcome === 'already-confirmed') return page(200, 'alreadySubscribed', 'linkUsedBefore');
  if (outcome === 'left-since') return page(410, 'confirmLinkUsed', 'leftSince');
  page(200, 'subscribed', 'nextIssueReaches');
}

/** An email address in a relay's reply (Postfix names the recipient it refuses: `<ada@example.org>: Recipient address rejected`), left out of logs. */
const ADDRESS = /<?[^\s<>()"',;:]+@[^\s<>()"',;:]+>?/g;

/** Subscription requests per client address: 5 per 10 minutes is a person retrying, not a script. */
export const SUBSCRIBE_LIMIT = { requests: 5, windowMs: 10 * 60 * 1000 };

/**
 * Whether `req`, a browser's (it sent an `Origin`, as browsers do with
 * every POST), came from elsewhere through a proxy on this machine that
 * does not name the reader (no header `forwardedClient` reads): from
 * loopback, yet no local view (link-base.ts `localView`): its `Host` is
 * the site's name, or its `Origin` is not the address it reached (nginx's
 * `proxy_pass` as it comes passes `Host: 127.0.0.1:8080` and the reader's
 * `Origin: https://example.org`). Every reader is then the proxy's
 * address to the rate limit.
 */
function throughSilentProxy(req: IncomingMessage, dev: boolean): boolean {
  return req.headers.origin !== undefined && fromLoopback(req) && forwardedClient(req) === undefined && localView(req, dev) === undefined;
}
