// The types of search-options.cjs (plain JavaScript, served to the browser as it is).
import type { Options, SearchOptions, SearchResult } from 'minisearch';

declare const options: {
  tokenize(text: string): string[];
  /** `text` as the word segmentation (Intl.Segmenter, UAX #29 with ICU's dictionaries) cuts it: its words and what is between them, in order; joined they are `text`. */
  segmentWords(text: string): string[];
  processTerm(term: string): string;
  /** A tag or an author's name folded as `processTerm` folds a word, apostrophes inside words removed: what names one tag or author. */
  foldName(name: string): string;
  /** A query parameter that names a visit, not a page (`utm_source`, `fbclid`): no part of a URL's identity. */
  TRACKING: RegExp;
  /** The bare arXiv id of `raw` (`arXiv:` and a version allowed), or undefined when it is none. */
  parseArxivId(raw: string): string | undefined;
  /** The arXiv id an arxiv.org abs/pdf/html URL points at; `canonical` when it is the abs page itself. */
  arxivIdFromUrl(url: string): { id: string; canonical: boolean } | undefined;
  /** The arXiv id of another site's page of one arXiv paper (ar5iv, alphaXiv, Hugging Face's paper page, arXiv's DOI `10.48550/arXiv.<id>`), version stripped; undefined for any other text. */
  arxivIdFromMirrorUrl(url: string): string | undefined;
  /** `url` as the one address of its paper where a site gives several (a DOI at `https://doi.org/` in lower case, an OpenReview forum or PDF as `https://openreview.net/forum?id=<id>`); any other text as it is. */
  paperUrl(url: string): string;
  /** The DOI link (`https://doi.org/<doi>`) of a DOI written as text (`doi:10.1000/abc`, `DOI: 10.1000/abc`), else undefined. */
  writtenDoiUrl(text: string): string | undefined;
  /** The texts a query may name a paper by: an arXiv id as people write it (`arXiv: 2304.15004`, `arxiv 2304.15004v2`, `arXiv:2304.15004 [cs.AI]`) bare; else a one-word query itself, and with `https://` when it has no scheme; none for several words. */
  identityTargets(query: string): string[];
  /** `results` (MiniSearch's, with the stored `tags`, `venues`, `identity`, `issue`, the number of the issue that first covered the paper, and `url`, its page) in the order shown for `query`. */
  rankResults<T extends { score: number; tags: readonly string[]; venues: readonly string[]; identity?: string; issue: number; url: string }>(query: string, results: readonly T[]): T[];
  /** A shard's results of `query` that `filter` keeps: the paper the query names by its identity, then those with its words; each once. */
  searchShard(index: { search(query: string, options?: SearchOptions): SearchResult[] }, query: string, filter: (result: SearchResult) => boolean): SearchResult[];
  searchOptions: Options;
};
export = options;
