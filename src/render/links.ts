import type { Corpus } from '../issue/corpus.js';
import type { IssueFacts } from '../issue/facts.js';
import { defaultSchema } from 'rehype-sanitize';
import { parseCrossReference } from '../issue/xref.js';

/** Where an issue lives in the published archive (SPEC: dist/issues/<number>/). */
export function issueUrl(baseUrl: string, number: number): string {
  return new URL(`issues/${number}/`, baseUrl).href;
}

/**
 * A paper's summary on its issue's page, its anchor as written
 * (`…/issues/3/#résumé`): what the HTML links to, as it writes the
 * anchor's `id`. A data file and a plaintext write it `serializedUrl`.
 */
export function paperUrl(baseUrl: string, issueNumber: number, anchor: string): string {
  return `${issueUrl(baseUrl, issueNumber)}#${anchor}`;
}

/**
 * `url` (absolute) as the WHATWG URL Standard serializes it (`new
 * URL(url).href`, URL Standard §4.5 "URL serializing"): ASCII only, a
 * path's, a query's and a fragment's other characters percent-encoded as
 * UTF-8 (`/wiki/Caf%C3%A9#%C3%9Cberblick`), and a host that is not ASCII in
 * its punycode form (IDNA, UTS #46: `bücher.example` is
 * `xn--bcher-kva.example`). What `papers.json` and the plaintext email
 * write: a tool reading the data file compares the URLs a browser would,
 * and a mail program finds a link in plain text by the URI grammar of
 * RFC 3986, which ends it at the first character outside ASCII, a host's
 * too. The HTML keeps what the browser reads alike (an anchor as written).
 */
export function serializedUrl(url: string): string {
  return new URL(url).href;
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

/** The schemes of cross-references (issue/xref.ts), which are resolved when written in lowercase and never reach `safeUrl` then. */
const CROSS_REFERENCE_SCHEMES: ReadonlySet<string> = new Set(['paper:', 'issue:']);

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
  // `ISSUE:41`, `Paper:…`: a scheme is any case to a URL parser (RFC 3986 §3.1), but a cross-reference is written in lowercase (SPEC).
  if (CROSS_REFERENCE_SCHEMES.has(absolute.protocol)) {
    const written = url.trimStart();
    return { href: undefined, refused: `Unexpected cross-reference scheme \`${written.slice(0, absolute.protocol.length)}\` in \`${url}\`, expected it in lowercase: \`${absolute.protocol}${written.slice(absolute.protocol.length)}\`` };
  }
  const what = use === 'src' ? 'image URL scheme' : 'URL scheme';
  return { href: undefined, refused: `Unexpected ${what} \`${absolute.protocol}\` in \`${url}\`, expected one of ${allowedSchemes(use)}` };
}
