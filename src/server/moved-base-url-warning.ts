import type { SentLinks } from '../send/link-bases.js';
import { sitePath } from './pages.js';
import { issuesNamed } from './sent-links.js';

/**
 * Why the warning comes back on every build, even once its steps are done:
 * what it names cannot change (mail in inboxes keeps its links for good)
 * and paperboy cannot see a proxy's redirects. Said so that an editor who
 * did the steps knows the warning is not asking for more.
 */
const REPEATED = `  Said on every build while sent mail links under an old baseUrl: those emails keep their links for good, and paperboy cannot see your proxy. Once it does the above, nothing more is needed.`;

/**
 * What `build` says when emails already sent link under another baseUrl
 * than `baseUrl` (moved-base-url.ts), lines ending in `\n`; '' when
 * `moved` (`movedLinks`) is empty. Pure.
 */
export function movedBaseUrlWarning(moved: SentLinks, baseUrl: string): string {
  if (moved.bases.length === 0 && moved.unknown.length === 0) return '';
  const current = new URL(baseUrl);
  const own = sitePath({ baseUrl });
  const sent = moved.bases.map(({ baseUrl: old, issues }) => `${issuesNamed(issues)} ${issues.length === 1 ? 'was' : 'were'} sent with ${old}`);
  const unknown = moved.unknown.map(({ issue, host }) => `issue ${issue} under a baseUrl on ${host} that was not recorded`);
  const advice: string[] = [];
  for (const { baseUrl: old } of moved.bases) {
    const was = new URL(old);
    if (sitePath({ baseUrl: old }) !== own) advice.push(`redirect ${old}… to ${baseUrl}… at your proxy ("view in browser", images); \`paperboy serve\` answers their unsubscribe links at ${was.pathname}unsubscribe itself`);
    if (was.origin !== current.origin) advice.push(`keep ${was.host} pointed at \`paperboy serve\` (proxied, not redirected: a redirect can lose the one-click unsubscribe POST)`);
  }
  for (const { issue, host } of moved.unknown) advice.push(`have your proxy send issue ${issue}'s unsubscribe links on ${host} to \`paperboy serve\` at ${own}unsubscribe`);
  return [
    `paperboy: baseUrl is ${baseUrl} now, but emails already sent link elsewhere (their "view in browser", images and unsubscribe links): ${[...sent, ...unknown].join('; ')}. What to do (docs/config.md, "Moving baseUrl"; \`paperboy serve\` says the same on start):`,
    ...advice.map((line) => `  - ${line}`),
    REPEATED,
    '',
  ].join('\n');
}
