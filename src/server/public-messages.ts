import type { AddressFault } from '../subscribers/model.js';
import type { Phrasebook } from '../config/words.js';
import { saying, type Saying } from './request-body.js';

/**
 * What the server's public pages say when a request is refused, and what
 * its log says instead. The page's words are the config's `words:`
 * (config/words.ts; English by default), said by the phrasebook of the
 * answer (`Saying`). A reader of the subscription form gets plain
 * words that say what to do ("This address can't be used: it has no @.
 * Please enter your whole email address…"): no backticks, no RFC, no
 * "local part". The log keeps the technical reason, without the address
 * or any part of it (logs hold no personal data).
 */
export interface Refusal {
  /** For the page (and a script's JSON `error`): plain words, in the newsletter's. */
  page: Saying;
  /** For the server's stderr: the technical reason, no personal data. */
  log: string;
}

/** What the form's page says of an address `emailRefusal` refused, by its fault. */
export function addressRefusal(fault: AddressFault): Refusal {
  switch (fault.kind) {
    case 'missing':
      return { page: saying('enterEmail'), log: 'no email address given' };
    case 'space':
      return { page: saying('addressHasSpace'), log: 'an email address with a space' };
    case 'no-at':
      return { page: saying('addressHasNoAt'), log: 'an email address without an @' };
    case 'several-at':
      return { page: saying('addressHasSeveralAt'), log: 'an email address with several @' };
    case 'no-local-part':
      return { page: saying('addressHasNothingBeforeAt'), log: 'an email address with an empty local part' };
    case 'no-domain':
      return { page: saying('addressHasNothingAfterAt'), log: 'an email address with an empty domain' };
    case 'dots':
      return { page: saying('addressHasDots'), log: 'an email address with an empty dot-separated part' };
    case 'too-long':
      return { page: saying('addressTooLong', { length: fault.length, max: fault.max }), log: `an email address of ${fault.length} characters, over ${fault.max} (RFC 5321)` };
    case 'local-too-long':
      return { page: saying('addressLocalPartTooLong', { length: fault.length, max: fault.max }), log: `an email address whose local part has ${fault.length} octets, over ${fault.max} (RFC 5321 §4.5.3.1.1)` };
    case 'character':
      return { page: characterSaying(fault.character), log: 'an email address with a character an address cannot have here (a quote, bracket, comma, semicolon, colon, backslash, a leading apostrophe, or an invisible control or format character)' };
    case 'no-top-level':
      return { page: saying('addressDomainNotWhole', { domain: fault.domain }), log: 'an email address whose domain has no top-level label' };
    case 'domain':
      return { page: saying('addressDomainInvalid', { domain: fault.domain }), log: 'an email address whose domain is not a domain name (RFC 5321 §4.1.2)' };
    case 'local-not-ascii':
      return {
        page: saying('addressLocalPartNotAscii', { local: fault.local, character: fault.character }),
        log: 'an email address whose local part is not ASCII: it needs SMTPUTF8 (RFC 6531), which paperboy cannot count on',
      };
  }
}

/** The refusal of an address holding `character`, as a reader can see it: in quotes, or, for a control or format character (a zero-width space pasted with the address), said to be there. */
function characterSaying(character: string): Saying {
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u001f\u007f]$/.test(character)) return saying('addressHasControlCharacter');
  return /^\p{Cf}$/u.test(character) ? saying('addressHasInvisibleCharacter') : saying('addressHasCharacter', { character });
}

/** What the form's page says of a name longer than `max` characters. */
export function nameRefusalText(refused: { length: number; max: number }): Refusal {
  return { page: saying('nameTooLong', { length: refused.length, max: refused.max }), log: `a name of ${refused.length} characters, over ${refused.max}` };
}

/** What the page says to a reader over the subscription limit, `waitMs` before their window ends (not logged: a flood would fill the log). */
export function tooManyRequests(waitMs: number): Saying {
  return (words) => words.say('tooManyRequests', { wait: minutesToWait(words, waitMs) });
}

/** What the page says to a reader whose request to subscribe a page of another site sent (`form-origin.ts`); `name`, the newsletter's. */
export function crossSiteForm(name: string): Saying {
  return saying('crossSiteForm', { name });
}

/** What the page says to a reader while the cap on confirmation emails an hour is reached, `waitMs` before a place frees. */
export function confirmationsPaused(waitMs: number): Saying {
  return (words) => words.say('confirmationsPaused', { wait: minutesToWait(words, waitMs) });
}

/** `waitMs` as the whole minutes a reader is told to wait, at least one: "a minute", "12 minutes" (`words.minutesOne`, `minutesOther`). */
function minutesToWait(words: Phrasebook, waitMs: number): string {
  return words.counted('minutes', Math.max(1, Math.ceil(waitMs / 60_000)));
}
