import type { Config } from '../config/load.js';
import { textDirection } from '../config/language.js';
import { newsletterWords } from '../config/words.js';
import type { TemplateSet } from '../render/templates.js';
import { sha256 } from '../sha256.js';
import { indexFileLinks, inTag } from './index-file-links.js';

/**
 * What a page of the archive is and how one becomes HTML: its plan, its
 * key, where its links point from its folder, and the layout around its
 * body. pages.ts says which pages the site has; the server renders its own
 * pages (server/pages.ts) through `renderPage` too.
 */

/** What a page shows of the config. */
export type SiteConfig = Pick<Config, 'name' | 'description' | 'baseUrl' | 'language' | 'words'>;

/**
 * One page of the archive before rendering: its path under the output
 * directory, the template of its body (`templates/web/…`) and that
 * template's view. Planning is pure; `renderPage` turns a plan into HTML.
 *
 * `key()` is a hash of everything the view is made of, so a rebuild renders
 * only the pages whose key changed. A page that shows an issue's or a
 * paper's texts makes its view only when rendered (`view()` reads the full
 * outputs); its key comes from the hashes the issues' summaries carry.
 * `issues` names the issues whose outputs the view shows (texts, renderings
 * or their hashes); the rest of it is made of the site's shape (the issues'
 * facts, settings and templates, site-plan.ts), so while neither changed a
 * rebuild takes the previous build's key instead of hashing the view again.
 */
export interface PagePlan {
  /** Relative to the site root, `/`-separated: `issues/5/index.html`. */
  path: string;
  template: string;
  title: string;
  /** The script of the page under `assets/`, if any. */
  script: string | undefined;
  key(): string;
  /** The numbers of the issues whose outputs the view shows beyond their facts (none for a list). */
  issues: readonly number[];
  view(): Record<string, unknown>;
  /** Whether search engines are asked not to index it (`<meta name="robots" content="noindex">`): a draft's page, which `build --drafts` publishes for a preview. */
  noindex?: boolean;
}

/**
 * A page with its view made: what `renderPage` renders (a plan's, or a
 * server page's). `root`: where its links start when not relative to its
 * path (a page the server answers at any address gives the site's own
 * path, `/news/`).
 */
export type PageToRender = Pick<PagePlan, 'path' | 'template' | 'title' | 'script' | 'noindex'> & { view: Record<string, unknown>; root?: string };

/** Where pages link to, relative to a page's own folder (the site works from any base; `renderPage` names each folder's `index.html` for `file://`). */
export function pageLinks(path: string) {
  const depth = path.split('/').length - 1;
  const root = depth === 0 ? './' : '../'.repeat(depth);
  return {
    root,
    issue: (number: number, anchor?: string) => `${root}issues/${number}/${anchor ? `#${anchor}` : ''}`,
    paper: (slug: string) => `${root}papers/${slug}/`,
    tag: (slug: string) => `${root}tags/${slug}/`,
    author: (slug: string) => `${root}authors/${slug}/`,
    year: (year: string) => `${root}papers/year/${year}/`,
  };
}

/** sha256 of a value's JSON, 128 bits in hex: a page's key. */
export function keyOf(value: unknown): string {
  return sha256(JSON.stringify(value) ?? 'undefined').slice(0, 32);
}

/**
 * A page's HTML: its body template, then the layout around it. Links and
 * images the content makes absolute under `baseUrl` (cross-references, a
 * `staticDir` image, so an email can follow or load them) become relative
 * to the page, as the templates' own links are (`siteRelative`), and every
 * relative link to a folder names its `index.html` (`indexFileLinks`).
 */
export function renderPage(templates: TemplateSet, config: SiteConfig, page: PageToRender): string {
  const root = page.root ?? pageLinks(page.path).root;
  return indexFileLinks(layoutPage(templates, config, page, root), root);
}

/** The template every page's own is rendered inside. */
export const PAGE_LAYOUT = 'web/layout.html';

function layoutPage(templates: TemplateSet, config: SiteConfig, page: PageToRender, root: string): string {
  const newsletter = { name: config.name, description: config.description, baseUrl: config.baseUrl, language: config.language, direction: textDirection(config.language), ...newsletterWords(config.words, config.language) };
  const body = siteRelative(templates.render(page.template, { ...page.view, root, newsletter }), config.baseUrl, root);
  const canonical = new URL(page.path.replace(/index\.html$/, ''), config.baseUrl).href;
  return templates.render(PAGE_LAYOUT, {
    title: page.title ? `${page.title} · ${config.name}` : config.name,
    description: config.description,
    canonical,
    root,
    newsletter,
    // KaTeX's stylesheet only where a formula is.
    math: body.includes('class="katex"'),
    script: page.script,
    noindex: page.noindex === true,
    body,
  });
}

/**
 * `body` with each `href` and `src` under `baseUrl` relative to the page
 * (`root`): the page then shows the site's own files from wherever it is
 * read (`serve --dev` on localhost, a copy opened from disk, a staging
 * host) where an absolute `src` loaded the published site's copy, or
 * nothing offline. On the site at `baseUrl` both lead to the same file.
 * Only the body: the layout's canonical link names the published address
 * on purpose. Only attributes (index-file-links.ts `inTag`): a text that
 * shows HTML naming the site (`<a href="https://…/">` in a code span, an
 * "embed us" snippet) is shown as written, as the email shows it.
 */
function siteRelative(body: string, baseUrl: string, root: string): string {
  const relative = (html: string, attribute: string) => html.replaceAll(`${attribute}="${baseUrl}`, (written, offset: number) => (inTag(html, offset) ? `${attribute}="${root}` : written));
  return relative(relative(body, 'href'), 'src');
}
