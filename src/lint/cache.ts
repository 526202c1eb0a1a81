import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { unsealed, writeCacheFile } from '../cache-file.js';
import { readRegularFile } from '../regular-file.js';
import type { Config } from '../config/load.js';
import { sha256 } from '../sha256.js';
import type { FileOutcome } from './lint-file.js';

/**
 * The lint cache, after ESLint's `--cache`: per file, its messages and facts,
 * keyed by the file's hash. The whole cache is keyed by paperboy's version and
 * every input the rules declare (settings, templates), so a change of any of
 * them or an upgrade starts afresh.
 * A cache that cannot be read, whose bytes changed since it was written
 * (its hash, cache-file.ts) or that does not have the expected shape is
 * discarded, never trusted.
 *
 * The file is a header line then one JSON line per issue file. Each line is
 * kept as read, text and bytes, so saving after one file changed serializes
 * and encodes that one entry, not the whole cache (encoding the 3.6 MB of
 * the 1,000-issue bench corpus's cache as UTF-8 took ~55 ms of a 1 s lint
 * after one edit: Node 20 encodes non-ASCII text slowly). A long-lived
 * process (`preview --watch`, `serve --dev`) keeps the entries in memory
 * and reads the file again only when another process has rewritten it.
 */
// v4: paper ids by normalize-url, paper anchors whole github-slugger slugs (facts written before hold the old ones).
// v6: an unreadable file's status from its top-level `status:` line, and a number not written as digits an error with no number (facts and messages written before hold neither).
// v7: a table cell's `\|` in math is a `|` (issue/table-math.ts): math-syntax reads the formula without the backslash.
// v8: a line break in a one-line value (a title, a name) is a space (issue/schema.ts): messages quoting titles change.
// v9: YAML errors that an editing mistake explains (a tab in an indentation, a key indented unlike its siblings or written twice) say so (messages written before hold the parser's words).
// v10: a missing url, date, number or summary says what to write (issue/schema-messages.ts).
// v11: a list item (`- `) indented unlike the items before it says so (issue/yaml-mistakes.ts).
// v12: facts say whether `status:` was unread (issue/facts.ts `statusUnread`).
// v13: the noncharacters U+FFFE and U+FFFF are reported as control characters are (diagnostics/control-characters.ts).
// v14: a number out of bounds is quoted as typed, with the tighter bound only (issue/schema-messages.ts).
// v15: a paper's anchor is never a template's id or a footnote's (issue/anchors.ts): facts written before hold the old ones.
// v16: an anchor starting with a digit or holding a combining mark stays as github-slugger gives it (issue/anchors.ts);
// v17: a lone surrogate from a YAML escape is reported (no-control-character);
// v18: YAML nested past 64 levels is refused before the parse (content-limits, issue/yaml-nesting.ts).
// v19: a problem after an escape or a folded line of a double-quoted text is at its own place (issue/double-quoted-scalar.ts), not at the escape.
//     A problem after a control character in a plain or block text is at its own place too (issue/scalar-offsets.ts).
// v20: a message's fix is an edit of the file as written (CRLF and all, issue/source.ts writtenEdits), as ESLint's, not of its LF text.
// v21: no-trailing-spaces proves its fixes (and escapes a backslash), link-url-refused and no-empty-issue are new, a placeholder URL is no-placeholder's, issue-number-sequence reads a number from an unread file's name.
// v22: heading-level reports a level-1 heading in the body.
// v23: a template's mistake stops the lint (exit 2) instead of an `email-size` failure message on the issue (lint-file.ts).
// v24: email-size renders the plaintext part too, so a mistake in its templates stops the lint as one in the HTML's does.
// v25: messages are one line; no-placeholder reads names and titles as names; author-et-al and yaml-folded-markdown are new; yaml-comment-in-text reads flow lists.
// v26: email-size measures the HTML part as messages now encode it (mail/quoted-printable.ts: no line starting `From `, shorter lines).
// v27: a file that cannot be opened (permission, a link loop, a folder, a FIFO) says why in words and what to do (file-problem.ts).
// v28: yaml-comment-in-text reads a `#` word starting a line that continues a plain text, and fixes texts over several lines; link-reference-undefined is new.
// v29: a paper without an arXiv id or a URL (none, or `TBD`) is a paper of its own (issue/paper-id.ts): never a duplicate or covered before.
// v30: yaml-syntax reports a tag on a frontmatter value that YAML drops or that changes its type (issue/yaml-tags.ts), with a quoting fix.
// v31: content-limits reports a paragraph with more than 1,000 runs of `*`, `_` or `~`, and a file with more than 20,000 (issue/delimiter-runs.ts).
// v32: content-limits reports a file with more than 10,000 `|` (table cells; issue/limits.ts).
// v33: a paper with a placeholder URL has an id of its own (issue/paper-id.ts), as a paper without a URL does.
// v34: xref-unknown takes a `paper:` target as written, not percent-decoded (issue/xref.ts).
// v35: math-syntax reports math between single dollars written with a space inside (`$ 5 and $`) as prices; no-raw-html says how to write angle brackets as text.
// v36: a frontmatter key that is not text (`2:`, `~:`, `? [a]`) is reported at the key, not the frontmatter's start (diagnostics/yaml-locate.ts).
// v37: no-control-character reports the line and paragraph separators U+2028 and U+2029.
// v38: content-limits bounds a file's `$` and URLs (issue/limits.ts).
// v39: email-size measures an HTML email that shows inline math between its dollars (render/html-rewrite.ts), and a raw `<br>` as a break.
// v40: heading-level names no `#` for a setext heading, and says how a `---` rule is written.
// v41: title-math is new.
// v42: tag-spelling is new (the facts hold each paper's tags).
// v43: email-size measures an HTML email that shows raw HTML's text (render/raw-html.ts); no-raw-html names a misspelt papers marker; math-syntax reports the commands KaTeX does not trust (\href); frontmatter-missing names what hides the `---` (a second BOM, blank lines); frontmatter-schema names a merge key.
// v44: tag-spelling reports each tag at its place, and how many spellings there are.
// v45: no-trailing-spaces reports (and fixes) the spaces after inline code or math that ends a line as the hard break they are.
// v46: email-size measures an HTML email in which an HTML block in a tight list item starts a line of its own (render/tight-lists.ts).
// v47: yaml-comment-in-text reports a `#` that cuts a value of a flow mapping (a paper written `- {title: …}`), where the parser's error was yaml-syntax at the line's end.
// v48: the plaintext's link numbers (which line-length measures) skip a number shown in brackets in code, math or an image's alt text.
// v49: a `#` that takes a flow list's `]` is reported (yaml-comment-in-text) in place of any parser error it causes below, not only an unclosed list's, and a list read askew after it is named by its key as written.
// v50: email-size measures an HTML email whose footer writes a postal address over lines with a `<br>` between them.
// v51: email-size renders a template's path through a block parameter strictly (render/strict-block-params.ts): a misspelt one is an error.
// v52: email-size refuses an HTML email whose unsubscribe link or postal address is hidden by `aria-hidden`, `opacity: 0`, `font-size: 0`, the background's colour or a box of no height (render/visible-html.ts).
// v53: link-url-length is new (a URL the plaintext email cuts over two lines).
// v54: frontmatter-schema refuses a paper with more than 50 tags (issue/limits.ts `MAX_PAPER_TAGS`).
// v55: content-limits refuses a file of more than 50,000 lines (issue/limits.ts `MAX_FILE_LINES`).
// v56: a file over a content limit whose frontmatter says `status: draft` is a draft in the facts cross-issue rules read; the line limit counts a last line without its line break.
// v57: math-syntax reports inline math that starts with a number and holds words (`$5 a month (in US$`) as prose, a dollar to write as `\$`.
// v58: link-url-length also measures the addresses the plaintext prints in the text (`<https://…>`, a bare URL or `www.…`) on their lines as laid out.
// v59: frontmatter-schema counts a paper's tags each once, as the archive has them (`Scaling`, `scaling`: one), against its 50.
// v60: a key with no name (`: x`, `~: x`, the `: x` after `authors: [A, "B #2"]`) is named by what was written, at its `:`; a `#` in a list that is itself a key names the list as written, in place of the parser's error.
// v61: yaml-syntax says which quote ended a quoted text early and gives the text quoted anew, without the quotes meant for YAML (issue/quoted-start.ts); a list item with no space after its `-` and a quote never closed are named with their fix (issue/yaml-typos.ts); footnote-undefined names the text (and line) that defines a label its own text lacks.
// v62: email-size refuses an HTML email whose unsubscribe link or postal address is moved off the screen, clipped or scaled to nothing (render/css-offscreen.ts), or coloured as its background in any CSS colour notation (color-string: every named colour, `hsl()`, `hwb()`).
// v63: preheader-length says "1 character", not "1 characters"; frontmatter-schema does not suggest a key the mapping has already (`titel` beside `title`).
// v64: math-syntax takes math with a unit, a function name or one word (`$5 cm$`, `$4 log n$`, `$0 otherwise$`) or an operator for a formula, not prose; email-size refuses a footer moved away by `position: fixed; bottom`, a margin or a translation, or set too small to read (`font-size: 1px`).
// v65: yaml-syntax keeps a comment after the closing quote, a `"` between two letters and an escape the writer wrote apart from the quotes meant for YAML in its suggestion (`title: "Editor's pick" # c`).
// v66: email-size refuses an HTML email whose footer is in a closed `<details>`; an outcome keeps a template's mistake apart (`templateError`) for the command to stop with when it asked about that file.
// v67: yaml-syntax names a list item written without its `- ` (a second paper's `title:` read as the first's) with the line to write.
// v68: yaml-syntax names a line of a block's text indented no more than its key, with the text's indentation to write.
// v69: yaml-syntax says which quote ended a quoted list item early (`- "Nelson "Nick" Elhage"`, `tags: ["the "best" one"]`), with the item quoted anew (diagnostics/yaml-quoted-item.ts).
// v70: a list item with no space after its `-` that YAML reads as a key (`-title: B`) is named so, at the `-`, with the item written right or the key without its `-` (diagnostics/yaml-misread-key.ts); so is one above a `- ` item.
// v71: email-size and link-url-length measure emails whose cross-reference before a sentence's end inside a quotation or an aside (`paper."`) keeps its "(#N)" (render/issue-suffix.ts); link-url-length measures a non-ASCII autolink's reference line too (render/text/inline.ts `printedLink`), an address holding Chinese or Japanese characters whole on its line, and a plaintext that joins a line break between two of them across emphasis and links (render/text/soft-breaks.ts).
// v72: a quote after a message's `expected`, what to write (a link, a `paper:` reference), is kept whole, not shortened around a `…` (diagnostics/one-line.ts).
// v73: yaml-syntax names a key indented unlike its siblings after a block of text (`     opinion: |`) at the key, and a line of the text indented less than its first line as ending the text; frontmatter-schema says a `papers:` read as a mapping from `-title: A` needs a space after its `-`.
// v74: yaml-syntax gives a flow list or mapping written over several lines whose item its own quote ends early whole, on one line, with the item quoted anew (diagnostics/yaml-quoted-item.ts `wholeFlow`), not the item's line alone, which YAML does not read.
// v75: math-syntax names inline math closed by the dollar of a `\$` meant inside it (`$c = \$5$`) and gives the formula between double dollars, not the escape the writer had written.
// v76: paper-covered-before says nothing of a paper its issue links with `paper:` (the earlier coverage acknowledged), and its hint copies a paper's `url` as written.
// v77: paper-url gives a URL written without its scheme back with `https://` (`arxiv.org/abs/…`); frontmatter-schema gives a list written as one text in brackets (`authors: [Ann Lee, Bo Chen]`).
// v78: email-size and link-url-length measure emails whose right-to-left values are isolated (`<bdi>`, U+2068…U+2069) and whose right-to-left text blocks are `dir="auto"` (render/bidi.ts, render/block-direction.ts).
// v79: a footnote call a bare URL took into its address (`https://x.org/repo[^1]`) is named by footnote-unused and no-bare-url, with `<https://x.org/repo>[^1]` to write.
// v80: frontmatter-schema quotes an item of the bracketed list it suggests that YAML would read as a number, yes or no or nothing (`tags: ["2023", evals]`), gives authors of one word each also as names written "Last, First", and guesses nothing for a mix; no-control-character's model drops a bidi closer that closes nothing (issue/bidi-controls.ts), which email-size measures.
// v81: email-size and link-url-length measure emails whose cross-reference holding its issue's number as something else (`the #1 model`) keeps its "(#1)" (render/issue-suffix.ts).
// v82: email-size measures emails whose right-to-left newsletter name is isolated (`<bdi>` in the header and footer; templates/partials/).
// v83: link-reference-undefined names a definition written on the line right after a paragraph (`[p]: …`, which CommonMark reads as the paragraph's text) and the blank line it needs, rather than asking for the line the writer wrote; no-bare-url names such a line's address as a definition needing that blank line, not as a URL to give words.
// v84: frontmatter-schema says a number YAML reads as infinity or not a number (`1e400`, `.nan`) is so, and offers no digits for an issue number past Number.MAX_SAFE_INTEGER (`1e21` was told to write `1e+21`).
// v85: no-bare-url names a cross-reference written as an autolink (`<paper:2304.15004>`, `<issue:4>`), whose readers see the reference itself.
// v86: email-size measures emails whose HTML leaves out a soft line break between two Chinese or Japanese characters (render/text/soft-breaks.ts `withUnspacedBreaksJoined`); messages quote a title written over lines without a space between two such characters (issue/unspaced-script.ts `joinedLines`); no-raw-html accepts a `<br>` in a table's cell and names one elsewhere as the line break it is.
// v87: date-order, a new rule across issues: an issue dated out of the order of its number (a mistyped year).
// v88: a paper's anchor is never the paper page's `bibtex-entry` or `copy-status` (issue/anchors.ts): facts written before hold the old ones.
// v89: date-order blames, of two issues out of order, the one not yet sent (a draft dated today after an issue sent for a later day), not the sent one.
// v90: frontmatter-schema names a required key written misspelt (`sumary:`) once, as the unknown key, not also as the key missing.
// v91: email-size measures the email with the config's `language` (`<html lang>`, and `dir="rtl"` with mirrored sides and its left-to-right values isolated for a right-to-left one), which is among its inputs.
// v92: a paper's `formerly` (the arXiv ids or URLs it was published under before) is a key of the frontmatter, each value an arXiv id or a URL; tag-spelling reports a tag of one paper one letter from a tag of more (`steerng`, `steering`).
// v93: an issue's `formerly` (the numbers it was published under before a renumbering) is a key of the frontmatter; issue-formerly, a new rule across issues, checks it, and issue-number-sequence counts those numbers as held.
// v94: author-spelling, a new rule across issues: one person written two ways (`F. Viégas`, `Fernanda Viégas`), from the facts' authors.
// v95: date-order reports an issue dated more than ten years from the issue numbered before it (`2062` typed for `2026`).
// v96: email-size measures the email in the config's `words:` (paperboy's own words translated, config/words.ts), which is among its inputs.
// v97: the facts hold where an `issue:` link's number is written (`numberAt`); an `issue:` link to an old number of an issue renumbered (its `formerly`) leads to it (issue/corpus.ts), and xref-renumbered-issue, a new rule across issues, offers the number it has now.
// v98: no-raw-html names an `<img>` as the image it is, with the Markdown image to write.
// v99: link-url-length measures a line holding an image in the config's `words:` (`words.image`, `[Bild: alt]` as the plaintext now writes it).
// v100: frontmatter-schema gives a date written as people write one (`29/05/2023`, `May 29, 2023`) its YYYY-MM-DD form to write (diagnostics/date-as-written.ts); yaml-syntax fixes a tab indenting a frontmatter line with the spaces of the lines beside it.
// v101: subject-number says nothing of an issue whose `number` frontmatter-schema refuses (read as no number), where it offered to rewrite the subject's `#5` to `#0`.
// v102: a frontmatter whose YAML aliases repeat more than 10,000 characters of text (a long summary aliased by many papers) is a yaml-syntax error, not read (diagnostics/yaml-aliases.ts).
// v103: a frontmatter mapping of more than 1,000 keys or a list of more than 10,000 items is a content-limits error, found before the YAML parse (diagnostics/yaml-collection-size.ts).
// v104: math-syntax reports display math never closed (`$$` with no `$$` line after it) and a blank line inside display math.
// v105: a file that is not UTF-8 is reported at the column an editor shows (its BOM no column) and the line (a lone CR ends one), issue/source.ts.
// v106: the facts hold where each tag and author ends (issue/facts.ts `namePosition`): tag-spelling and author-spelling span the name as written.
// v107: an anchor no alias uses at the start of a plain text (`title: &Co firms`) is a yaml-syntax error, the issue not read (issue/yaml-tags.ts); yaml-comment-in-text gives no fix for a text after an anchor or a tag.
// v108: no-raw-html accepts an HTML comment in the body and in `notes`, and names one in a summary, opinion or prerequisites as published in papers.json.
// v109: link-url-refused names a cross-reference written with a scheme in capitals (`ISSUE:1`), with the lowercase to write (render/links.ts).
// v110: heading-level names a `# ` line right under a paragraph's as prose wrapped before a `#`, with the `\#` to write.
// v111: arxiv-id's fix of a versioned id keeps the single quotes it was written in.
// v112: opinion-missing says nothing of an opinion written as a YAML list or mapping (frontmatter-schema's error).
// v113: no-bare-url quotes a bare URL as written (`www.…`) and offers https for a `www.` one.
// v114: subject-number places a number written in a block scalar at the number, not at the subject.
// v115: yaml-syntax quotes a tagged or anchored text at the end of a flow mapping (`{…, title: !Surprise results}`) with --fix.
// v116: email-size measures emails whose isolates are `<span dir="auto">`, whose footnotes are a `<div>` and whose in-email links' targets have a named anchor (render/mail-client-markup.ts).
// v117: email-size measures emails whose column table says the newsletter's language (`lang`; templates/email.html.hbs).
// v118: arxiv-id reads an old-style id's subject class as no part of it (`math.GT/0309136` is `math/0309136`, tidied to that form).
// v119: a paper linked on another site's page of an arXiv paper (Hugging Face, ar5iv, alphaXiv, browse.arxiv.org, arXiv's DOI) is that arXiv paper, a DOI link is one paper in any case or host, an OpenReview PDF is its forum (paper-covered-before, paper-duplicate-in-issue; arxiv-id for browse.arxiv.org).
// v120: email-size renders with templates that refuse a value that cannot print (render/printed-values.ts): an override printing `{{opinion}}` is an error, where its email was measured.
const FORMAT_VERSION = 120;
/** The linter's make as the lint cache keys it: `build` keeps its lint errors under it (archive/build.ts `BuildOptions.lint`). */
export const LINT_FORMAT = FORMAT_VERSION;

