import { join } from 'node:path';
import { StoredMap } from '../stored-map.js';
import { VERSION } from '../version.js';
import type { IssueFacts } from './facts.js';

/**
 * Each issue file's facts (`extractFacts` of a frontmatter-only parse) on
 * disk, keyed by the hash of the file's bytes: a build reads every issue's
 * facts, and parsing every frontmatter with `yaml` was most of the CPU of a
 * rebuild after one edit (2.2 s of 200 issues' on the bench machine,
 * measured with --cpu-prof). One map, `<dataDir>/cache/facts.v8` and its
 * delta (stored-map.ts), as every build needs every entry. A store that
 * cannot be read, or was written by another version, is ignored.
 */
export class FactsCache {
  private constructor(private readonly entries: StoredMap<{ hash: string; facts: IssueFacts }>) {}

  static inDataDir(dataDir: string): FactsCache {
    return new FactsCache(StoredMap.read(join(dataDir, 'cache', 'facts.v8'), STORE_FORMAT));
  }

  /** The facts stored for `path` when its bytes hash to `hash`. */
  get(path: string, hash: string): IssueFacts | undefined {
    const entry = this.entries.get(path);
    return entry?.hash === hash ? entry.facts : undefined;
  }

  set(path: string, hash: string, facts: IssueFacts): void {
    this.entries.set(path, { hash, facts });
  }

  /** Writes the store if an entry changed, keeping only the `paths` still there (renamed or deleted files leave). */
  save(paths: readonly string[]): void {
    const kept = new Set(paths);
    for (const path of [...this.entries.keys()]) if (!kept.has(path)) this.entries.delete(path);
    try {
      this.entries.save();
    } catch {
      // A cache that cannot be written only costs the next run a parse.
    }
  }
}

/** Facts depend on paperboy's parsing and paper ids (normalize-url): a new version starts afresh, and so does a change to how facts are read (v5: a draft with no closing `---`; v6: a title's line break is a space; v7: `statusUnread`; v8: U+FFFE and U+FFFF read as U+FFFD; v9: a paper's anchor is never a template's id or a footnote's; v10: an anchor starting with a digit stays; v11: a lone surrogate read as U+FFFD; v12: a paper without an arXiv id or a URL is named by its place, `issue:5/1`; v13: a tag on a frontmatter value is a problem, not dropped with its text; v14: a file with more than 20,000 runs of `*`, `_` or `~` or 10,000 `|` is over the limits; v15: a placeholder URL names no paper, `issue:5/1`; v16: a `paper:` target is not percent-decoded, issue/xref.ts; v17: a file with more than 10,000 `$` or URLs is over the limits; v18: each paper's tags; v19: each tag's place; v20: a paper with more than 50 tags has none, issue/limits.ts `MAX_PAPER_TAGS`; v21: a file of more than 50,000 lines is over the limits; v22: a file over a content limit whose frontmatter says `status: draft` is a draft; v23: a paper's 50 tags are counted each once, `distinctTags`, so one that writes a tag twice keeps its tags; v24: a paper named by its URL keeps that `url` as written; v25: a PDI or PDF in a frontmatter value that closes nothing is left out, issue/bidi-controls.ts; v26: a title written over lines has no space between two Chinese or Japanese characters, issue/unspaced-script.ts; v27: where `date` is written, `datePosition`, for date-order; v28: a paper's anchor is never the paper page's `bibtex-entry` or `copy-status`, issue/anchors.ts; v29: the numbers an issue was published under before, `formerly`, each at its place; v30: each paper's authors and their places, for author-spelling; v31: where an `issue:` link's number is written, `numberAt`, for xref-renumbered-issue's fix; v32: a frontmatter whose aliases repeat more than 10,000 characters of text is not read, diagnostics/yaml-aliases.ts `MAX_ALIASED_CHARACTERS`; v33: nor one with a mapping of more than 1,000 keys or a list of more than 10,000 items, diagnostics/yaml-collection-size.ts; v34: where each tag and author ends too, `namePosition`; v35: a frontmatter with an anchor no alias uses at the start of a plain text is not read, issue/yaml-tags.ts `yamlAnchorProblems`; v36: an old-style arXiv id's subject class is no part of it, `math.GT/0309136` is `math/0309136`, and its former identity is among the paper's `formerly`; v37: a paper linked on another site's page of an arXiv paper is that arXiv paper, a DOI link is its DOI in lower case, an OpenReview PDF its forum, issue/paper-id.ts `identityOf`, and the identity paperboy 0.8.0 gave it is among its `formerly`, `urlFormIdentity`). */
export const STORE_FORMAT = `facts-v37-${VERSION}`;
