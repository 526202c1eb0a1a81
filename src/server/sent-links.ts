import type { Config } from '../config/load.js';
import { joinNames } from '../render/format.js';
import type { SentLinks } from '../send/link-bases.js';
import { sitePath } from './pages.js';
import { isUnsafePath } from './static-site.js';

/** An endpoint the links of mail already sent may lead to at an earlier baseUrl's path. */
export type MovedEndpoint = 'unsubscribe' | 'confirm';

/**
 * The request paths, besides the site's own, at which links of mail
 * already sent arrive, and the endpoint each is: `<path>unsubscribe` under
 * the path of each earlier baseUrl issues were sent with (`/unsubscribe`
 * for mail sent with `https://digest.example.org/` once the site moved to
 * `https://www.example.org/digest/`), and `<path>confirm` under those and
 * under the baseUrl of each confirmation link that may still be followed
 * (`confirmationBases`, Subscriptions.linkBases: a confirmation mailed the
 * hour before a move, or before any issue was sent). Raw as the links
 * carry them (a URL's pathname, percent-encoded). The server answers
 * exactly these paths with their endpoint and nothing else: tokens
 * authenticate themselves (an HMAC over the list and the subscriber, or
 * the request), so where a link arrives adds no trust and takes none away.
 */
export function movedEndpointPaths(links: SentLinks, confirmationBases: readonly string[], config: Pick<Config, 'baseUrl'>): Map<string, MovedEndpoint> {
  const own = sitePath(config);
  const pathsOf = (bases: readonly string[]) => bases.map((baseUrl) => sitePath({ baseUrl })).filter((path) => path !== own);
  const sent = pathsOf(links.bases.map(({ baseUrl }) => baseUrl));
  const paths = new Map<string, MovedEndpoint>();
  for (const path of sent) paths.set(`${path}unsubscribe`, 'unsubscribe');
  // Confirmations sent before their baseUrl was recorded are answered where the issues of their time were.
  for (const path of [...sent, ...pathsOf(confirmationBases)]) paths.set(`${path}confirm`, 'confirm');
  // A path that does not decode (`%ff`, which a URL's pathname keeps) is left out, as the site's own would be refused.
  for (const path of paths.keys()) if (isUnsafePath(path)) paths.delete(path);
  return paths;
}

/**
 * What `serve` says on start about mail sent under another baseUrl, one
 * line each (the server's stderr): which of its links the server still
 * answers (the unsubscribe links, at their old path), which it cannot
 * (a host only the proxy can bring here; "view in browser", images and
 * the archive at their old path, which only a redirect at the proxy can
 * mend), and issues whose old baseUrl is not known.
 */
export function movedLinkWarnings(links: SentLinks, config: Pick<Config, 'baseUrl'>): string[] {
  const current = new URL(config.baseUrl);
  const own = sitePath(config);
  const lines: string[] = [];
  for (const { baseUrl, issues } of links.bases) {
    const old = new URL(baseUrl);
    const path = sitePath({ baseUrl });
    const otherHost = old.origin !== current.origin;
    if (path === own && !otherHost) continue;
    const [its, were] = issues.length === 1 ? ['its', 'was'] : ['their', 'were'];
    const sent = `${issuesNamed(issues)} ${were} sent with baseUrl ${baseUrl}`;
    // A redirect is no answer to a one-click POST: mailbox providers post once and may not follow it.
    const reach = otherHost ? ` as long as ${old.host} reaches this server (proxy it here: a redirect can lose the one-click POST)` : '';
    if (path === own) {
      lines.push(`${sent}: ${its} links work only${reach}`);
      continue;
    }
    lines.push(
      `${sent}: ${its} unsubscribe links (${baseUrl}unsubscribe) are answered here at ${path}unsubscribe${reach}, but ${its} other links into the archive ("view in browser" ${baseUrl}issues/${issues[0]}/, images) are not: redirect ${baseUrl}… to ${config.baseUrl}…`,
    );
  }
  for (const { issue, host } of links.unknown) {
    lines.push(
      `issue ${issue} was sent under another baseUrl than ${config.baseUrl}, on ${host}, before paperboy recorded which: this server answers its unsubscribe links only if your proxy sends them to ${own}unsubscribe`,
    );
  }
  return lines;
}

/** "issue 1", "issues 1, 2 and 5", runs of three or more as a range: "issues 1–200 and 202". */
export function issuesNamed(issues: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < issues.length; ) {
    let end = i;
    while (end + 1 < issues.length && issues[end + 1] === issues[end]! + 1) end++;
    if (end - i >= 2) parts.push(`${issues[i]}–${issues[end]}`);
    else for (let k = i; k <= end; k++) parts.push(String(issues[k]));
    i = end + 1;
  }
  return `${issues.length === 1 ? 'issue' : 'issues'} ${joinNames(parts)}`;
}
