import type { CorpusIndex } from '../issue/corpus.js';
import type { IssueFacts } from '../issue/facts.js';
import { parseCrossReference } from '../issue/xref.js';

/** Where an issue lives in the published archive (SPEC: dist/issues/<number>/). */
export function issueUrl(baseUrl: string, number: number): string {
  return new URL(`issues/${number}/`, baseUrl).href;
}

export function paperUrl(baseUrl: string, issueNumber: number, anchor: string): string {
  return `${issueUrl(baseUrl, issueNumber)}#${anchor}`;
}

/** What every renderer needs to turn a Markdown link target into a link a reader can follow. */
export interface LinkContext {
  baseUrl: string;
  corpus: CorpusIndex;
  /** The issue being rendered (a draft can reference its own papers). */
  from: IssueFacts | undefined;
}

export interface ResolvedLink {
  /** Absolute URL, or undefined when the link must be dropped (unresolvable or unsafe). */
  href: string | undefined;
  /** For cross-references: the issue they lead to, shown after the link text as "(#7)". */
  issueNumber?: number;
}

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/**
 * Resolves `paper:`/`issue:` cross-references to the archive, relative links
 * against `baseUrl` (every link in an email must be absolute), and drops any
 * scheme a reader should never be sent to (`javascript:`, `data:`, …).
 */
export function resolveLink(url: string, context: LinkContext): ResolvedLink {
  const reference = parseCrossReference(url);
  if (reference) {
    const target = context.corpus.resolve(reference, context.from);
    if (!target) return { href: undefined };
    const href = target.anchor ? paperUrl(context.baseUrl, target.issueNumber, target.anchor) : issueUrl(context.baseUrl, target.issueNumber);
    return { href, issueNumber: target.issueNumber };
  }
  if (url.startsWith('#')) return { href: url };
  let absolute: URL;
  try {
    absolute = new URL(url, context.baseUrl);
  } catch {
    return { href: undefined };
  }
  return { href: SAFE_SCHEMES.has(absolute.protocol) ? absolute.href : undefined };
}
