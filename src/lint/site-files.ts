import type { Config } from '../config/load.js';
import { staticSources } from '../config/static-sources.js';
import { isPaperboyError } from '../errors.js';
import { sha256 } from '../sha256.js';

type SiteFilesConfig = Pick<Config, 'staticDir' | 'dataDir' | 'root'>;

/**
 * The paths under `baseUrl` of the newsletter's own files, as a build
 * publishes them (`staticDir`: config/static-sources.ts `staticSources`,
 * `static/img/chart.png` → `img/chart.png`, names composed, hidden files
 * and `dataDir` left out); empty when `staticDir` is missing. Undefined
 * when the folder cannot be listed as a build would list it (a link
 * leading out of the newsletter, a name that is not UTF-8): `build` stops
 * there, naming the file, and a rule reading these says nothing meanwhile.
 */
export function siteFilePaths(config: SiteFilesConfig): ReadonlySet<string> | undefined {
  try {
    return new Set(staticSources(config.staticDir, config.root, config.dataDir).keys());
  } catch (error) {
    if (isPaperboyError(error)) return undefined;
    throw error;
  }
}

/** What the lint cache keys on for a rule reading the site's files (`inputs.siteFiles`): a hash of their paths, sorted. */
export function siteFilesFingerprint(config: SiteFilesConfig): string {
  const paths = siteFilePaths(config);
  return paths === undefined ? 'unlisted' : sha256([...paths].join('\n'));
}
