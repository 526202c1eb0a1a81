import { renderPage, type PageToRender } from '../archive/page-render.js';
import type { Config } from '../config/load.js';
import { languageApart, PAPERBOY_WORDS_LANGUAGE } from '../config/language.js';
import { piecesNaming } from '../render/bidi.js';
import type { TemplateSet } from '../render/templates.js';
import { RecentlyUsed } from '../recently-used.js';

/** A page the server answers with: the archive's layout around `web/message.html`. */
export interface MessagePage {
  /** Also the page's title. */
  heading: string;
  paragraphs: string[];
  /** One button that POSTs these fields to `action` (relative to the page, whose path is one segment under the site's). */
  form?: { action: string; fields: { name: string; value: string }[]; button: string };
  /** Link back to the archive's home page. */
  home?: boolean;
  /** Whether a word of it is paperboy's English (config/words.ts `Phrasebook.saidInEnglish`; undefined: it is): marked `lang` on a page in another language. */
  english?: boolean;
}

/**
 * Pages without a form say the same to everyone ("You are unsubscribed"):
 * each is rendered once per template set, not per request (a one-click
 * unsubscribe is then an UPDATE and a cached answer). A page with a form
 * carries the request's token and is never kept. The last KEPT_PAGES only:
 * an error page can quote the request (the address a reader typed), and a server
 * must not keep a page per distinct header a client sends.
 */
const rendered = new WeakMap<TemplateSet, RecentlyUsed<string, string>>();
const KEPT_PAGES = 64;

/** The path the server answers the site under: `baseUrl`'s (`https://example.org/news` → `/news/`). */
export function sitePath(config: Pick<Config, 'baseUrl'>): string {
  return new URL(config.baseUrl).pathname.replace(/\/?$/, '/');
}

/**
 * The HTML of a server page (`endpoint`, its name under the site root:
 * `unsubscribe`). The layout's links start at the site's path
 * (`/news/assets/archive.css`), not at the page's folder: the not-found
 * and error pages answer any address (`/news/issues/99/`), from which
 * `./assets/archive.css` would be one more page not found.
 */
export function messagePage(templates: TemplateSet, config: Config, endpoint: string, page: MessagePage): string {
  const key = page.form ? undefined : JSON.stringify([endpoint, page]);
  const known = key === undefined ? undefined : rendered.get(templates)?.get(key);
  if (known !== undefined) return known;
  // `headline`, not `heading`: a view key must not be the name of a template helper. Every key
  // present, `form` and `home` too: a template reads each strictly (render/template-outline.ts).
  // `…Listed`: the same texts with the newsletter's name a value of its own, for `{{isolate …}}` ("Subscribe to <name>?").
  const listed = (text: string) => piecesNaming(text, config.name);
  // `wordsLanguage`: these sentences are paperboy's own, in English unless the config's `words:` translates them, whatever the newsletter's `language`
  // (the layout's `<html lang>`): marked where that is another language, so a screen reader reads them in an English voice; undefined (nothing to mark)
  // for an English newsletter, or for a page whose every word is translated.
  const wordsLanguage = page.english !== false ? languageApart(PAPERBOY_WORDS_LANGUAGE, config.language) : undefined;
  const view = { headline: page.heading, headlineListed: listed(page.heading), paragraphs: page.paragraphs, paragraphsListed: page.paragraphs.map(listed), form: page.form, home: page.home === true, wordsLanguage };
  const plan: PageToRender = { path: endpoint, root: sitePath(config), template: 'web/message.html', title: page.heading, script: undefined, view };
  const html = renderPage(templates, config, plan);
  if (key !== undefined) {
    const pages = rendered.get(templates) ?? new RecentlyUsed<string, string>(KEPT_PAGES);
    pages.set(key, html);
    rendered.set(templates, pages);
  }
  return html;
}