interface Header {
  version: typeof FORMAT_VERSION;
  key: string;
}

/**
 * One file's entry: made by this run (`outcome` and `line`), or read
 * (`bytes` alone; `outcome` parsed from them when first asked for, null
 * when they hold none). A build's lint reads one or two of the thousand a
 * `paperboy lint` leaves in the file: decoding and parsing every line
 * (5.9 MB on the 1,000-issue bench corpus) took ~45 ms of a one-edit
 * build in a profile, and its garbage more.
 */
interface Entry {
  outcome?: FileOutcome | null;
  /** The outcome's JSON line. */
  line?: string;
  /** The line and its newline as UTF-8, as read from the file (none for an entry made by this run). */
  bytes?: Buffer;
}

/** The cache file as this process last read or wrote it (kept by a `LintSession`). */
export interface CacheSnapshot {
  key: string;
  entries: ReadonlyMap<string, Entry>;
  /** The cache file's identity when the entries were read or written. */
  stamp: string;
}

export class LintCache {
  private changed = false;

  private constructor(
    private readonly file: string | undefined,
    /** The key the entries were written under; `keyBy` sets this run's. */
    private key: string,
    private readonly entries: Map<string, Entry>,
    private readonly snapshots: Map<string, CacheSnapshot> = new Map(),
  ) {}

