// The options of the papers' search index (MiniSearch), in one file for the
// three places that must agree on them: the build that writes the index
// (src/archive/search-index.ts), `paperboy papers search`
// (src/archive/paper-search.ts) and the papers page (papers.js), which reads
// the index with them. A shard read with other fields or another tokenizer
// would quietly match nothing, so nobody keeps a copy (the CLI's bundle,
// lib/bundle/, holds it as built: `npm run build:tool` after an edit).
//
// Plain JavaScript without imports, in the UMD shape MiniSearch's own
// browser build has: Node loads it as CommonJS, and the site serves it as it
// is (assets/search-options.js), a classic script that sets
// `paperboySearchOptions`. A classic script, not an ES module, because
// browsers refuse module scripts from `file://`: the archive's search must
// work from a folder opened on disk too.
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.paperboySearchOptions = factory();
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  /**
   * A word: a run of letters and digits of any script (combining marks kept,
   * so a decomposed "é" stays inside its word). MiniSearch's default splits on
   * spaces and punctuation only, which keeps symbols such as "=" or "$" of a
   * formula glued to the word beside them. Invisible format characters
   * between its letters (a soft hyphen, a zero-width space or joiner, a bidi
   * control: Unicode's Default_Ignorable_Code_Point) keep the word whole, as
   * a reader sees it; `processTerm` drops them. So does an apostrophe between
   * letters ("O'Neil", "don’t", "Wei's"): `indexTerms` indexes the word
   * without it and its parts. A point between two digits keeps a number
   * whole ("3.5", "GPT-3.5", "v1.2", an arXiv id "2309.08600"), as it reads:
   * split, a query "3.5" asked for a "3" and a "5" anywhere in a paper, and
   * "5", half typed, for any word beginning with it (an arXiv id's "2305…").
   * A comma stays a separator: `f(1,2)` is two numbers.
   */
  const WORD = /[\p{L}\p{M}\p{N}]+(?:(?:\p{DI}+|['\u2019]|(?<=\p{N})\.(?=\p{N}))[\p{L}\p{M}\p{N}]+)*/gu;

  /**
   * Words joined by hyphens ("GPT-4", "Llama-2-7B", "weak-to-strong"), or a
   * word alone: `tokenize` gives the words of a joined one and then the
   * words written together from the first, so that "gpt4", as people type
   * it, finds a paper that writes "GPT-4" (it found none). A query is read
   * without them (`queryWords`): "Llama-2" finds a paper that writes "Llama 2".
   * A hyphen-minus, or Unicode's hyphen or non-breaking hyphen.
   */
  const JOINED = new RegExp(`${WORD.source}(?:[-\u2010\u2011]${WORD.source})*`, 'gu');
  const HYPHEN = /[-\u2010\u2011]/u;

  /**
   * Letters of the scripts written without spaces between words whose words
   * ICU's word break finds with its dictionaries (Chinese and Japanese, Thai,
   * Lao, Khmer, Burmese: "Dictionary-Based BreakIterator" in
   * https://unicode-org.github.io/icu/userguide/boundaryanalysis/).
   * Script_Extensions, so that the kana's length mark "ー" and iteration marks
   * count as theirs.
   */
  const UNSPACED = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]/u;

  /**
   * The platform's word segmentation (UAX #29 with ICU's dictionaries), where
   * there is one (Firefox has it since 125): without it such a run stays one
   * word, as before. ICU splits these scripts with the same dictionaries in
   * every locale; one is named all the same, so that the machine's cannot
   * change the index. Made at the first such run, not at load: making it
   * took 16 ms here, which every build, search and papers page would pay
   * for a newsletter in Latin script alone.
   */
  let segmenter;
  /**
   * `run` as the word segmentation cuts it: its words and what stands between
   * them, in order, joined they are `run` ([run] without a segmenter). Shared
   * (`segmentWords`) with what cuts text between words in the CLI: an
   * excerpt (src/archive/excerpt.ts) and a plaintext line
   * (src/render/text/breaks.ts) cut where the index finds words.
   */
  const segment = (run) => {
    if (segmenter === undefined) segmenter = typeof Intl === 'object' && typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('en', { granularity: 'word' }) : null;
    return segmenter ? runPieces(run).flatMap((piece) => Array.from(segmenter.segment(piece), (part) => part.segment)) : [run];
  };

  /**
   * A run is segmented RUN_PIECE code units at a time (never cut inside a
   * surrogate pair): Node 20's segmenter takes minutes over 100,000 Chinese
   * characters at once (src/issue/segment-pieces.ts). A run is letters only,
   * with no space to cut at, so a word across a cut is indexed as two: no
   * text a reader reads runs this long without punctuation.
   */
  const RUN_PIECE = 8192;
  const runPieces = (run) => {
    const pieces = [];
    let start = 0;
    while (run.length - start > RUN_PIECE) {
      let end = start + RUN_PIECE;
      const code = run.charCodeAt(end);
      if (code >= 0xdc00 && code <= 0xdfff) end -= 1;
      pieces.push(run.slice(start, end));
      start = end;
    }
    pieces.push(run.slice(start));
    return pieces;
  };

  /**
   * The words of a run of letters: itself, or, when it holds a script written
   * without spaces ("この論文を要約する"), the words the segmenter finds in
   * it ("この", "論文", "を", "要約", "する"), each a part of the run.
   */
  const runWords = (run) => (UNSPACED.test(run) ? segment(run) : [run]);

  /**
   * A text's words (`WORD`), the runs of scripts written without spaces split
   * into their words. A text in other scripts only is never segmented: its
   * words stay exactly the runs of letters, and its index the same. Words
   * joined by hyphens are followed by the words written together (`JOINED`:
   * "GPT-4" is "GPT", "4", "GPT4"; "Llama-2-7B" "Llama", "2", "7B",
   * "Llama2", "Llama27B"), unless one is of a script written without spaces.
   */
  const tokenize = (text) => {
    if (!HYPHEN.test(text)) return wordsOf(text);
    const unspaced = UNSPACED.test(text);
    const words = [];
    for (const piece of text.match(JOINED) ?? []) {
      // Most pieces are one word (indexing asks this millions of times).
      if (!HYPHEN.test(piece)) {
        if (unspaced) words.push(...runWords(piece));
        else words.push(piece);
        continue;
      }
      const parts = wordsOf(piece);
      words.push(...parts);
      // Each run from the first word written together ("Llama-2-7B": "Llama2", "Llama27B"), so "Llama-2 7B" finds it too.
      if (parts.length > 1 && !UNSPACED.test(piece)) for (let end = 2; end <= parts.length; end += 1) words.push(parts.slice(0, end).join(''));
    }
    return words;
  };
  /** A query's words: `tokenize`'s without the compounds of words joined by hyphens, which a text may write apart ("Llama 2"). */
  const wordsOf = (text) => {
    const runs = text.match(WORD) ?? [];
    return UNSPACED.test(text) ? runs.flatMap(runWords) : runs;
  };

  /**
   * Latin letters NFKD leaves whole, so removing accents cannot fold them,
   * as their ASCII spelling (any-ascii's, which the author and tag folders
   * use): "Łukasz" is "lukasz". From the Unicode data (UnicodeData.txt,
   * Latin-1 Supplement and Latin Extended-A/B): the lower-case letters with
   * no decomposition whose name is a letter "WITH STROKE" or "WITH BAR", a
   * ligature, or a letter written as ASCII letters in its languages (sharp
   * s, eth, thorn, eng, dotless i and j). Lower case only: `processTerm`
   * looks them up after `toLowerCase`. A small table, not any-ascii (546
   * KB), because browsers load this file.
   */
  const UNDECOMPOSED = {
    ß: 'ss', æ: 'ae', œ: 'oe', ð: 'd', þ: 'th', ŋ: 'ng', ı: 'i', ȷ: 'j',
    ø: 'o', đ: 'd', ħ: 'h', ł: 'l', ŧ: 't', ƀ: 'b', ƚ: 'l', ƶ: 'z', ǥ: 'g', ȼ: 'c', ɇ: 'e', ɉ: 'j', ɍ: 'r', ɏ: 'y',
  };
  const UNDECOMPOSED_LETTER = new RegExp(`[${Object.keys(UNDECOMPOSED).join('')}]`, 'gu');

  /** Words `processTerm` has processed, and what it made of each. */
  const remembered = new Map();
  const REMEMBERED = 100_000;

  /**
   * A word as the index stores it: lower case, accents removed ("Schölkopf" →
   * "scholkopf") and the letters NFKD leaves whole spelt in ASCII
   * ("Łukasz" → "lukasz", `UNDECOMPOSED`), so either spelling finds it, and without the invisible
   * characters Unicode calls Default_Ignorable_Code_Point (a soft hyphen, a
   * zero-width space, joiner or non-joiner, a word joiner, bidi controls,
   * variation selectors), which change no word a reader sees:
   * "interpre\u00ADtability" is "interpretability" (the property:
   * https://www.unicode.org/reports/tr44/#Default_Ignorable_Code_Point; the
   * Unicode Collation Algorithm's root order gives them no weight either,
   * https://www.unicode.org/reports/tr10/). Remembered per word: a text
   * repeats its words, and indexing 1,000 issues asks ~2 million times for
   * a few thousand words (measured on the bench corpus: 206 ms for 657,270
   * words of 300 issues, 39 ms remembered). At most `REMEMBERED` words, so
   * a huge vocabulary cannot hold memory.
   */
  const processTerm = (term) => {
    let processed = remembered.get(term);
    if (processed === undefined) {
      processed = term
        .normalize('NFKD')
        .replace(/[\p{M}\p{DI}]/gu, '')
        .toLowerCase()
        .replace(UNDECOMPOSED_LETTER, (letter) => UNDECOMPOSED[letter]);
      if (remembered.size >= REMEMBERED) remembered.clear();
      remembered.set(term, processed);
    }
    return processed;
  };

  /** An apostrophe inside a word (`WORD`): ASCII's, and the typographic one (U+2019). */
  const APOSTROPHE = /['\u2019]/u;

  /**
   * A name (a tag, an author) folded as `processTerm` folds a word, without
   * the apostrophes inside its words, as `indexTerms` indexes a word: "Cathy
   * O'Neil" and "Cathy O’Neil" (the typographic apostrophe a name pasted from
   * a PDF has) are one author, "cathy oneil", and "oneil" finds her. What
   * names one tag or author (src/issue/names.ts `tagKey`) and what the
   * papers page's author filter compares.
   */
  const foldName = (name) => processTerm(name).replace(/(?<=[\p{L}\p{N}])['\u2019](?=[\p{L}\p{N}])/gu, '');

  /** Singulars that end in "s", kept as they are: "-ss", "-us" (Harman's), "-is" ("analysis", "axis"), "-ias" ("bias"). */
  const SINGULAR_S = /(?:[isu]|ia)s$/u;

  /**
   * Plurals no suffix rule undoes, of words research summaries use: "axes"
   * would be "ax" by the "-xes" rule, "indices" "indice". Own-property
   * lookups only (`Object.create(null)`): a word such as "constructor" is
   * no entry.
   */
  const IRREGULAR = Object.assign(Object.create(null), {
    axes: 'axis',
    indices: 'index',
    matrices: 'matrix',
    vertices: 'vertex',
    appendices: 'appendix',
  });

  /**
   * A word's plural as its singular: the "S" stemmer of D. Harman, "How
   * effective is suffixing?" (JASIS 42(1), 1991), as Lucene's
   * EnglishMinimalStemmer reads it, which undoes the English plural and
   * nothing else, and the spelling rule that a word ending in "ss", "ch",
   * "sh" or "x" takes "-es". A word of three letters or more ending in "s":
   * "-ies" → "-y" ("policies" → "policy", not "-aies" or "-eies"); "-sses",
   * "-ches", "-shes", "-xes" without "es" ("classes" → "class", "searches" →
   * "search"); "-aes", "-ees", "-ies", "-oes", "-us" and "-ss" as they are
   * ("toes", "focus", "loss"); any other without its "s" ("vectors" →
   * "vector", "horses" → "horse", "1990s" → "1990"). Index and query are
   * stemmed alike, so "steering vectors" finds "steering vector" and the
   * other way round; a word it stems wrongly ("gas" → "ga") is stemmed
   * wrongly on both sides.
   *
   * Harman's rules split the singular and plural of the words research
   * summaries are full of that end in "s" already, so these are added
   * (`SINGULAR_S`, `IRREGULAR`): "-is" and "-ias" are singulars, as they
   * are ("analysis", "axis", "bias", "alias", and "this"); "-iases" loses
   * "es" ("biases" → "bias"); the Greek plurals "-lyses", "-theses",
   * "-gnoses" and "crises" are "-sis" ("analyses" → "analysis",
   * "hypotheses" → "hypothesis"); and the Latin plurals of a few words
   * ("axes", "indices", "matrices", "vertices", "appendices") their
   * singular.
   */
  const stem = (word) => {
    const irregular = IRREGULAR[word];
    if (irregular !== undefined) return irregular;
    if (word.length < 3 || !word.endsWith('s') || SINGULAR_S.test(word)) return word;
    if (/(?:lys|thes|gnos|^cris)es$/u.test(word)) return `${word.slice(0, -2)}is`;
    if (/iases$/u.test(word)) return word.slice(0, -2);
    if (/[^ae]ies$/u.test(word)) return `${word.slice(0, -3)}y`;
    if (/(?:ss|ch|sh|x)es$/u.test(word)) return word.slice(0, -2);
    if (/[aeio]es$/u.test(word)) return word;
    return word.slice(0, -1);
  };

  /**
   * What the index holds for a word: its stem (`stem` of `processTerm`), and
   * the word without its "s" too when the stem made something else of it:
   * "caches" is "cach" (as "searches" is "search") and "cache", "policies"
   * is "policy" and "policie", "analyses" is "analysis" and "analyse", so
   * that "polici" or "analyse", half typed, finds it as a prefix. A word with an apostrophe inside is indexed without it and by
   * its parts of two letters or more: "O'Neil" as "oneil" and "neil",
   * "Wei's" as "weis" (stemmed "wei") and "wei"; never the lone letter of
   * "don't" or "O'", which a query "t" or "o" would otherwise find.
   */
  const indexTerms = (term) => {
    const parts = processTerm(term).split(APOSTROPHE);
    const words = parts.length === 1 ? parts : [parts.join(''), ...parts.filter((part) => part.length > 1)];
    const terms = new Set();
    for (const word of words) {
      const stemmed = stem(word);
      terms.add(stemmed);
      if (stemmed !== word && stemmed !== word.slice(0, -1)) terms.add(word.slice(0, -1));
    }
    // One term, the common case, as a string: MiniSearch takes either, and indexing asks millions of times.
    return terms.size === 1 ? terms.values().next().value : [...terms];
  };

  /** A word of a query as the index holds it: folded, without its apostrophes ("O'Neil" → "oneil"), stemmed ("vectors" → "vector"). */
  const queryTerm = (term) => stem(processTerm(term).split(APOSTROPHE).join(''));

  /** Whether a character is a letter or a digit: one of a `WORD`. */
  const WORD_CHARACTER = /[\p{L}\p{M}\p{N}]/u;

  /** A text folded as a word is (`processTerm`), its runs of spaces one space: "AT&T  Labs" → "at&t labs". */
  const phrase = (text) => processTerm(text).replace(/\s+/gu, ' ').trim();

  /**
   * Whether `name` (a tag or a venue) says what `query` says, punctuation
   * included: the query (`phrase`) is the name, or a run of whole words of
   * it. "c++" is the tag `c++`; "AT&T" is the venue "AT&T Labs Report",
   * "icml" "ICML 2021"; "c" is not "cats", and "AT T" not "AT&T".
   */
  const names = (name, query) => {
    const text = phrase(name);
    for (let at = text.indexOf(query); at !== -1; at = text.indexOf(query, at + 1)) {
      const end = at + query.length;
      if (!(at > 0 && WORD_CHARACTER.test(text[at - 1])) && !(end < text.length && WORD_CHARACTER.test(text[end]))) return true;
    }
    return false;
  };

  /** A new-style arXiv id (`2309.08600`, `2309.08600v2`): the id, then its version. */
  const NEW_STYLE_ID = /^(\d{4}\.\d{4,5})(v\d+)?$/;
  /**
   * An old-style arXiv id (`hep-th/9901001`, `math.AG/0601001v1`): the
   * archive, a subject class, the seven digits, a version. The subject class
   * is no part of the paper's identifier: arXiv's preferred form of
   * `math.CA/0611800v2` is `arXiv:math/0611800v2` ("arXiv identifier scheme
   * - information for interacting services", info.arxiv.org), and
   * arxiv.org/abs/math.GT/0309136 is the page of math/0309136.
   */
  const OLD_STYLE_ID = /^([a-z][a-z-]*)(?:\.[A-Z]{2})?\/(\d{7})(v\d+)?$/;
  /** arXiv's own hosts of its abs, pdf and html pages (browse.arxiv.org serves the same abs pages, and links to them are pasted as they are). */
  const ARXIV_HOSTS = new Set(['arxiv.org', 'www.arxiv.org', 'export.arxiv.org', 'browse.arxiv.org']);
  /**
   * Pages of other sites that are each one arXiv paper, named by its id in
   * their address (the host without `www.`, then the path): ar5iv, arXiv
   * Labs' HTML rendering of a paper (`ar5iv.labs.arxiv.org/html/<id>`, and
   * `ar5iv.org/abs/<id>` and `/html/<id>`, which lead there); alphaXiv's
   * discussion of a paper (`alphaxiv.org/abs/<id>`, `/overview/<id>`);
   * Hugging Face's page of an arXiv paper (`huggingface.co/papers/<id>`,
   * new-style ids only, the address its Paper Pages give each); and
   * the DOI arXiv registers with DataCite for each paper, every version
   * (`doi.org/10.48550/arXiv.<id>`, arXiv's "Cite as" line; a DOI is
   * case-insensitive, DOI Handbook 2.4). The id is the group, read by
   * `parseArxivId`: a path holding no id names no arXiv paper.
   */
  const ARXIV_MIRRORS = [
    { hosts: ['ar5iv.labs.arxiv.org', 'ar5iv.org'], path: /^\/(?:abs|html)\/(.+?)\/?$/u },
    { hosts: ['alphaxiv.org'], path: /^\/(?:abs|overview)\/(.+?)\/?$/u },
    { hosts: ['huggingface.co'], path: /^\/papers\/(\d{4}\.\d{4,5}(?:v\d+)?)\/?$/u },
    { hosts: ['doi.org', 'dx.doi.org'], path: /^\/10\.48550\/arxiv\.(.+?)\/?$/iu },
  ];
  /** The DOI resolver's hosts (doi.org, and dx.doi.org which DOIs were once written with); a DOI is case-insensitive (DOI Handbook 2.4: "DOI names are case insensitive"). */
  const DOI_HOSTS = new Set(['doi.org', 'dx.doi.org', 'www.doi.org']);
  /** OpenReview's hosts; a submission's forum and its PDF are `/forum?id=<id>` and `/pdf?id=<id>`, the same id (the submission note's, which is its forum's). */
  const OPENREVIEW_HOSTS = new Set(['openreview.net', 'www.openreview.net']);
  /** The NeurIPS proceedings' hosts, each as it is (a paper's address on one is not read as another's). */
  const NEURIPS_HOSTS = new Set(['proceedings.neurips.cc', 'papers.nips.cc', 'papers.neurips.cc']);
  /**
   * A NeurIPS paper's abstract page or its PDF: `/paper/<year>/hash/<hash>-Abstract.html`
   * and `/paper/<year>/file/<hash>-Paper.pdf` (from 2022 under `/paper_files/paper/`,
   * with the track after: `-Abstract-Conference.html`, `-Paper-Conference.pdf`,
   * `-Datasets_and_Benchmarks`), the abstract page linking the PDF by the same
   * year, hash and track: one paper.
   */
  const NEURIPS_PAPER = /^\/((?:paper_files\/)?paper)\/(\d{4})\/(?:hash|file)\/([0-9a-f]{32})-(?:Abstract|Paper)((?:-[A-Za-z_]+)?)\.(?:html|pdf)$/u;
  /** A URL written with its scheme (`https://…`); without one, `arxiv.org/abs/…` is read as `https://arxiv.org/abs/…`. */
  const SCHEME = /^[a-z][a-z\d+.-]*:\/\//iu;
  /** Query parameters that name a visit, not a page (what issue/paper-id.ts's URL identity removes). */
  const TRACKING = /^(?:utm_[a-z_]+|fbclid|gclid|mc_cid|mc_eid|ref_src)$/iu;

  /** The bare arXiv id of `raw` (`2304.15004`, `hep-th/9901001`; `arXiv:`, a version and an old id's subject class allowed: `math.GT/0309136v2` is `math/0309136`), or undefined. */
  const parseArxivId = (raw) => {
    const trimmed = raw.trim().replace(/^arxiv:/iu, '');
    const newStyle = NEW_STYLE_ID.exec(trimmed);
    if (newStyle) return newStyle[1];
    const oldStyle = OLD_STYLE_ID.exec(trimmed);
    return oldStyle ? `${oldStyle[1]}/${oldStyle[2]}` : undefined;
  };

  /**
   * The arXiv id an arxiv.org abs/pdf/html URL points at, and whether the URL
   * is the canonical abs page (`canonical`: not a PDF, a version or another
   * host); undefined for any other text.
   */
  const arxivIdFromUrl = (url) => {
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    if (!ARXIV_HOSTS.has(parsed.hostname)) return undefined;
    const match = /^\/(abs|pdf|html)\/(.+?)(\.pdf)?\/?$/u.exec(parsed.pathname);
    if (!match) return undefined;
    let raw;
    try {
      raw = decodeURIComponent(match[2]);
    } catch {
      return undefined;
    }
    const id = parseArxivId(raw);
    return id ? { id, canonical: match[1] === 'abs' && raw === id && parsed.hostname === 'arxiv.org' } : undefined;
  };

  /** `url` parsed, or undefined when it is no URL. */
  const parsedUrl = (url) => {
    try {
      return new URL(url);
    } catch {
      return undefined;
    }
  };

  /**
   * The arXiv id of another site's page of one arXiv paper (`ARXIV_MIRRORS`:
   * `https://huggingface.co/papers/2304.15004`, `https://ar5iv.org/abs/2304.15004`,
   * `https://doi.org/10.48550/arXiv.2304.15004`), version stripped; undefined
   * for any other text.
   */
  const arxivIdFromMirrorUrl = (url) => {
    const parsed = parsedUrl(url);
    if (!parsed || !/^https?:$/u.test(parsed.protocol)) return undefined;
    const host = parsed.hostname.replace(/^www\./u, '');
    for (const mirror of ARXIV_MIRRORS) {
      const match = mirror.hosts.includes(host) ? mirror.path.exec(parsed.pathname) : null;
      if (!match) continue;
      try {
        return parseArxivId(decodeURIComponent(match[1]));
      } catch {
        return undefined;
      }
    }
    return undefined;
  };

  /**
   * `url` written as the one address of the paper it names, where a site
   * gives one paper several: a DOI link at `https://doi.org/` with its DOI
   * in lower case (`http://dx.doi.org/10.1000/ABC` → `https://doi.org/10.1000/abc`;
   * DOIs are case-insensitive, DOI Handbook 2.4), an OpenReview forum or PDF
   * as the forum by its id alone (`openreview.net/pdf?id=X`,
   * `openreview.net/forum?id=X&referrer=…&noteId=Y` →
   * `https://openreview.net/forum?id=X`: `noteId` is a comment in that forum,
   * `referrer` where the reader came from), a NeurIPS paper's PDF as its
   * abstract page (`NEURIPS_PAPER`). Any other text as it is.
   */
  const paperUrl = (url) => {
    const parsed = parsedUrl(url.trim());
    if (!parsed || !/^https?:$/u.test(parsed.protocol)) return url;
    const host = parsed.hostname.toLowerCase();
    if (DOI_HOSTS.has(host) && /^\/10\.[^/]+\/./u.test(parsed.pathname)) return `https://doi.org${parsed.pathname.toLowerCase()}`;
    const id = parsed.searchParams.get('id');
    if (OPENREVIEW_HOSTS.has(host) && /^\/(?:forum|pdf)\/?$/u.test(parsed.pathname) && id) return `https://openreview.net/forum?id=${encodeURIComponent(id)}`;
    const neurips = NEURIPS_HOSTS.has(host) ? NEURIPS_PAPER.exec(parsed.pathname) : null;
    if (neurips) return `https://${host}/${neurips[1]}/${neurips[2]}/hash/${neurips[3]}-Abstract${neurips[4]}.html`;
    return url;
  };

  /**
   * An arXiv id as people write it and paste it: after `arXiv` with a colon,
   * a space or both (`arXiv: 2304.15004`, `arxiv 2304.15004v2`, `arXiv :
   * 2304.15004`), and followed by its category in brackets, as arXiv's "Cite
   * as" line and reference lists write it (`arXiv:2304.15004 [cs.AI]`).
   * The id is the group, read by `parseArxivId` (a text that is no id names
   * nothing: `arxiv sparse` stays a search for two words).
   */
  const WRITTEN_ARXIV_ID = /^(?:arxiv\s*:\s*|arxiv\s+)?(\S+?)(?:\s*\[[a-z-]+(?:\.[a-z-]+)?\])?$/iu;

  /**
   * A DOI written as text, as reference lists and older citations write it
   * (`doi:10.1000/abc`, `DOI: 10.1000/abc`): the DOI is the group, `10.`, a
   * registrant's number, `/`, its suffix (DOI Handbook 2.2).
   */
  const WRITTEN_DOI = /^doi\s*:\s*(10\.\d{4,9}\/\S+)$/iu;

  /** The DOI link (`https://doi.org/<doi>`) of a DOI written as text (`WRITTEN_DOI`), else undefined. */
  const writtenDoiUrl = (text) => {
    const written = WRITTEN_DOI.exec(text.trim());
    return written ? `https://doi.org/${written[1]}` : undefined;
  };

  /**
   * The texts a query may name a paper by, as a paper's identity is read
   * (issue/paper-id.ts): an arXiv id written as people write it
   * (`WRITTEN_ARXIV_ID`) as the bare id; a DOI written as text
   * (`doi:10.1000/abc`) as its link; else the query trimmed, and, for
   * one written without a scheme, also with `https://` (a URL is often
   * copied without it). None for a query of several words: a search, not a
   * name.
   */
  const identityTargets = (query) => {
    const target = query.trim();
    const written = WRITTEN_ARXIV_ID.exec(target);
    if (written && parseArxivId(written[1]) !== undefined) return [written[1]];
    const doi = writtenDoiUrl(target);
    if (doi) return [doi];
    if (target === '' || /\s/u.test(target)) return [];
    return SCHEME.test(target) ? [target] : [target, `https://${target}`];
  };

  /**
   * The identity `query` names a paper by, as the index's `identity` field
   * holds one (search-index.ts): the bare arXiv id of any of its written
   * forms (`arXiv:2309.08600v2`, `https://arxiv.org/pdf/2309.08600v2.pdf`,
   * `arxiv.org/abs/2309.08600`), else a URL without its scheme, `www.`,
   * fragment, tracking parameters and trailing slash. Undefined for a query
   * that is no id or URL. A browser has no normalize-url (the CLI's exact
   * reduction), so `sameIdentity` compares identities by their words.
   */
  const queryIdentity = (query) => {
    const targets = identityTargets(query);
    for (const target of targets) {
      const id = parseArxivId(target) ?? arxivIdFromUrl(target)?.id ?? arxivIdFromMirrorUrl(target);
      if (id) return id;
    }
    for (const target of targets) {
      const url = parsedUrl(paperUrl(target));
      if (!url || url.hostname === '' || !url.hostname.includes('.')) continue;
      const params = [...url.searchParams].filter(([name]) => !TRACKING.test(name)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const search = params.length > 0 ? `?${new URLSearchParams(params)}` : '';
      return `${url.host.replace(/^www\./u, '')}${url.pathname.replace(/\/+$/u, '')}${search}`;
    }
    return undefined;
  };

  /** An identity's words as the index reads a query's: what `sameIdentity` compares. */
  const identityWords = (identity) => tokenize(identity).map(queryTerm).join(' ');

  /** Whether two identities (the index's `identity`, `queryIdentity`'s) are one: the same words in the same order. */
  const sameIdentity = (a, b) => a !== '' && b !== '' && identityWords(a) === identityWords(b);

  /**
   * MiniSearch's results of `query`, in the order a reader is shown them:
   * the paper the query names by its identity (`queryIdentity`, a result's
   * stored `identity`) first; then a paper one of whose tags or venues the
   * query names (`names`) before the others (a query such as "c++" or
   * "AT&T" asks for it, while its words alone, "c", "at" and "t", are
   * everywhere), then by score (BM25, the fields boosted), equal ones as the
   * papers pages list them: the paper first covered most recently first (the
   * stored `issue`), then by page (`url`). Not in the order given, which is
   * the shards' (newest year first) on the papers page and the database's in
   * `paperboy papers search`: the two listed ties differently. `results` carry
   * the stored `tags`, `venues`, `identity`, `issue` and `url`. Used by
   * `paperboy papers search` and the papers page, over every shard's results
   * at once.
   */
  const rankResults = (query, results) => {
    const wanted = phrase(query);
    const identity = queryIdentity(query);
    const rank = new Map(
      results.map((result) => [
        result,
        identity !== undefined && sameIdentity(result.identity ?? '', identity) ? 2 : wanted !== '' && [...result.tags, ...result.venues].some((name) => names(name, wanted)) ? 1 : 0,
      ]),
    );
    return [...results].sort((a, b) => rank.get(b) - rank.get(a) || b.score - a.score || b.issue - a.issue || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  };

  /**
   * The results of `query` in one shard (`index`, read with `searchOptions`)
   * that `filter` keeps: the paper the query names by its identity
   * (`queryIdentity`: its `identity` field holds those words, and they are
   * its identity's), though the query's own words (`arXiv`, `https`, `pdf`)
   * are in none of its fields, then the papers with every word of the query.
   * Each paper once, for `rankResults`.
   */
  const searchShard = (index, query, filter) => {
    const identity = queryIdentity(query);
    const named =
      identity === undefined || identityWords(identity) === ''
        ? []
        : index.search(identity, { fields: ['identity'], prefix: false, fuzzy: false, combineWith: 'AND', filter: (result) => sameIdentity(result.identity, identity) && filter(result) });
    const seen = new Set(named.map((result) => result.id));
    return [...named, ...index.search(query, { filter }).filter((result) => !seen.has(result.id))];
  };

  /**
   * MiniSearch's options for a search document (search-index.ts,
   * `SearchDocument`): the fields searched (its arXiv id or URL among them,
   * `identity`), the fields a result carries (what
   * the papers page shows and filters by, the same names as the catalog
   * has, and `venues` and `identity` for `rankResults`), and how a query is matched: every
   * word must occur (as the reader expects of a "have we covered this?"
   * search), plural or singular (`stem`), the last one also as a prefix,
   * since it may be half typed, unless it is a single letter (which begins
   * nearly every paper's words); a word in a title weighs most. The ranking is
   * MiniSearch's BM25 (`rankResults` puts a paper a tag or venue names
   * first). A paper covered more than once is found by every title, every
   * author list and every venue it was given (`titles`, `names`, `venues`),
   * and shown with the newest (`title`, `authors`).
   */
  const searchOptions = {
    fields: ['titles', 'names', 'venues', 'tags', 'text', 'identity'],
    storeFields: ['url', 'title', 'authors', 'authorNames', 'year', 'section', 'tags', 'venues', 'identity', 'issue', 'anchor', 'excerpt', 'excerptFrom'],
    tokenize,
    processTerm: indexTerms,
    searchOptions: {
      combineWith: 'AND',
      tokenize: wordsOf,
      processTerm: queryTerm,
      prefix: (term, index, terms) => index === terms.length - 1 && term.length > 1,
      boost: { titles: 3, names: 2, venues: 2, tags: 2 },
    },
  };

  return { tokenize, segmentWords: segment, processTerm, foldName, TRACKING, parseArxivId, arxivIdFromUrl, arxivIdFromMirrorUrl, paperUrl, writtenDoiUrl, identityTargets, rankResults, searchShard, searchOptions };
});
