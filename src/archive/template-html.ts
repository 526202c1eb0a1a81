import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCacheJson, writeCacheFile } from '../cache-file.js';
import type { TemplateProblem } from '../render/template-errors.js';
import { BUILTIN_TEMPLATES_DIR, pageTemplatesHash, TEMPLATE_EXTENSION } from '../render/template-files.js';
import type { TemplateSet } from '../render/templates.js';
import { PAGE_LAYOUT } from './page-render.js';
import { tagPlace, type TemplateText } from './template-place.js';

/**
 * The HTML mistakes of a newsletter's own templates, found in the pages
 * they render: an unclosed `<div>`, a stray `</p>`, an id given twice, an
 * `<a>` inside an `<a>`. Such a template built without a word, and browsers
 * then repaired each page their own way (a footer inside an unclosed
 * `<div>` took its column; a link in a link was cut in two). A page's
 * line is no use to its editor: each mistake names the template file that
 * made the page, the page, and html-validate's rule and words, at the
 * line and column of the tag in the template where its text tells
 * (template-place.ts), else at 1:1, the template as a whole.
 *
 * Cost: nothing when every template of the site is the built-in one (the
 * 1,000-issue bench builds with those: html-validate is not even loaded);
 * else one page per template is checked (some 0.1–0.6 s each on a loaded
 * machine here), only when a template it reads changed since the last
 * check (a hash of them per page, kept with its mistakes in
 * `<dataDir>/cache/template-html.json`); between, the mistakes found are
 * said again from there. Warnings: the site is built and published as the
 * templates write it (what a reader sees never changes).
 */

/** A page to check: the template rendering it (`web/index.html`, `email.html`) and its path in the site. */
type Samples = ReadonlyMap<string, string>;

/** Another layout of the store is ignored. */
const FORMAT = 'paperboy-template-html-3';

/**
 * The rules checked: HTML a browser must repair (html-validate's names).
 * Style and accessibility advice (its "recommended" set) are not a
 * template's mistakes the build should report; the built-in templates
 * pass every rule here (tests/archive/template-html.test.ts).
 */
const RULES = {
  'close-attr': 'error',
  'close-order': 'error',
  'no-dup-attr': 'error',
  'no-dup-id': 'error',
  'void-content': 'error',
  'element-permitted-content': 'error',
  'element-permitted-occurrences': 'error',
  'element-permitted-order': 'error',
  'element-permitted-parent': 'error',
  'element-required-ancestor': 'error',
} as const;

/** Mistakes said per page: the first ones show what to fix; a `<div>` left open is reported again at every later end tag. */
const PER_PAGE = 5;

/**
 * The mistakes of `templates` that are the newsletter's (not built in),
 * checked in the pages of `samples` as written to `outDir`, as warnings
 * (TemplateProblem, file:1:1: the template as a whole). `dataDir`: where
 * the last check is kept; undefined with `--no-cache` (checked each build
 * whose templates are the newsletter's). A page that cannot be read is not
 * checked.
 */
export async function templateHtmlProblems(templates: TemplateSet, samples: Samples, outDir: string, dataDir: string | undefined): Promise<TemplateProblem[]> {
  const own = (name: string) => {
    const file = templates.files.get(name);
    return file !== undefined && !file.startsWith(BUILTIN_TEMPLATES_DIR);
  };
  // Each page with the templates it is rendered with, those of the newsletter's own among them.
  const pages = [...samples]
    .map(([root, path]) => ({ root, path, reads: [...readsOf(templates, root)] }))
    .filter(({ reads }) => reads.some(own))
    .sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
  if (pages.length === 0) return [];
  const store = dataDir && join(dataDir, 'cache', 'template-html.json');
  const stored = store ? (readCacheJson(store) as { format?: unknown; pages?: unknown } | undefined) : undefined;
  const before = new Map<string, { key: string; problems: TemplateProblem[] }>(stored?.format === FORMAT && Array.isArray(stored.pages) ? (stored.pages as [string, { key: string; problems: TemplateProblem[] }][]) : []);
  let validator: { validateStringSync(html: string, path: string): { results: { messages: PageMessage[] }[] } } | undefined;
  const found = new Map<string, { key: string; problems: TemplateProblem[] }>();
  for (const { root, path, reads } of pages) {
    // Checked again only when a template it reads changed (as its key in site-plan.ts): editing one template under `serve --dev` checks one page.
    const key = pageTemplatesHash(reads, templates.texts);
    const known = before.get(root);
    if (known?.key === key) {
      found.set(root, known);
      continue;
    }
    let html: string;
    try {
      html = readFileSync(join(outDir, path), 'utf8');
    } catch {
      continue;
    }
    // Loaded only here: most newsletters keep the built-in templates, and a build of them never pays for it.
    validator ??= new (await import('html-validate')).HtmlValidate({ extends: [], rules: RULES });
    const messages = validator.validateStringSync(html, path).results.flatMap((result) => result.messages);
    found.set(root, { key, problems: problemsOf(templates, { reads, own: reads.filter(own) }, { path, html }, messages) });
  }
  if (store && validator) {
    try {
      writeCacheFile(store, `${JSON.stringify({ format: FORMAT, pages: [...found] })}\n`);
    } catch {
      // A store that cannot be written costs the next build the check.
    }
  }
  return [...found.values()].flatMap(({ problems }) => problems);
}

