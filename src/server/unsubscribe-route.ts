import { SUPPRESSED_STATUSES } from '../subscribers/model.js';
import { SubscriberStore } from '../subscribers/store.js';
import { verify } from '../subscribers/unsubscribe-token.js';
import { pageInWords, sendPage, type Route, type ServerContext } from './context.js';
import type { WordKey } from '../config/words.js';
import { queryToken, readFields, textField } from './request-body.js';

const ENDPOINT = 'unsubscribe';

/** RFC 8058 §3.1: a one-click POST carries exactly this field. */
const ONE_CLICK = { name: 'List-Unsubscribe', value: 'One-Click' };

/** One answer for every token that is not ours, whatever is wrong with it (no oracle for forgers). */
function invalidLink(context: ServerContext, route: Route): void {
  sendPage(context, route.res, 400, ENDPOINT, pageInWords(context, (words) => ({ heading: words.say('unsubscribeLinkInvalid'), paragraphs: [words.say('useLatestUnsubscribeLink')], home: true })));
}

/** The page with the one button that unsubscribes (a one-click POST) the reader of `token`. */
function askToUnsubscribe(context: ServerContext, route: Route, status: number, token: string, paragraph: WordKey): void {
  const action = `${ENDPOINT}?token=${encodeURIComponent(token)}`;
  sendPage(
    context,
    route.res,
    status,
    ENDPOINT,
    pageInWords(context, (words) => ({ heading: words.say('unsubscribeQuestion', { name: context.config.name }), paragraphs: [words.say(paragraph)], form: { action, fields: [ONE_CLICK], button: words.say('unsubscribe') } })),
  );
}

/**
 * The answer to a genuine link of a reader the list no longer mails: one
 * who left (unsubscribed, bounced, complained), or whose row is no longer
 * in the database (deleted by hand, or a database restored from before
 * they subscribed). No button, nothing to do; not the invalid-link
 * page, which would send them looking for another link to a list they
 * are no longer on. 200: a one-click POST (RFC 8058) has what it asked for.
 */
function alreadyUnsubscribed(context: ServerContext, route: Route): void {
  sendPage(context, route.res, 200, ENDPOINT, pageInWords(context, (words) => ({ heading: words.say('alreadyUnsubscribed'), paragraphs: [words.say('noMoreEmail', { name: context.config.name })], home: true })));
}

/** Whether the list mails the subscriber `id` names (a merged row's id followed): not when it has left or is gone. */
function stillMailed(context: ServerContext, id: number): boolean {
  const subscriber = new SubscriberStore(context.db, context.now).byId(id);
  return subscriber !== undefined && !SUPPRESSED_STATUSES.has(subscriber.status);
}

/**
 * `GET /unsubscribe` with no token: the link a message sent to a mailing
 * list shows (`send --list`, which has no subscriber to name). The list's
 * readers leave through the list, which paperboy does not run; the page
 * says so, and names the list. Not the invalid-link answer: nothing here
 * was forged, and a reader following the footer deserves a way out.
 */
function howToUnsubscribe(context: ServerContext, route: Route): void {
  const { name, listAddress } = context.config;
  sendPage(
    context,
    route.res,
    200,
    ENDPOINT,
    pageInWords(context, (words) => ({
      heading: words.say('unsubscribeFrom', { name }),
      paragraphs: listAddress
        ? [words.say('unsubscribeThroughList', { name, address: listAddress.address }), words.say('unsubscribeOwnLink')]
        : [words.say('unsubscribeOwnLink'), words.say('replyToBeRemoved')],
      home: true,
    })),
  );
}

/**
 * The URL `List-Unsubscribe` carries, `<baseUrl>unsubscribe?token=…`.
 * `GET` shows one button and changes nothing (mail scanners fetch every
 * link); `POST` with `List-Unsubscribe=One-Click` (RFC 8058, form-urlencoded
 * or multipart, what mailbox providers send and what the button sends)
 * unsubscribes and answers 200 without a redirect. Repeating it is harmless.
 * A reader who already left, or was removed, is told so (`alreadyUnsubscribed`).
 * Without a token, `GET` says how to unsubscribe (`howToUnsubscribe`).
 */
export async function unsubscribeRoute(context: ServerContext, route: Route): Promise<void> {
  const query = new URLSearchParams(route.query);
  const token = queryToken(query);
  const id = verify(token, context.keys);
  const { req, res } = route;
  if (req.method === 'GET' || req.method === 'HEAD') {
    if (!query.has('token')) return howToUnsubscribe(context, route);
    if (id === undefined) return invalidLink(context, route);
    if (!stillMailed(context, id)) return alreadyUnsubscribed(context, route);
    return askToUnsubscribe(context, route, 200, token, 'noMoreIssues');
  }
  if (req.method !== 'POST') {
    res.writeHead(405, { Allow: 'GET, HEAD, POST' }).end();
    return;
  }
  const fields = await readFields(req);
  if (id === undefined) return invalidLink(context, route);
  // A genuine link posted without the one-click field (RFC 8058 §3.1): nothing changes, and the reader gets the button.
  if (textField(fields, ONE_CLICK.name) !== ONE_CLICK.value) return askToUnsubscribe(context, route, 400, token, 'pressToUnsubscribe');
  // A reader removed from the store since: their link is genuine, and they are off the list.
  if (!(await context.unsubscribes.unsubscribe(id))) return alreadyUnsubscribed(context, route);
  sendPage(context, res, 200, ENDPOINT, pageInWords(context, (words) => ({ heading: words.say('unsubscribed'), paragraphs: [words.say('noMoreEmail', { name: context.config.name })], home: true })));
}