  /** A cache that stores nothing (`--no-cache`). */
  static disabled(): LintCache {
    return new LintCache(undefined, '', new Map());
  }

  /**
   * Reads the cache as it is, so a lint knows which files it has never seen
   * before the rules are loaded; `keyBy` then drops it if it was written
   * under other inputs. `snapshots` (a session's) spare a long-running
   * process reading the file again when no other process rewrote it.
   */
  static async open(config: Config, snapshots: Map<string, CacheSnapshot> = new Map()): Promise<LintCache> {
    const file = join(config.dataDir, 'cache', 'lint.json');
    const stamp = await stampOf(file);
    const known = snapshots.get(file);
    // Not `readFile`: a named pipe in the cache's place would keep lint waiting for a writer.
    const read = known && known.stamp === stamp ? known : parseSealed(file, readRegularFile(file));
    return new LintCache(file, read?.key ?? '', new Map(read?.entries), snapshots);
  }

  /** `inputs`: what the rules' results depend on besides the files (`rulesInputsKey`); entries written under others are dropped. */
  keyBy(inputs: string): void {
    const key = sha256(inputs);
    if (key === this.key) return;
    this.key = key;
    this.entries.clear();
  }

  /** Whether there is an entry for the file at all (whatever its hash). */
  has(path: string): boolean {
    return this.entries.has(path);
  }

