import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Image, ImageReference } from 'mdast';
import { closest } from '../diagnostics/did-you-mean.js';
import { markdownTexts, type Issue, type MarkdownText } from './model.js';
import { nodesInTree } from './tree-index.js';

/**
 * The images of an issue that are files of the site's own (`staticDir`,
 * copied into the site at their paths: `static/img/chart.png` →
 * `img/chart.png`), and what to say of one the site lacks: what lint's
 * `image-file-missing` reports and `build` says of the issues it publishes.
 */

/** An image of the site's own in one of an issue's texts: as written (`url`), and the site path it names. */
export interface SiteImageNode {
  node: Image | ImageReference;
  text: MarkdownText;
  url: string;
  path: string;
}

/**
 * Every image of the issue's texts (`![a](url)`, and `![a][ref]` by its
 * definition in the same text) whose URL names a file under `baseUrl`
 * (`sitePathOf`), in the order of the texts.
 */
export function siteImages(issue: Issue | undefined, baseUrl: string): SiteImageNode[] {
  const found: SiteImageNode[] = [];
  for (const text of issue ? markdownTexts(issue) : []) {
    const definitions = new Map(nodesInTree(text.tree, 'definition').map((node) => [node.identifier, node.url]));
    const images: (readonly [Image | ImageReference, string | undefined])[] = [
      ...nodesInTree(text.tree, 'image').map((node) => [node, node.url] as const),
      ...nodesInTree(text.tree, 'imageReference').map((node) => [node, definitions.get(node.identifier)] as const),
    ];
    for (const [node, url] of images) {
      const path = url === undefined ? undefined : sitePathOf(url, baseUrl);
      if (url !== undefined && path !== undefined) found.push({ node, text, url, path });
    }
  }
  return found;
}

/**
 * The path under `baseUrl` an image URL names, as every output resolves it
 * (render/links.ts: against `baseUrl`), its query and fragment left out,
 * decoded and composed (NFC) as the site's files are named; undefined for
 * an image of another host or outside `baseUrl`'s path (`/x.png` under
 * `https://example.org/news/`: maybe another site's), of the build's own
 * files (`assets/`), or of no file (a folder, the site itself).
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

/** The folders a message names files by: the newsletter's, and the one of its site's own files. */
interface Folders {
  root: string;
  staticDir: string;
  baseUrl: string;
}

/**
 * What to say of an image (`url` as written, naming `path`) that is not
 * among the site's `files`, in lint's words: the file looked for, and the
 * one likely meant when one is near (`nearestFile`), written as `url` was.
 */
export function missingImageMessage(image: Pick<SiteImageNode, 'url' | 'path'>, files: ReadonlySet<string>, folders: Folders): string {
  const file = (sitePath: string) => relative(folders.root, join(folders.staticDir, sitePath)).split('\\').join('/');
  const meant = nearestFile(image.path, files);
  const expected = meant === undefined ? `expected a file of staticDir (\`${file('')}/\`) or an image's \`https://\` URL` : `expected \`${written(image.url, meant, folders.baseUrl)}\` (\`${file(meant)}\`)`;
  // A file there that the site leaves out: a hidden one (`.chart.png`, in `.drafts/`), or one of dataDir.
  const why = existsSync(join(folders.staticDir, image.path)) ? 'is left out of the site (hidden, or in dataDir)' : 'does not exist';
  return `Unexpected image \`${image.url}\`: \`${file(image.path)}\` ${why}, so the image is broken in the email and on the page; ${expected}`;
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
  return all.find((file) => withoutExtension(file.toLowerCase()) === stem) ?? closest(path, all);
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