/** An html-validate message: its rule, its words, and where in the page (UTF-16 units from its start). */
interface PageMessage {
  ruleId: string;
  message: string;
  offset: number;
}

/**
 * The first `PER_PAGE` of `messages` (html-validate's, for `page`) as
 * warnings, and how many more: each at its tag's place in the newsletter's
 * own template that wrote it (`reads`: every template the page is rendered
 * with, built-in ones too, so that a tag written alike in one of those is
 * not taken for the newsletter's), else on the first of `own`.
 */
function problemsOf(templates: TemplateSet, blamed: { reads: readonly string[]; own: readonly string[] }, page: { path: string; html: string }, messages: readonly PageMessage[]): TemplateProblem[] {
  // The texts the page was rendered from (`TemplateSet.texts`), not the files again: one edited since would place the tag by its new text.
  const texts = blamed.reads.flatMap((name): TemplateText[] => {
    const text = templates.texts.get(name);
    return text === undefined ? [] : [{ name, text }];
  });
  const problems = messages.slice(0, PER_PAGE).map(({ ruleId, message, offset }) => {
    const place = tagPlace(page.html, offset, texts);
    return place && blamed.own.includes(place.name) ? problemAt(templates.files.get(place.name)!, place, page.path, ruleId, message) : problemOf(templates, blamed.own, page.path, ruleId, message);
  });
  const more = messages.length - PER_PAGE;
  if (more > 0) problems.push({ file: templates.files.get(blamed.own[0]!)!, line: 1, column: 1, reason: `Unexpected ${more} more HTML mistake${more === 1 ? '' : 's'} in \`${page.path}\`, which this template renders; expected valid HTML` });
  return problems;
}

/** The templates rendering the page of template `root`, it first: an archive page's layout and partials too, an email's partials. */
function readsOf(templates: TemplateSet, root: string): Set<string> {
  const roots = root.startsWith('web/') ? [root, PAGE_LAYOUT] : [root];
  return new Set([...roots, ...templates.reads(roots)]);
}

/**
 * One mistake as a template's warning: on the first of `blamed` (template
 * names: the page's own template when it is the newsletter's, then its
 * layout and partials), naming the others in templatesDir when there are
 * several (which of them wrote the tag, the page cannot tell).
 */
function problemOf(templates: TemplateSet, blamed: readonly string[], path: string, ruleId: string, message: string): TemplateProblem {
  const others = blamed.length > 1 ? ` (or by ${blamed.slice(1).map((name) => `\`${name}${TEMPLATE_EXTENSION}\``).join(', ')} of templatesDir, which it is rendered with)` : '';
  return { file: templates.files.get(blamed[0]!)!, line: 1, column: 1, reason: mistake(path, others, ruleId, message) };
}

/** One mistake at the place of its tag in the template `file` that wrote it. */
function problemAt(file: string, place: { line: number; column: number }, path: string, ruleId: string, message: string): TemplateProblem {
  return { file, line: place.line, column: place.column, reason: mistake(path, '', ruleId, message) };
}

function mistake(path: string, others: string, ruleId: string, message: string): string {
  return `Unexpected invalid HTML in \`${path}\`, which this template renders${others}: ${message} (html-validate ${ruleId}), expected ${EXPECTED[ruleId] ?? 'valid HTML'}`;
}

/** What each rule asks, in the message's "expected" part. */
const EXPECTED: Record<string, string> = {
  'close-order': 'every element closed once, in the order opened',
  'no-dup-id': 'each id once on a page',
  'no-dup-attr': 'each attribute once on an element',
  'close-attr': 'no attribute on an end tag',
  'void-content': 'no end tag for a void element (`<br>`, `<img>`)',
  'element-permitted-content': 'each element only where HTML permits it',
  'element-permitted-occurrences': 'each element only where HTML permits it',
  'element-permitted-order': 'each element only where HTML permits it',
  'element-permitted-parent': 'each element only where HTML permits it',
  'element-required-ancestor': 'each element only where HTML permits it',
};
