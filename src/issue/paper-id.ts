import normalizeUrlLibrary, { type Options as NormalizeUrlOptions } from 'normalize-url';
import indexOptions from '../../templates/web/search-options.cjs';
import { isPlaceholderUrl } from './placeholder-url.js';

/**
 * A paper's identity across issues (SPEC): the arXiv id when there is one
 * (from the `arxiv` field, an arxiv.org URL or another site's page of the
 * paper, version stripped), else the URL as its paper's one address
 * (`paperUrl`) without scheme, `www.`, trailing slash, fragment and
 * tracking parameters.
 * A paper with neither (no `url`, a text that is no URL: `TBD`, or a
 * placeholder URL: `https://example.org/TODO-the-paper`) is a paper of its
 * own, named by its place (`normalizePaperId`).
 */

/**
 * normalize-url's rules (default ports, duplicate slashes, sorted query
 * parameters, unreserved percent-escapes decoded), plus what names a page
 * rather than a visit: no scheme, no fragment, no tracking parameters.
 * About 19 µs a URL here, 3 × our former hand-written reduction, which knew
 * fewer of the equivalences; facts are extracted once per file version.
 */
const URL_IDENTITY: NormalizeUrlOptions = {
  stripProtocol: true,
  stripHash: true,
  // Shared with the papers page's reading of a query (search-options.cjs).
  removeQueryParameters: [indexOptions.TRACKING],
};

/** The bare id (`2304.15004`, `hep-th/9901001`) or undefined when malformed; the rules the papers page reads a query by too (search-options.cjs). */
export const parseArxivId: (raw: string) => string | undefined = indexOptions.parseArxivId;

export interface ArxivUrl {
  id: string;
  /** The URL points at a PDF or a specific version, not the abs page. */
  canonical: boolean;
}

/** The arXiv id an arxiv.org abs/pdf/html URL points at (search-options.cjs, shared with the papers page). */
export const arxivIdFromUrl: (url: string) => ArxivUrl | undefined = indexOptions.arxivIdFromUrl;

/** The arXiv id of another site's page of one arXiv paper: ar5iv, alphaXiv, Hugging Face's, arXiv's DOI (search-options.cjs `ARXIV_MIRRORS`, shared with the papers page). */
const arxivIdFromMirrorUrl: (url: string) => string | undefined = indexOptions.arxivIdFromMirrorUrl;

/** `url` as the one address of its paper where a site gives several: DOI links, OpenReview's forum and PDF, a NeurIPS paper's PDF and abstract page (search-options.cjs `paperUrl`, shared with the papers page). */
const paperUrl: (url: string) => string = indexOptions.paperUrl;

export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

/** The URL reduced to what identifies the page; a text that is no URL, trimmed and lowercased. */
export function normalizeUrl(url: string): string {
  try {
    return normalizeUrlLibrary(url.trim(), URL_IDENTITY);
  } catch {
    return url.trim().toLowerCase();
  }
}

/**
 * `url` parsed when it is an absolute URL with a host, written out in full
 * (`https://example.org/x`); undefined for any other text: `TBD`, `n/a`,
 * `example.org/x`, or `https:/x.org`, which WHATWG parsing forgives.
 */
export function absoluteUrl(url: string): URL | undefined {
  if (!/^[a-z][a-z\d+.-]*:\/\/[^\s/]/i.test(url)) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.hostname === '' ? undefined : parsed;
  } catch {
    return undefined;
  }
}

/**
 * A paper's id, equal strings meaning the same paper: `arxiv:<id>`, else
 * `url:<normalized url>`, else, for a paper that names itself by neither
 * (no `url`, a `url` that is no absolute URL: `TBD`, `n/a`, or a
 * placeholder URL, `paperboy new`'s in every skeleton: texts many
 * different papers may share), `issue:<number>/<position>`: the issue and
 * the paper's 1-based place in its `papers` list (`issue:5/2`), its own
 * and no other's, the same on every build while the paper keeps its place.
 */
export function normalizePaperId(paper: { url: string; arxiv?: string | undefined }, place: { issue: number; index: number }): string {
  const fromField = paper.arxiv === undefined ? undefined : parseArxivId(paper.arxiv);
  return identityOf(fromField, paper.url) ?? `issue:${place.issue}/${place.index + 1}`;
}