  get(path: string, hash: string): FileOutcome | undefined {
    const entry = this.entries.get(path);
    const outcome = entry && outcomeOf(path, entry);
    return outcome && outcome.hash === hash ? outcome : undefined;
  }

  set(outcome: FileOutcome): void {
    if (!this.file) return;
    // `path` first, where a read looks for it (`leadingPath`).
    const { path, ...rest } = outcome;
    const line = JSON.stringify({ path, ...rest });
    // An unreadable file is linted on every run, to the same outcome: no need to rewrite the cache.
    const entry = this.entries.get(outcome.path);
    if (entry && lineOf(entry) === line) return;
    this.entries.set(outcome.path, { outcome, line });
    this.changed = true;
  }

  async save(): Promise<void> {
    if (!this.file || !this.changed) return;
    const header: Header = { version: FORMAT_VERSION, key: this.key };
    const chunks: Buffer[] = [Buffer.from(`${JSON.stringify(header)}\n`)];
    for (const entry of this.entries.values()) chunks.push(entry.bytes ?? Buffer.from(`${entry.line!}\n`));
    // Whole or not at all: a crash mid-write never leaves a half cache.
    try {
      writeCacheFile(this.file, Buffer.concat(chunks));
    } catch {
      // A dataDir that cannot be written (read-only, a file) only costs the next lint its work.
      return;
    }
    this.changed = false;
    this.snapshots.set(this.file, { key: this.key, entries: new Map(this.entries), stamp: await stampOf(this.file) });
  }
}

