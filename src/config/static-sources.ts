import { existsSync, lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { pathWithin } from '../path-within.js';
import { PaperboyError } from '../errors.js';

/**
 * The newsletter's own files for its site (`staticDir`, by default
 * `static/`): images an issue shows under `baseUrl` (`![A chart](https://
 * digest.example.org/img/chart.png)`), a `robots.txt`, a `CNAME`, a
 * favicon. Each is copied into the site at its path in the folder
 * (`static/img/chart.png` → `img/chart.png`, its name composed:
 * `sitePathOf`), as Hugo and Eleventy copy
 * theirs; a file put into the output folder by hand is not kept by a build
 * that writes the site whole (`--no-cache`), so this is where such files
 * live. Hidden files and folders (`.DS_Store`, `.git`) are left out, but
 * for `.well-known/` at the top (RFC 8615: `security.txt`, a Mastodon or
 * an app's association file, which `serve` answers too); so is `dataDir`
 * when it lies in the folder (`dataDir: static/data`: `leftOut`); a link
 * to a file is followed when the file is the newsletter's and not private
 * (`insideProject`, else STATIC_LINK_OUTSIDE or STATIC_LINK_PRIVATE), a link to a folder is not (a loop would never
 * end); a FIFO or socket is left out. Site path → source file, sorted by
 * path; none when the folder is missing.
 */
export function staticSources(staticDir: string, root: string, dataDir: string): Map<string, string> {
  const files = new Map<string, string>();
  const inside = insideProject(staticDir, root, dataDir);
  const isData = folderIs(dataDir);
  const visit = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && dir === staticDir) return;
      throw unreadable(staticDir, dir, error);
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (hiddenName(entry.name, dir === staticDir)) continue;
      const path = join(dir, entry.name);
      if (CONTROL.test(entry.name)) throw controlInName(path);
      if (notUtf8(entry.name, path)) throw nameNotUtf8(path);
      if (entry.isDirectory()) {
        if (!isData(path)) visit(path);
      } else if (entry.isFile() || (entry.isSymbolicLink() && linksToFile(path) && inside(path))) publish(sitePathOf(staticDir, path), path);
    }
  };
  const publish = (sitePath: string, path: string) => {
    const other = files.get(sitePath);
    if (other !== undefined) throw sameNameTwice(other, path, sitePath);
    files.set(sitePath, path);
  };
  visit(staticDir);
  return files;
}

/** The one hidden folder of `staticDir` published (RFC 8615's well-known URIs), at its top. */
const WELL_KNOWN = '.well-known';

/** Whether a file or folder of `staticDir` named `name` (`atTop`: right in it) is left out as hidden: a leading dot, but for `WELL_KNOWN` at the top. */
function hiddenName(name: string, atTop: boolean): boolean {
  return name.startsWith('.') && !(atTop && name === WELL_KNOWN);
}

/**
 * Given `dataDir`, a test of a folder: whether it is `dataDir` (by its
 * path, or through links, by its real path). The subscriber database,
 * the send journals and the caches are never the site's, and `dataDir:
 * static/data` published `data/paperboy.db` (every subscriber's address)
 * for anyone to download; a build, writing its caches there, also found
 * them changed as it copied them.
 */
function folderIs(dataDir: string): (path: string) => boolean {
  const data = resolve(dataDir);
  const real = existsSync(data) ? realpathSync(data) : data;
  return (path) => {
    if (resolve(path) === data) return true;
    try {
      return realpathSync(path) === real;
    } catch {
      return false;
    }
  };
}

/**
 * A file's path in the site: its path under `staticDir`, `/`-separated, in
 * Unicode's composed form (NFC). A name saved decomposed (NFD: macOS writes
 * many so, `café` as `cafe` and a combining accent) was published as it
 * was, and the address a link or a browser's address bar carries, composed
 * as text is written (W3C's Character Model asks NFC of the Web), answered
 * 404 from `serve` and from a static host on Linux (nginx, GitHub Pages),
 * which compare bytes; on HFS+ the name cannot even be saved composed.
 */
function sitePathOf(staticDir: string, path: string): string {
  return relative(staticDir, path).split(sep).join('/').normalize('NFC');
}

/**
 * Two files of `staticDir` published at one site path (`sitePathOf`): the
 * same name written composed and decomposed, which Linux keeps apart and
 * macOS takes for one. Refused (STATIC_FILE_NAME, exit 2) naming both:
 * one would replace the other in silence.
 */
function sameNameTwice(first: string, second: string, sitePath: string): PaperboyError {
  return new PaperboyError('STATIC_FILE_NAME', `Unexpected file ${JSON.stringify(second)}: its name is ${JSON.stringify(first)}'s written another way (Unicode's composed and decomposed forms of the same letters), and both would be published at \`${sitePath}\`, expected one file per name`, {
    hint: 'Remove or rename one of the two (`ls | od -c` shows their bytes).',
  });
}

/**
 * Whether the link at `path` leads to a file (not a folder, a FIFO, or
 * nothing: a broken link is left out, one through a file, `notes.txt/x`,
 * too; it was an "internal error", ENOTDIR). A loop of links (`a` → `b` → `a`)
 * throws STATIC_LINK_LOOP (exit 2) naming it: it was an "internal error"
 * (ELOOP) with a stack trace.
 */
function linksToFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    // Broken through a file on the way (`notes.txt/x`): nothing there, as for a missing target.
    if (code === 'ENOTDIR') return false;
    if (code !== 'ELOOP') throw error;
    throw new PaperboyError('STATIC_LINK_LOOP', `Unexpected link ${path}: it leads back to itself through other links, expected a link to a file`, {
      hint: 'Remove the link, or point it at the file to publish.',
    });
  }
}

