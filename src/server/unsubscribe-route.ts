import { verify } from '../subscribers/unsubscribe-token.js';
import { sendPage, type Route, type ServerContext } from './context.js';
import { queryToken, readFields, textField } from './request-body.js';

const ENDPOINT = 'unsubscribe';

/** RFC 8058 §3.1: a one-click POST carries exactly this field. */
const ONE_CLICK = { name: 'List-Unsubscribe', value: 'One-Click' };

/** One answer for every token that is not ours, whatever is wrong with it (no oracle for forgers). */
function invalidLink(context: ServerContext, route: Route): void {
  sendPage(context, route.res, 400, ENDPOINT, {
    heading: 'This unsubscribe link is not valid',
    paragraphs: ['Use the unsubscribe link at the bottom of the latest issue, or reply to it and ask to be removed.'],
    home: true,
  });
}

/** The page with the one button that unsubscribes (a one-click POST) the reader of `token`. */
function askToUnsubscribe(context: ServerContext, route: Route, status: number, token: string, paragraph: string): void {
  sendPage(context, route.res, status, ENDPOINT, {
    heading: `Unsubscribe from ${context.config.name}?`,
    paragraphs: [paragraph],
    form: { action: `${ENDPOINT}?token=${encodeURIComponent(token)}`, fields: [ONE_CLICK], button: 'Unsubscribe' },
  });
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
  const ownLink = 'If you subscribed on this site, use the unsubscribe link at the bottom of your copy of any issue: it is yours alone and takes one click.';
  sendPage(context, route.res, 200, ENDPOINT, {
    heading: `Unsubscribe from ${name}`,
    paragraphs: listAddress
      ? [
          `If ${name} reaches you through the mailing list ${listAddress.address}, leave it the way that list offers: most lists add an unsubscribe link to every message they pass on (at its end, or as the unsubscribe button your mail program shows).`,
          ownLink,
        ]
      : [ownLink, 'Or reply to an issue and ask to be removed.'],
    home: true,
  });
}

/**
 * The URL `List-Unsubscribe` carries, `<baseUrl>unsubscribe?token=…`.
 * `GET` shows one button and changes nothing (mail scanners fetch every
 * link); `POST` with `List-Unsubscribe=One-Click` (RFC 8058, form-urlencoded
 * or multipart, what mailbox providers send and what the button sends)
 * unsubscribes and answers 200 without a redirect. Repeating it is harmless.
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
    return askToUnsubscribe(context, route, 200, token, 'You will receive no more issues. The archive stays open to everyone.');
  }
  if (req.method !== 'POST') {
    res.writeHead(405, { Allow: 'GET, HEAD, POST' }).end();
    return;
  }
  const fields = await readFields(req);
  if (id === undefined) return invalidLink(context, route);
  // A genuine link posted without the one-click field (RFC 8058 §3.1): nothing changes, and the reader gets the button.
  if (textField(fields, ONE_CLICK.name) !== ONE_CLICK.value) return askToUnsubscribe(context, route, 400, token, 'Nothing has changed yet: press the button below to unsubscribe.');
  if (!(await context.unsubscribes.unsubscribe(id))) return invalidLink(context, route);
  sendPage(context, res, 200, ENDPOINT, {
    heading: 'You are unsubscribed',
    paragraphs: [`${context.config.name} will not email you again.`],
    home: true,
  });
}
