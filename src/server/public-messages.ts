import type { AddressFault } from '../subscribers/model.js';

/**
 * What the server's public pages say when a request is refused, and what
 * its log says instead. A reader of the subscription form gets plain
 * words that say what to do ("This address can't be used: it has no @.
 * Please enter your whole email address…"): no backticks, no RFC, no
 * "local part". The log keeps the technical reason, without the address
 * or any part of it (logs hold no personal data).
 */
export interface Refusal {
  /** For the page (and a script's JSON `error`): plain words. */
  page: string;
  /** For the server's stderr: the technical reason, no personal data. */
  log: string;
}

/** The address a page shows as the shape to follow. */
const EXAMPLE = 'reader@example.org';

const CANNOT = "This address can't be used:";

/** What the form's page says of an address `emailRefusal` refused, by its fault. */
export function addressRefusal(fault: AddressFault): Refusal {
  switch (fault.kind) {
    case 'missing':
      return { page: 'Please enter your email address.', log: 'no email address given' };
    case 'space':
      return { page: `${CANNOT} it has a space in it. Please type it again without spaces.`, log: 'an email address with a space' };
    case 'no-at':
      return { page: `${CANNOT} it has no @. Please enter your whole email address, such as ${EXAMPLE}.`, log: 'an email address without an @' };
    case 'several-at':
      return { page: `${CANNOT} it has more than one @. Please enter one email address, such as ${EXAMPLE}.`, log: 'an email address with several @' };
    case 'no-local-part':
      return { page: `${CANNOT} there is nothing before the @. Please enter your whole email address, such as ${EXAMPLE}.`, log: 'an email address with an empty local part' };
    case 'no-domain':
      return { page: `${CANNOT} there is nothing after the @. Please enter your whole email address, such as ${EXAMPLE}.`, log: 'an email address with an empty domain' };
    case 'dots':
      return { page: `${CANNOT} it has two dots in a row, or a dot at its start, at its end or next to the @. Please check it for typing mistakes.`, log: 'an email address with an empty dot-separated part' };
    case 'too-long':
      return { page: `${CANNOT} it is ${fault.length} characters long, and an email address has at most ${fault.max}. Please check it, or use another address.`, log: `an email address of ${fault.length} characters, over ${fault.max} (RFC 5321)` };
    case 'local-too-long':
      return { page: `${CANNOT} its part before the @ is ${fault.length} characters long, and mail servers take at most ${fault.max} there. Please check it, or use another address.`, log: `an email address whose local part has ${fault.length} octets, over ${fault.max} (RFC 5321 §4.5.3.1.1)` };
    case 'character':
      return { page: `${CANNOT} it has ${shownCharacter(fault.character)} in it, which an email address cannot have here. Please check it for typing mistakes, or use another address.`, log: 'an email address with a character an address cannot have here (a quote, bracket, comma, semicolon, colon, backslash, a leading apostrophe, or an invisible control or format character)' };
    case 'no-top-level':
      return { page: `${CANNOT} the part after the @, “${fault.domain}”, is not a whole domain name. Please enter it with its ending, such as example.org.`, log: 'an email address whose domain has no top-level label' };
    case 'domain':
      return { page: `${CANNOT} the part after the @, “${fault.domain}”, is not a domain name mail can be sent to. Please check it for typing mistakes.`, log: 'an email address whose domain is not a domain name (RFC 5321 §4.1.2)' };
    case 'local-not-ascii':
      return {
        page: `${CANNOT} its part before the @, “${fault.local}”, has “${fault.character}” in it, and we can only send to addresses with the letters a to z (without accents), digits and signs such as . - _ + before the @. Please use another address.`,
        log: 'an email address whose local part is not ASCII: it needs SMTPUTF8 (RFC 6531), which paperboy cannot count on',
      };
  }
}

/** A character as a reader can see it: in quotes, or, for a control or format character (a zero-width space pasted with the address), said to be there. */
function shownCharacter(character: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u001f\u007f]$/.test(character)) return 'an invisible control character';
  return /^\p{Cf}$/u.test(character) ? 'an invisible character (it may have been copied with the address)' : `“${character}”`;
}

/** What the form's page says of a name longer than `max` characters. */
export function nameRefusalText(refused: { length: number; max: number }): Refusal {
  return { page: `This name is too long: it has ${refused.length} characters, and at most ${refused.max} fit. Please shorten it.`, log: `a name of ${refused.length} characters, over ${refused.max}` };
}

/** What the page says to a reader over the subscription limit, `waitMs` before their window ends (not logged: a flood would fill the log). */
export function tooManyRequests(waitMs: number): string {
  const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
  return `Too many requests to subscribe came from your network in the last few minutes. Please try again in ${minutes === 1 ? 'a minute' : `${minutes} minutes`}.`;
}

/** What the page says to a reader whose request to subscribe a page of another site sent (`form-origin.ts`); `name`, the newsletter's. */
export function crossSiteForm(name: string): string {
  return `This request to subscribe came from a page on another website, so nothing was done and no email was sent. To subscribe to ${name}, use the form on its own site.`;
}

/** What the page says to a reader while the cap on confirmation emails an hour is reached, `waitMs` before a place frees. */
export function confirmationsPaused(waitMs: number): string {
  const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
  return `Many people are subscribing right now, so sending confirmation emails is paused for a while. Nothing was stored: please try again in ${minutes === 1 ? 'a minute' : `${minutes} minutes`}.`;
}
