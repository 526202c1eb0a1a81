import { randomUUID } from 'node:crypto';
import type { Config } from '../config/load.js';
import { languageApart, PAPERBOY_WORDS_LANGUAGE as WORDS_LANGUAGE } from '../config/language.js';
import { isolateHtml, isolateText } from '../render/bidi.js';
import { escapeHtml } from '../render/escape-html.js';
import { composeWithBodies } from './bodies.js';
import { foldableText, singleLine } from './headers.js';

export interface ConfirmationInput {
  config: Pick<Config, 'name' | 'baseUrl' | 'from' | 'replyTo' | 'language'>;
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
 * are paperboy's own, in English (`lang="en"`, `Content-Language: en`),
 * whatever the newsletter's `language`; the newsletter's name in them is
 * marked as written in that language.
 */
export async function composeConfirmation(input: ConfirmationInput): Promise<{ raw: Buffer; messageId: string }> {
  const { config, confirmUrl } = input;
  const name = singleLine(config.name);
  // The name isolated in the sentences (a right-to-left one keeps its place, render/bidi.ts); not in the Subject or <title>, which show isolates as boxes in places.
  const text = `Please confirm that you want to receive ${isolateText(name)} by email:\n\n${confirmUrl}\n\nThe link works for two days. If you did not ask for this, ignore this message: you will receive nothing more.\n`;
  // The name in the newsletter's language, where that is not the sentences'.
  const apart = languageApart(config.language, WORDS_LANGUAGE);
  const nameLanguage = apart === undefined ? '' : ` lang="${apart}"`;
  const html = `<!DOCTYPE html><html lang="${WORDS_LANGUAGE}"><head><meta charset="utf-8"><title>${escapeHtml(name)}</title></head><body style="font-family: sans-serif; max-width: 560px; margin: 0 auto; padding: 16px; line-height: 1.5;">
<p>Please confirm that you want to receive <strong${nameLanguage}>${isolateHtml(name, escapeHtml)}</strong> by email.</p>
<p><a href="${escapeHtml(confirmUrl)}" style="display: inline-block; padding: 10px 16px; background: #0f766e; color: #ffffff; text-decoration: none; border-radius: 4px;">Confirm my subscription</a></p>
<p>The link works for two days. If you did not ask for this, ignore this message: you will receive nothing more.</p>
</body></html>`;
  const messageId = `<confirm.${randomUUID()}@${new URL(config.baseUrl).hostname}>`;
  const raw = await composeWithBodies(
    {
      from: config.from,
      ...(config.replyTo ? { replyTo: config.replyTo } : {}),
      to: singleLine(input.to),
      subject: foldableText(`Confirm your subscription to ${name}`),
      date: input.date,
      messageId,
      headers: { 'Content-Language': WORDS_LANGUAGE },
      newline: 'windows',
      disableFileAccess: true,
      disableUrlAccess: true,
    },
    { text, html },
  );
  return { raw, messageId };
}
