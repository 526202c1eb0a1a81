import { join } from 'node:path';
import type { Config } from '../config/load.js';
import { readRegularFileHead } from '../regular-file.js';
import { feedIdBase } from './feed-issues.js';

/**
 * Bytes of `atom.xml` read for the feed's own `<id>`: `feed` 6 writes it
 * after the title, before the links, the author and the description (a few
 * hundred bytes each at most), and the first `<entry>` after those.
 */
const ATOM_HEAD = 64 * 1024;

/**
 * The base the feeds of the site in `outDir` made their ids under (the
 * Atom feed's own `<id>`, feed-issues.ts `feedIdBase`), when that site's feeds
 * hold an entry; undefined for no site, no feed, or a feed of no issue
 * (no reader has an entry to show again). Read before a build replaces the
 * site: it is the only record of the ids feed readers were given, since
 * `baseUrl` itself says nothing of where it was before.
 */
export function builtFeedIdBase(outDir: string): string | undefined {
  // Without blocking, and only a regular file (as site-marker.ts reads the marker).
  const head = readRegularFileHead(join(outDir, 'atom.xml'), ATOM_HEAD);
  if (head === undefined) return undefined;
  const entry = head.indexOf('<entry>');
  if (entry === -1) return undefined;
  // The feed's `<id>` comes before its first entry; an entry's own ids come after.
  return /<id>([^<]*)<\/id>/.exec(head.slice(0, entry))?.[1]?.replaceAll('&amp;', '&');
}

/**
 * The warning for a build whose feeds' ids moved from `before`
 * (`builtFeedIdBase` of the site it replaced) to the config's base, or
 * undefined when they did not: a feed reader knows an entry by its id
 * alone, so each issue the feeds hold would show again as new. Says the
 * one line that keeps them (`feedIdBase`, docs/config.md "Moving baseUrl").
 * A `feedIdBase` written in the config is the editor's choice of ids (the
 * fix itself, after a build that moved them): not warned of.
 */
export function feedIdsMovedWarning(before: string | undefined, config: Pick<Config, 'baseUrl' | 'feedIdBase'>, configFile: string): string | undefined {
  const now = feedIdBase(config);
  if (before === undefined || before === now || config.feedIdBase !== undefined) return undefined;
  return (
    `paperboy: warning: the feeds' entries were given ids under ${before} and now under ${now}` +
    ` (baseUrl changed): feed readers will show every issue in feed.xml, atom.xml and feed.json again as new.\n` +
    `  To keep their ids, set \`feedIdBase: ${before}\` in ${configFile} and build again (docs/config.md, "Moving baseUrl"). Said once, by the build that changed them.\n`
  );
}