/**
 * The identity paperboy 0.8.0 and before gave a paper whose old-style arXiv
 * id was written with its subject class (`arxiv: "math.GT/0309136"`, or
 * only in its URL, `arxiv.org/abs/math.GT/0309136`): `arxiv:math.GT/0309136`,
 * its page at papers/math.GT-0309136/. The class is no part of the id now
 * (`parseArxivId`), so that address is one the paper was published under
 * before, as a `formerly` entry names one: its page there leads to the
 * paper's page. Undefined for any other paper.
 */
export function subjectClassIdentity(paper: { url: string; arxiv?: string | undefined }): string | undefined {
  const field = paper.arxiv === undefined || parseArxivId(paper.arxiv) === undefined ? undefined : paper.arxiv.trim().replace(/^arxiv:/iu, '');
  const written = field ?? (arxivIdFromUrl(paper.url) ? /\/(?:abs|pdf|html)\/(.+?)(?:\.pdf)?\/?$/u.exec(absoluteUrl(paper.url)?.pathname ?? '')?.[1] : undefined);
  const withClass = written === undefined ? null : /^([a-z][a-z-]*\.[A-Z]{2}\/\d{7})(?:v\d+)?$/u.exec(written);
  return withClass ? `arxiv:${withClass[1]}` : undefined;
}

/** The DOI link of a DOI written as text, `doi:10.1000/abc` → `https://doi.org/10.1000/abc` (search-options.cjs, shared with the papers page). */
const writtenDoiUrl: (text: string) => string | undefined = indexOptions.writtenDoiUrl;

/**
 * The identity a `paper:` cross-reference target or a `formerly` entry (an
 * arXiv id, a URL, or a DOI written as text: `doi:10.1000/abc` is
 * `https://doi.org/10.1000/abc`) names; undefined for a target that is
 * none of these, which names no paper.
 */
export function paperIdFromReference(target: string): string | undefined {
  return identityOf(parseArxivId(target), writtenDoiUrl(target) ?? target);
}

/**
 * `arxiv:<id>` from an id, an arxiv.org URL or another site's page of one
 * arXiv paper (`arxivIdFromMirrorUrl`), else `url:<normalized url>` of an
 * absolute URL that is no placeholder, written as its paper's one address
 * (`paperUrl`: a DOI in lower case, an OpenReview PDF as its forum, a
 * NeurIPS PDF as its abstract page), else undefined.
 */
function identityOf(arxivId: string | undefined, url: string): string | undefined {
  const id = arxivId ?? arxivIdFromUrl(url)?.id ?? arxivIdFromMirrorUrl(url);
  if (id) return `arxiv:${id}`;
  const trimmed = url.trim();
  return absoluteUrl(trimmed) && !isPlaceholderUrl(trimmed) ? `url:${normalizeUrl(paperUrl(trimmed))}` : undefined;
}

/** The hosts paperboy 0.8.0 and before read an arXiv id from (`browse.arxiv.org` was a URL's). */
const ARXIV_HOSTS_BEFORE = new Set(['arxiv.org', 'www.arxiv.org', 'export.arxiv.org']);

/**
 * The identity paperboy 0.8.0 and before gave a paper named by its URL
 * alone, when it is another now: an arXiv paper linked on another site
 * (`huggingface.co/papers/2304.15004`, `browse.arxiv.org/abs/…`, ar5iv,
 * alphaXiv, `doi.org/10.48550/arXiv.…`) was `url:huggingface.co/papers/2304.15004`,
 * a DOI link kept its case and `dx.`, an OpenReview PDF and its forum, a
 * NeurIPS PDF and its abstract page were two. The paper's page was at that identity's address, so, as a `formerly`
 * entry names one, its page there leads to the paper's page now.
 * Undefined for a paper whose identity is what it was (an `arxiv` field, an
 * arxiv.org URL, any other URL).
 */
export function urlFormIdentity(paper: { url: string; arxiv?: string | undefined }): string | undefined {
  if (paper.arxiv !== undefined && parseArxivId(paper.arxiv) !== undefined) return undefined;
  const trimmed = paper.url.trim();
  const parsed = absoluteUrl(trimmed);
  if (!parsed || isPlaceholderUrl(trimmed) || (ARXIV_HOSTS_BEFORE.has(parsed.hostname) && arxivIdFromUrl(trimmed))) return undefined;
  const before = `url:${normalizeUrl(trimmed)}`;
  return before === identityOf(undefined, trimmed) ? undefined : before;
}
