import { PAPERBOY_WORDS_LANGUAGE } from '../config/language.js';
import { isolateHtml } from '../render/bidi.js';
import { escapeHtml } from '../render/escape-html.js';
import type { RecordFacts } from './issue-output.js';
import { paperSlug, type PaperDatabase } from './paper-database.js';

/** A page at a paper's former address: `path` in the site, its whole `html`. */
export interface FormerPage {
  path: string;
  html: string;
}

/**
 * A page at each address a paper was published under before a correction
 * (`formerly` of any issue covering it: an arXiv id or URL corrected moves
 * its page, `papers/2306.03341/` to `papers/2306.03342/`), leading to its
 * page: links and bookmarks to the old address, and search engines, are
 * not met by a 404 that says nothing of where it went. Each is a small
 * HTML page that redirects at once (`<meta http-equiv="refresh">`, which a
 * static host serves as it is, and from disk too) with a link for a
 * reader whose browser does not follow it; `noindex` and a canonical link
 * to the paper's page, so it is in no sitemap or search result. Never in
 * place of a paper's own page: a former id that is a paper now, or whose
 * folder is one's, is passed over, as is one already taken by a paper
 * before it (the database's order). `baseUrl`: the canonical link's base.
 */
export function formerPages(database: PaperDatabase<RecordFacts>, config: { baseUrl: string; language: string }): FormerPage[] {
  const ids = new Set(database.papers.map((paper) => paper.id));
  const taken = new Set(database.papers.map((paper) => paper.slug));
  const pages: FormerPage[] = [];
  for (const paper of database.papers) {
    for (const former of [...new Set(paper.coverage.flatMap((record) => record.formerly))].sort()) {
      const slug = paperSlug(former);
      if (ids.has(former) || taken.has(slug)) continue;
      taken.add(slug);
      pages.push({ path: `papers/${slug}/index.html`, html: formerPageHtml(paper.latest.title, paper.slug, config) });
    }
  }
  return pages;
}

/** The page: paperboy's own words (in English, `lang` says so), the paper's title in the newsletter's language. */
function formerPageHtml(title: string, slug: string, config: { baseUrl: string; language: string }): string {
  return movedPageHtml({ what: "This paper's page", link: 'its page now', title, target: `../${slug}/index.html`, canonical: new URL(`papers/${slug}/`, config.baseUrl).href, language: config.language });
}

/**
 * A page that leads at once to where a page moved (`target`, relative, so
 * it works from disk too), for a reader whose browser does not follow the
 * refresh a link (its words `link`), `noindex` and a canonical link to the
 * page now. Says `what` moved (paperboy's words, English) and names it by
 * `title` (in the newsletter's `language`, marked so when it is not English;
 * in a `<bdi>` when it holds right-to-left letters, as every page isolates
 * such a value in an English line, render/bidi.ts: "מה חדש?" beside ", issue
 * 5 now" showed its question mark on the wrong side). The doctype as the
 * layout writes it, which html-validate's recommended rules
 * (`doctype-style`) hold every other page of the site to.
 */
export function movedPageHtml(page: { what: string; title: string; target: string; link: string; canonical: string; language: string }): string {
  const { target } = page;
  const lang = page.language === PAPERBOY_WORDS_LANGUAGE ? '' : ` lang="${page.language}"`;
  const shown = `<cite${lang}>${isolateHtml(page.title, escapeHtml)}</cite>`;
  return `<!DOCTYPE html>
<html lang="${PAPERBOY_WORDS_LANGUAGE}">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=${target}">
<link rel="canonical" href="${escapeHtml(page.canonical)}">
<title>Moved: ${escapeHtml(page.title)}</title>
</head>
<body>
<p>${page.what} has moved: ${shown}, <a href="${target}">${page.link}</a>.</p>
</body>
</html>
`;
}
