import { randomUUID } from 'node:crypto';
import type { Config } from '../config/load.js';
import { languageApart, PAPERBOY_WORDS_LANGUAGE as WORDS_LANGUAGE } from '../config/language.js';
import { isolateMailHtml, isolateText } from '../render/bidi.js';
import { escapeHtml } from '../render/escape-html.js';
import { phrasebook } from '../config/words.js';
import { composeWithBodies } from './bodies.js';
import { foldableText, singleLine } from './headers.js';

export interface ConfirmationInput {
  config: Pick<Config, 'name' | 'baseUrl' | 'from' | 'replyTo' | 'language' | 'words'>;
  to: string;
  confirmUrl: string;
  date: Date;
}

/**
 * The double opt-in email (RFC 5322 bytes): plaintext and HTML, one link,
 * what to do if the reader did not ask. Encoded as an issue's email is
 * (bodies.ts): no line starts `From `, even for a newsletter named "From
 * the Lab". A transactional message to one person, so no List-* headers;
 * its Message-ID is random (each request is its own message). Its sentences
 * are paperboy's own, in the config's `words:` (config/words.ts): in the
 * newsletter's `language` when it translates them all, else in English
 * (`lang="en"`, `Content-Language: en`), the newsletter's name in them then
 * marked as written in its language.
 */
export async function composeConfirmation(input: ConfirmationInput): Promise<{ raw: Buffer; messageId: string }> {
  const { config, confirmUrl } = input;
  const name = singleLine(config.name);
  const words = phrasebook(config.words, config.language);
  // The name isolated in the sentences (a right-to-left one keeps its place, render/bidi.ts); not in the Subject or <title>, which show isolates as boxes in places.
  const ask = words.say('confirmEmailAsk', { name: isolateText(name) });
  const lasts = words.say('confirmEmailLinkLasts');
  const text = `${ask}:\n\n${confirmUrl}\n\n${lasts}\n`;
  const [askBefore, askAfter] = words.around('confirmEmailAsk').map(escapeHtml);
  const button = escapeHtml(words.say('confirmButton'));
  const subject = words.say('confirmEmailSubject', { name });
  // In English where a word is left so; then the name is in the newsletter's language, where that is not the sentences'.
  const language = words.saidInEnglish() ? WORDS_LANGUAGE : config.language;
  const apart = languageApart(config.language, language);
  const nameLanguage = apart === undefined ? '' : ` lang="${apart}"`;
  const html = `<!DOCTYPE html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(name)}</title></head><body style="font-family: sans-serif; max-width: 560px; margin: 0 auto; padding: 16px; line-height: 1.5;">
<p>${askBefore}<strong${nameLanguage}>${isolateMailHtml(name, escapeHtml)}</strong>${askAfter}.</p>
<p><a href="${escapeHtml(confirmUrl)}" style="display: inline-block; padding: 10px 16px; background: #0f766e; color: #ffffff; text-decoration: none; border-radius: 4px;">${button}</a></p>
<p>${escapeHtml(lasts)}</p>
</body></html>`;
  const messageId = `<confirm.${randomUUID()}@${new URL(config.baseUrl).hostname}>`;
  const raw = await composeWithBodies(
    {
      from: config.from,
      ...(config.replyTo ? { replyTo: config.replyTo } : {}),
      to: singleLine(input.to),
      subject: foldableText(subject),
      date: input.date,
      messageId,
      headers: { 'Content-Language': language },
      newline: 'windows',
      disableFileAccess: true,
      disableUrlAccess: true,
    },
    { text, html },
  );
  return { raw, messageId };
}
