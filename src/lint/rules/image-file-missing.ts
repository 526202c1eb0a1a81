import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Definition, Image, ImageReference } from 'mdast';
import { closest } from '../../diagnostics/did-you-mean.js';
import type { FileRule } from '../types.js';
import { siteFilePaths } from '../site-files.js';
import { nodesOfType, textsOf } from './markdown-texts.js';

/**
 * An image of the site's own (`img/chart.png`, `/img/chart.png`, or an
 * `https://` URL under `baseUrl`) is a file of `staticDir`, which the build
 * copies into the site at its path (`static/img/chart.png` →
 * `img/chart.png`): one that is not there is a broken image on the page, in
 * the feeds and in every subscriber's email. Said at the image, with the
 * file looked for and, when one is near, the file likely meant: the same
 * path in another case (a site's host tells `Chart.PNG` from `chart.png`,
 * though a Mac's disk does not), the path without the folder's own name
 * (`static/img/chart.png`), another extension (`chart.jpg`), or a path a
 * typo or two away. An image of another host is not looked for (the
 * archive links to it: archive/remote-images.ts), nor one under `assets/`,
 * the build's own files.
 *
 * ok:     `![A chart](img/chart.png)` with `static/img/chart.png`; `![A chart](https://example.org/chart.png)`
 * not ok: `![A chart](img/Chart.png)` with `static/img/chart.png` → Unexpected image `img/Chart.png`: `static/img/Chart.png` does not exist, so the image is broken in the email and on the page; expected `img/chart.png` (`static/img/chart.png`)
 */
const rule: FileRule = {
  id: 'image-file-missing',
  severity: 'error',
  scope: 'file',
  doc: "An image under baseUrl (`img/chart.png`, `/img/chart.png`) is a file of staticDir (`static/img/chart.png`), else it is broken in the email and on the page; names the file likely meant",
  inputs: { config: ['baseUrl'], siteFiles: true },
  check({ issue, config, report, nodePosition }) {
    let files: ReadonlySet<string> | undefined | null = null;
    for (const text of textsOf(issue)) {
      const definitions = new Map(nodesOfType(text, 'definition').map((node) => [node.identifier, node]));
      const images: (readonly [Image | ImageReference, string])[] = [
        ...nodesOfType(text, 'image').map((node) => [node, node.url] as const),
        ...nodesOfType(text, 'imageReference').flatMap((node) => urlOf(definitions.get(node.identifier)).map((url) => [node, url] as const)),
      ];
      for (const [node, url] of images) {
        const path = sitePathOf(url, config.baseUrl);
        if (path === undefined) continue;
        // Listed once a file names an image of the site's: most issues have none.
        files ??= siteFilePaths(config);
        if (files === undefined || files.has(path)) continue;
        const file = (sitePath: string) => relative(config.root, join(config.staticDir, sitePath)).split('\\').join('/');
        const meant = nearestFile(path, files);
        const expected = meant === undefined ? `expected a file of staticDir (\`${file('')}/\`) or an image's \`https://\` URL` : `expected \`${written(url, meant, config.baseUrl)}\` (\`${file(meant)}\`)`;
        // A file there that the site leaves out: a hidden one (`.chart.png`, in `.drafts/`), or one of dataDir.
        const why = existsSync(join(config.staticDir, path)) ? 'is left out of the site (hidden, or in dataDir)' : 'does not exist';
        report({ message: `Unexpected image \`${url}\`: \`${file(path)}\` ${why}, so the image is broken in the email and on the page; ${expected}`, position: nodePosition(text, node) });
      }
    }
  },
};
export default rule;

/** A reference's definition's URL, when it has one. */
function urlOf(definition: Definition | undefined): string[] {
  return definition ? [definition.url] : [];
}

/**
 * The path under `baseUrl` an image URL names, as the build resolves it
 * (render/links.ts: against `baseUrl`), its query and fragment left out,
 * decoded and composed as the site's files are named; undefined for an
 * image of another host or outside `baseUrl`'s path (`/x.png` under
 * `https://example.org/news/`: another site's, maybe), of the build's own
 * files (`assets/`), or not a file's (a folder, the site itself).
 */
function sitePathOf(url: string, baseUrl: string): string | undefined {
  const trimmed = url.trim();
  if (trimmed === '' || trimmed.startsWith('#') || !URL.canParse(trimmed, baseUrl)) return undefined;
  const resolved = new URL(trimmed, baseUrl);
  resolved.search = '';
  resolved.hash = '';
  if (!resolved.href.startsWith(baseUrl)) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(resolved.href.slice(baseUrl.length)).normalize('NFC');
  } catch {
    return undefined;
  }
  return path === '' || path.endsWith('/') || path.startsWith('assets/') ? undefined : path;
}

/**
 * The site's file `path` was likely meant as, if one is near: the same
 * path in another case, a tail of it (`static/img/a.png` → `img/a.png`),
 * the same name with another extension, else the path nearest by edits.
 */
function nearestFile(path: string, files: ReadonlySet<string>): string | undefined {
  const all = [...files];
  const folded = path.toLowerCase();
  const sameCase = all.find((file) => file.toLowerCase() === folded);
  if (sameCase) return sameCase;
  const parts = path.split('/');
  for (let start = 1; start < parts.length; start++) {
    const tail = parts.slice(start).join('/');
    if (files.has(tail)) return tail;
  }
  const stem = withoutExtension(folded);
  const otherExtension = all.find((file) => withoutExtension(file.toLowerCase()) === stem);
  return otherExtension ?? closest(path, all);
}

function withoutExtension(path: string): string {
  return path.replace(/(?<=[^/])\.[^./]*$/, '');
}

/** `meant` written as `url` was: an absolute URL, a path from the host (`/news/img/a.png`) or one relative to `baseUrl`. */
function written(url: string, meant: string, baseUrl: string): string {
  const encoded = encodeURI(meant);
  if (/^[a-z][a-z0-9+.-]*:/i.test(url.trim())) return `${baseUrl}${encoded}`;
  if (url.trim().startsWith('/')) return `${new URL(baseUrl).pathname}${encoded}`;
  return encoded;
}
