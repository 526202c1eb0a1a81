import type { Definition, Image, Link } from 'mdast';
import type { FileRule } from '../types.js';
import { visitMarkdown } from './markdown-texts.js';

/**
 * A link or image written without a scheme is a path under `baseUrl`
 * (every link of an email must be absolute: render/links.ts), which is
 * what `/about/` or `img/plot.png` (a file of staticDir) mean. Three kinds
 * of such a URL mean something else, and every reader's link is then dead:
 * - a domain written without `https://` (`github.com/x/y`,
 *   `www.example.org`): a page of this site under that name;
 * - an email address without `mailto:` (`ada@example.org`);
 * - a path written from the issue's file (`../notes/a.md`, `./data.csv`):
 *   resolved against baseUrl, not the file, nor the issue's page.
 * A warning naming the address it leads to and the one likely meant; no
 * fix: which was meant is the editor's call.
 *
 * ok:     `[the code](https://github.com/x/y)`; `[about us](/about/)`; `![a plot](img/plot.png)`
 * not ok: `[the code](github.com/x/y)` → Unexpected link `github.com/x/y` without `https://`: it leads to `https://newsletter.example.org/github.com/x/y`, a page of this site; expected `https://github.com/x/y`
 */
const rule: FileRule = {
  id: 'link-url-relative',
  severity: 'warning',
  scope: 'file',
  sent: 'report',
  doc: 'A link or image written without a scheme is meant as a path under baseUrl: not a domain without `https://` (`github.com/x`), an address without `mailto:`, or a path from the issue file (`../notes/a.md`)',
  inputs: { config: ['baseUrl'] },
  check({ issue, config, report, nodePosition }) {
    for (const type of ['link', 'definition', 'image'] as const) {
      visitMarkdown(issue, type, (node, text) => {
        const message = problemOf(node, config.baseUrl);
        if (message !== undefined) report({ message, position: nodePosition(text, node) });
      });
    }
  },
};
export default rule;

function problemOf(node: Link | Definition | Image, baseUrl: string): string | undefined {
  const url = node.url.trim();
  // A scheme (`https:`, `mailto:`, `paper:`), protocol-relative (`//host/`), site-absolute (`/about/`) or in-page (`#x`): meant as written.
  if (url === '' || /^[a-z][a-z0-9+.-]*:|^[/#?]/i.test(url)) return undefined;
  const what = node.type === 'image' ? 'image' : 'link';
  let leadsTo: string;
  try {
    leadsTo = new URL(url, baseUrl).href;
  } catch {
    return undefined;
  }
  if (EMAIL.test(url)) return `Unexpected ${what} \`${url}\` without \`mailto:\`: it leads to \`${leadsTo}\`, a page of this site; expected \`mailto:${url}\``;
  const host = url.split(/[/?#]/, 1)[0]!;
  if (isDomainName(host)) return `Unexpected ${what} \`${url}\` without \`https://\`: it leads to \`${leadsTo}\`, a page of this site; expected \`https://${url}\``;
  if (/^\.\.?\//.test(url)) {
    return `Unexpected ${what} \`${url}\`, a path from the issue's file: links resolve against baseUrl, so it leads to \`${leadsTo}\`; expected an absolute URL (\`https://…\`), or the path under baseUrl of a file of staticDir (\`/img/plot.png\`)`;
  }
  return undefined;
}

const EMAIL = /^[^\s/@?#]+@[^\s/@?#]+\.[a-z]{2,}$/i;

/**
 * Whether `host` reads as a domain name rather than a file's name: `www.`
 * and a dot, or dotted labels ending in one of letters only that is no
 * file extension an issue links to (`notes.md`, `plot.png`, `page.html`
 * are files of the site; `.md` is also Moldova's domain, and a file's
 * name is the likelier reading).
 */
function isDomainName(host: string): boolean {
  if (/^www\.[^.]+\./i.test(host)) return true;
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((label) => /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i.test(label))) return false;
  const last = labels.at(-1)!.toLowerCase();
  return /^[a-z]{2,24}$/.test(last) && !FILE_EXTENSIONS.has(last);
}

/** Extensions of files a newsletter's site serves (staticDir) or an issue links to, which a domain reading must not take. */
const FILE_EXTENSIONS = new Set(
  'atom avif bib bmp css csv doc docx epub gif gz htm html ico ipynb jpeg jpg js json md markdown mjs mov mp3 mp4 odt ogg pdf png ppt pptx py rss svg tar tex tgz tiff toml tsv txt wav webm webp woff woff2 xls xlsx xml yaml yml zip'.split(' '),
);
