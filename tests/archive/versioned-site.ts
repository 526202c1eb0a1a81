import { openSite, writeSite } from '../../src/archive/site-writer.js';

/** The pages of the versioned site: a page each, in a folder of its own, as a built site's are. */
const PAGES = 1000;

/**
 * The files of a site of `PAGES` pages in a version: nine pages in ten show
 * it (as pages show a setting), the others do not, and one page exists in
 * that version only.
 */
export function siteIn(version: string) {
  const pages = Array.from({ length: PAGES }, (_, i) => {
    const shown = i % 10 === 0 ? 'every-version' : version;
    return { path: `papers/p${i}/index.html`, key: `${shown}-${i}`, contents: () => `<p>${i} in ${shown}</p>\n`.repeat(20) };
  });
  return [...pages, { path: `papers/only-${version}/index.html`, key: version, contents: () => `only in ${version}` }];
}

/** Writes `siteIn(version)` at `out` as a build does (`writeSite`), in place of what it holds: by the tests, and by the processes they start and kill. */
export function writeVersion(out: string, version: string): Promise<number> {
  return writeSite(out, siteIn(version), { site: version, maker: 'paperboy test', shape: 's', outputs: new Map() }, openSite(out, 'paperboy test', true), {});
}