/** Identifies one version of the cache file: nanosecond mtimes tell apart two writes within a millisecond. */
async function stampOf(file: string): Promise<string> {
  return stat(file, { bigint: true }).then(
    (info) => `${info.ino}:${info.size}:${info.mtimeNs}`,
    () => 'missing',
  );
}

/** `parseCache` of a cache file's contents, when they are the bytes its hash names (cache-file.ts). */
function parseSealed(file: string, bytes: Buffer | undefined): ReturnType<typeof parseCache> {
  const contents = bytes && unsealed(file, bytes);
  return contents && parseCache(contents);
}

/**
 * The entries of a cache file and the key they were written under; none
 * when it is corrupt or of another shape. Each entry is its line's bytes
 * under the path that line starts with (`outcomeOf` parses the rest when
 * asked): a line that starts otherwise makes the file another shape.
 */
function parseCache(bytes: Buffer): { key: string; entries: Map<string, Entry> } | undefined {
  // Each line's bytes, newline included (a last line without one is given one, as it is when saved).
  const lines: Buffer[] = [];
  for (let start = 0; start < bytes.length; ) {
    const end = bytes.indexOf(0x0a, start);
    const next = end === -1 ? bytes.length : end + 1;
    const line = bytes.subarray(start, next);
    lines.push(end === -1 ? Buffer.concat([line, NEWLINE]) : line);
    start = next;
  }
  try {
    const header = JSON.parse(textOf(lines[0] ?? NEWLINE)) as Partial<Header>;
    if (header.version !== FORMAT_VERSION || typeof header.key !== 'string') return undefined;
    const entries = new Map<string, Entry>();
    for (const lineBytes of lines.slice(1)) {
      const path = leadingPath(lineBytes);
      if (path === undefined) return undefined;
      entries.set(path, { bytes: lineBytes });
    }
    return { key: header.key, entries };
  } catch {
    return undefined;
  }
}

