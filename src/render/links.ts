import type { Corpus } from '../issue/corpus.js';
import type { IssueFacts } from '../issue/facts.js';
import { defaultSchema } from 'rehype-sanitize';
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
  corpus: Corpus;
  /** The issue being rendered (a draft can reference its own papers). */
  from: IssueFacts | undefined;
}

/** Where a URL is used: a link's `href`, or an image's `src` (which may load without a click). */
export type UrlUse = 'href' | 'src';

export interface ResolvedLink {
  /** Absolute URL, or undefined when the link must be dropped (unresolvable or unsafe). */
  href: string | undefined;
  /** For cross-references: the issue they lead to, shown after the link text as "(#7)". */
  issueNumber?: number;
  /**
   * Why the URL itself was refused (an unsafe scheme, not a URL), worded for
   * the editor; undefined when it was accepted or is a cross-reference (whose
   * missing target `xref-unknown` reports).
   */
  refused?: string;
}

/**
 * The schemes rehype-sanitize keeps, per attribute (`href`: http, https,
 * irc, ircs, mailto, xmpp; `src`: http, https): the one filter every URL of
 * every output passes, so a paper's `url` or a footer link can never carry
 * what a Markdown link could not.
 */
const ALLOWED_SCHEMES: Record<UrlUse, ReadonlySet<string>> = {
  href: new Set((defaultSchema.protocols?.href ?? []).map((scheme) => `${scheme}:`)),
  src: new Set((defaultSchema.protocols?.src ?? []).map((scheme) => `${scheme}:`)),
};

/** The schemes allowed for `use`, for messages: "http, https, mailto…". */
function allowedSchemes(use: UrlUse): string {
  return [...ALLOWED_SCHEMES[use]].map((scheme) => scheme.slice(0, -1)).join(', ');
}

/**
 * Resolves `paper:`/`issue:` cross-references to the archive, relative links
 * against `baseUrl` (every link in an email must be absolute), and drops any
 * scheme rehype-sanitize would drop for `use` (`javascript:`, `data:`, …).
 * An in-page `#anchor` stays relative, percent-encoded like any fragment.
 */
export function resolveLink(url: string, context: LinkContext, use: UrlUse = 'href'): ResolvedLink {
  const reference = parseCrossReference(url);
  if (reference) {
    const target = context.corpus.resolve(reference, context.from);
    if (!target) return { href: undefined };
    const href = target.anchor ? paperUrl(context.baseUrl, target.issueNumber, target.anchor) : issueUrl(context.baseUrl, target.issueNumber);
    return { href, issueNumber: target.issueNumber };
  }
  return safeUrl(url, context.baseUrl, use);
}

/**
 * A paper's `url` as its title's link: `resolveLink`'s, but a relative URL
 * is refused rather than resolved against `baseUrl`. A paper lives
 * elsewhere: `example.com/paper` under the archive would be a dead link on
 * every page and in every email (lint's paper-url says so too). A paper
 * without a `url` (`''`) is refused as missing: "Unexpected URL ``" named
 * a URL no one wrote.
 */
export function paperLink(url: string, context: LinkContext): ResolvedLink {
  if (url.trim() === '') return { href: undefined, refused: 'Missing URL, expected an absolute URL such as `https://example.org/paper`' };
  if (!URL.canParse(url)) return { href: undefined, refused: `Unexpected URL \`${url}\`, expected an absolute URL such as \`https://example.org/paper\`` };
  return resolveLink(url, context);
}

/**
 * `url` as an absolute URL (resolved against `baseUrl`), or refused with the
 * reason when its scheme is not allowed for `use` or it is not a URL at all.
 * The WHATWG parser percent-encodes controls and spaces, so an accepted URL
 * cannot break out of an attribute, a header or an OSC 8 sequence.
 */
export function safeUrl(url: string, baseUrl: string, use: UrlUse = 'href'): ResolvedLink {
  if (url.startsWith('#')) return { href: `#${new URL(url, baseUrl).hash.slice(1)}` };
  let absolute: URL;
  try {
    absolute = new URL(url, baseUrl);
  } catch {
    return { href: undefined, refused: `Unexpected URL \`${url}\`, expected an absolute URL such as \`https://example.org/paper\`` };
  }
  if (ALLOWED_SCHEMES[use].has(absolute.protocol)) return { href: absolute.href };
  const what = use === 'src' ? 'image URL scheme' : 'URL scheme';
  return { href: undefined, refused: `Unexpected ${what} \`${absolute.protocol}\` in \`${url}\`, expected one of ${allowedSchemes(use)}` };
}
