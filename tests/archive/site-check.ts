import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { load } from 'cheerio/slim';

/** Every file of a built site, `/`-separated paths relative to it, sorted. */
export function siteFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** A sha256 per file: two builds are byte-identical when these are equal. */
export function siteDigest(dir: string): Record<string, string> {
  return Object.fromEntries(siteFiles(dir).map((path) => [path, createHash('sha256').update(readFileSync(join(dir, path))).digest('hex')]));
}

/** `siteDigest` without the marker (`.paperboy-site`), which a rebuild and a clean build write differently (its keys, its parts): what must be byte-identical. */
export function pagesDigest(dir: string): Record<string, string> {
  const { ['.paperboy-site']: _marker, ...pages } = siteDigest(dir);
  return pages;
}

/**
 * A page's links (each element's `href` and `src`, in document order) and
 * ids, read as a browser reads attributes, their character references
 * decoded: code about HTML that a page shows (`<a href="x.html">` in a
 * `<code>`, written `&lt;a href="x.html"&gt;`) is text, no link and no id,
 * which a pattern over the page's source took for one.
 */
function pageAttributes(html: string): { links: { name: 'href' | 'src'; value: string }[]; ids: string[] } {
  const $ = load(html);
  const links = $('[href], [src]')
    .toArray()
    .flatMap((element) => (['href', 'src'] as const).flatMap((name) => (element.attribs[name] === undefined ? [] : [{ name, value: element.attribs[name] }])));
  return { links, ids: $('[id]').toArray().map((element) => element.attribs.id!) };
}

/**
 * The internal link checker: every `href` and `src` of every HTML page
 * that points into the site (relative, or absolute under `baseUrl`) names
 * a file that exists (a folder: its `index.html`), and its `#fragment` an
 * id of that page. Returns one line per broken link; links to other hosts
 * are not followed (a test asserts separately that pages load nothing
 * from elsewhere).
 */
export function brokenLinks(dir: string, baseUrl: string): string[] {
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    let found = ids.get(file);
    if (!found) {
      found = new Set(pageAttributes(readFileSync(file, 'utf8')).ids);
      ids.set(file, found);
    }
    return found;
  };
  const broken: string[] = [];
  for (const path of siteFiles(dir).filter((file) => file.endsWith('.html') && !file.endsWith('email.html'))) {
    const file = join(dir, path);
    const pageUrl = new URL(path, baseUrl);
    for (const { name, value } of pageAttributes(readFileSync(file, 'utf8')).links) {
      const target = new URL(value, pageUrl);
      if (!target.href.startsWith(baseUrl)) continue;
      const local = join(dir, decodeURIComponent(target.pathname.slice(new URL(baseUrl).pathname.length)));
      const resolved = existsSync(local) && statSync(local).isDirectory() ? join(local, 'index.html') : local;
      if (!existsSync(resolved)) {
        broken.push(`${path}: ${name}="${value}" (no ${relative(dir, resolved)})`);
        continue;
      }
      const fragment = decodeURIComponent(target.hash.slice(1));
      if (fragment && resolved.endsWith('.html') && !idsOf(resolved).has(fragment)) broken.push(`${path}: ${name}="${value}" (no id "${fragment}" in ${relative(dir, resolved)})`);
    }
  }
  return broken;
}

/**
 * What is wrong with one page's links within itself: an `href="#…"` with no
 * element of that id (the fragment as written, else percent-decoded, as a
 * browser looks for it), or an id given twice. Empty when every such link
 * lands on its one element; for the email too, which `brokenLinks` skips.
 */
export function inPageLinkProblems(html: string): string[] {
  const { links, ids } = pageAttributes(html);
  const known = new Set(ids);
  const problems = ids.filter((id, i) => ids.indexOf(id) !== i).map((id) => `id "${id}" given twice`);
  for (const { name, value } of links) {
    if (name !== 'href' || !value.startsWith('#')) continue;
    const fragment = value.slice(1);
    if (!known.has(fragment) && !known.has(decodedFragment(fragment))) problems.push(`href="#${fragment}" lands on no element`);
  }
  return problems;
}

function decodedFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