const NEWLINE = Buffer.from('\n');

/** A line's text, without its newline. */
function textOf(line: Buffer): string {
  return line.toString('utf8', 0, line.length - 1);
}

/** Where `JSON.stringify` of an outcome starts its line: `path` is its first key (lint-file.ts). */
const PATH_START = Buffer.from('{"path":"');

/**
 * The path a line written by `set` starts with (`{"path":"…",`), read
 * without parsing the rest; undefined when it starts otherwise. The path
 * is a JSON string: it ends at the first `"` no backslash escapes.
 */
function leadingPath(line: Buffer): string | undefined {
  if (!line.subarray(0, PATH_START.length).equals(PATH_START)) return undefined;
  for (let i = PATH_START.length; i < line.length; i++) {
    if (line[i] === 0x5c) i++;
    else if (line[i] === 0x22) return line[i + 1] === 0x2c ? (JSON.parse(line.toString('utf8', PATH_START.length - 1, i + 1)) as string) : undefined;
  }
  return undefined;
}

/** An entry's JSON line. */
function lineOf(entry: Entry): string {
  return (entry.line ??= textOf(entry.bytes!));
}

/** An entry's outcome, parsed from its line once; undefined when the line holds no outcome of the file at `path` (linted again, and the entry replaced). */
function outcomeOf(path: string, entry: Entry): FileOutcome | undefined {
  if (entry.outcome === undefined) {
    let outcome: unknown;
    try {
      outcome = JSON.parse(lineOf(entry));
    } catch {
      outcome = undefined;
    }
    entry.outcome = isOutcome(outcome) && outcome.path === path ? outcome : null;
  }
  return entry.outcome ?? undefined;
}

function isOutcome(value: unknown): value is FileOutcome {
  const entry = value as Partial<FileOutcome> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.path === 'string' &&
    typeof entry.hash === 'string' &&
    Array.isArray(entry.messages) &&
    typeof entry.facts === 'object' &&
    entry.facts !== null &&
    Array.isArray(entry.facts.papers) &&
    Array.isArray(entry.facts.references)
  );
}