/** A control character (a line break, a tab): no URL has one, and the site's marker lists a file a line each. */
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * A file or folder of `staticDir` whose name holds a control character:
 * refused (STATIC_FILE_NAME, exit 2), the name shown with its escapes. A
 * line break in it split the marker's line: a build after nothing changed
 * wrote it again, and one after its removal left it published.
 */
function controlInName(path: string): PaperboyError {
  return new PaperboyError('STATIC_FILE_NAME', `Unexpected control character in the name ${JSON.stringify(path)}, expected a name of letters, digits, spaces and signs`, {
    hint: 'Rename it without the line break or tab: a web address cannot carry one.',
  });
}

/**
 * Whether the name of an entry read from a folder is not the one on disk:
 * bytes that are no UTF-8 (a Latin-1 `café.txt` from an old archive) read
 * as U+FFFD, and nothing is at the path they make.
 */
function notUtf8(name: string, path: string): boolean {
  return name.includes('\uFFFD') && lstatSync(path, { throwIfNoEntry: false }) === undefined;
}

/**
 * A file or folder of `staticDir` whose name is not UTF-8: refused
 * (STATIC_FILE_NAME, exit 2). It stopped the build as a file "not found",
 * with a hint to change its permissions.
 */
function nameNotUtf8(path: string): PaperboyError {
  return new PaperboyError('STATIC_FILE_NAME', `Unexpected name ${path}: it is not written in UTF-8 (� stands for what is not), expected a name a web address can carry`, {
    hint: 'Rename it (for example with `convmv -f latin1 -t utf-8 --notest`), or move it out of staticDir.',
  });
}

/**
 * Given the project, a test of a link of `staticDir` to a file (or of
 * another folder whose files the site holds as they are: templatesDir's web
 * assets, `copyInto` naming where to copy the file instead): true when
 * the file lies in the newsletter's folder (`root`) or in `staticDir`,
 * neither hidden there (a name starting with `.` on its way: `.env`,
 * `.git/config`, `.paperboy/`) nor in `dataDir` (the subscriber database,
 * the send journals); else it throws STATIC_LINK_OUTSIDE or
 * STATIC_LINK_PRIVATE (exit 2) naming the link and where it leads. A link
 * to `~/.ssh/id_rsa`, or `ln -s ../.paperboy/paperboy.db static/list.db`,
 * published that file to the world, where `serve` already refuses to
 * follow a link out of the site; the build copies no hidden file of
 * `staticDir` itself either.
 */
export function insideProject(staticDir: string, root: string, dataDir: string, copyInto = 'staticDir'): (link: string) => true {
  // staticDir first: a link to one of its own files is judged from it (a `staticDir: .site` is no hidden file's folder).
  const allowed = [...(existsSync(staticDir) ? [realpathSync(staticDir)] : []), realpathSync(root)];
  const data = existsSync(dataDir) ? realpathSync(dataDir) : resolve(dataDir);
  return (link) => {
    const target = realpathSync(link);
    const folder = allowed.find((candidate) => pathWithin(candidate, target));
    if (folder === undefined) {
      throw new PaperboyError('STATIC_LINK_OUTSIDE', `Unexpected link ${link}: it leads to ${target}, outside the newsletter's folder ${root}, expected the site's own files inside it`, {
        hint: `Copy the file into ${copyInto} to publish it, or remove the link: nothing outside the newsletter is published through a link.`,
      });
    }
    if (pathWithin(data, target) || hiddenWithin(folder, target)) {
      throw new PaperboyError('STATIC_LINK_PRIVATE', `Unexpected link ${link}: it leads to ${target}, one of the newsletter's private files (hidden, or in dataDir), expected a file of the site`, {
        hint: `Copy the file into ${copyInto} under a name without a leading dot to publish it, or remove the link: a hidden file or dataDir (subscribers, send journals) is never published.`,
      });
    }
    return true;
  };
}

/**
 * Where `path`, a file or folder a watcher reports, lies for the site:
 * `copied` for `staticDir` itself (made or removed) or anything in it that
 * `staticSources` reads, `hidden` for what it leaves out (an editor's
 * `.chart.svg.swp`, `dataDir` in it, which each build writes: the site
 * does not change), `outside` else.
 */
export function staticPathKind(staticDir: string, path: string, dataDir: string): 'copied' | 'hidden' | 'outside' {
  if (!pathWithin(staticDir, path)) return 'outside';
  if (pathWithin(resolve(dataDir), resolve(path))) return 'hidden';
  const names = relative(staticDir, path).split(sep);
  return names.some((name, i) => hiddenName(name, i === 0)) ? 'hidden' : 'copied';
}

function unreadable(staticDir: string, dir: string, error: unknown): PaperboyError {
  const { code, message } = error as NodeJS.ErrnoException;
  const what = code === 'ENOTDIR' ? `${dir} is a file` : `${dir} cannot be read (${message})`;
  return new PaperboyError('STATIC_DIR_UNREADABLE', `Cannot copy the site's own files: ${what}`, {
    hint: `\`staticDir\` (${staticDir}) names the folder whose files are copied into the site: make it a readable folder, or set \`staticDir\` to one.`,
  });
}

/** Whether `path`, inside `folder`, is hidden there: a name starting with `.` on its way from `folder` (`.git/config`, `img/.chart.svg.swp`). */
function hiddenWithin(folder: string, path: string): boolean {
  return relative(folder, path).split(sep).some((name) => name.startsWith('.'));
}
