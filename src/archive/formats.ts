import { VERSION } from '../version.js';
import { packageVersion } from './package-version.js';

/**
 * The formats of what a build makes, bumped when paperboy makes it
 * otherwise within one version (a checkout between releases): the build
 * cache's renderings (`INDEX_FORMAT`), the site's plan (`SHAPE_FORMAT`) and
 * the search index's shards (`SHARD_FORMAT`). Each cache keys its files by
 * its own; a site's marker names all three with paperboy's version
 * (build.ts `makers`), so a site made under others is written whole. A
 * small module of its own: a build with nothing to do reads them without
 * loading what makes the files.
 */

/**
 * Another paperboy may summarize differently: its index is not read. Bumped
 * when a rendering changes within a version:
 * v11: a table cell's `\|` in math is a `|` (issue/table-math.ts);
 * v12: a line break in a one-line value (a title, a name) is a space (issue/schema.ts);
 * v13: footnote back-links labelled with the number shown (render/markdown-html.ts);
 * v14: an author list with a "Last, First" name is separated by semicolons (render/format.ts);
 * v15: plaintext keeps code spans, autolinks, math delimiters and list delimiters as written (render/text);
 * v16: a record has its paper's number in the issue (`papers.csv` in reading order);
 * v17: the noncharacters U+FFFE and U+FFFF are U+FFFD, as control characters are (diagnostics/control-characters.ts);
 * v18: plaintext keeps an ordered list's leading zeros, and wraps inline code and math only where they read back the same (render/text);
 * v19: an image from another host inside a link is its text, its own link after (archive/remote-images.ts);
 * v20: a size a formula gives is at most 10em (render/math.ts `KATEX_BOUNDS`);
 * v21: a footnote label other than ASCII letters and digits is escaped in ids, not percent-encoded (issue/footnote-ids.ts);
 * v22: a paper's anchor is never a template's id or a footnote's (issue/anchors.ts);
 * v23: an anchor starting with a digit or holding a combining mark stays as github-slugger gives it (issue/anchors.ts);
 * v24: the plaintext shows display math between its `$$` lines (render/text/blocks.ts `displayMath`);
 * v25: a lone surrogate from a YAML escape is read as U+FFFD (diagnostics/control-characters.ts);
 * v26: the plaintext breaks runs of emoji and decomposed kana (render/text/breaks.ts);
 * v27: in the email, a task item hides its bullet, not the whole list (templates/email.html.hbs);
 * v28: a web text's tables are each in a `.table-scroll` box that scrolls sideways (archive/table-scroll.ts); the issue page names its editor "Edited by", the papers page's lead offers search only once its script runs, every page links its icon (templates/web/).
 * v29: feed entries carry their publication date, "Summarized by", "H/T" and the reviewers' thanks (archive/feeds.ts, site-plan.ts `feedHtml`); the paper page shows "H/T"; the search index holds venues, stems plurals and keeps words whole across an apostrophe (templates/web/search-options.cjs).
 * v30: a paper lists each tag once (issue/names.ts `distinctTags`); an author list's "et al." ends it without "and" (render/format.ts `joinNames`); a paper's pages, lists and data show its facts merged across the issues that cover it (archive/paper-database.ts `paperFacts`).
 * v31: plaintext never wraps so that a line starts with a word that reads as structure, `>`, `-`, `2023.` (render/text/line-start.ts); a code block's tabs are spaces to its own 8-column stops (render/text/tab-stops.ts).
 * v32: a summary's unread values hold the texts a `#` comment cuts (lint's yaml-comment-in-text, archive/published-wrongly.ts `WRONG_VALUE_RULES`).
 * v33: a paper without an arXiv id or a URL (none, or a text such as `TBD`) has an id of its own, `issue:5/1`, not the `url:` every such paper shared (issue/paper-id.ts).
 * v34: a record's summary holds its excerpt, the first sentence of its summary (issue-output.ts `RecordSummary`), which papers/catalog.js shows.
 * v35: an issue with a YAML tag on a frontmatter value (`title: !Surprise …`, whose text YAML drops) is not published (issue/yaml-tags.ts).
 * v36: an entry holds what its rendering read of the other issues (issue/corpus.ts `CorpusReads`); its key no longer holds every issue's facts.
 * v37: a paper with a placeholder URL (`https://example.org/TODO-the-paper`) has an id of its own, `issue:5/1` (issue/paper-id.ts).
 * v38: a `paper:` link copying a URL with percent-escapes (`%26`, `%23`) names that paper, not the URL decoded (issue/xref.ts).
 * v39: the plaintext keeps the spaces written inside inline math's dollars (`$ 5 and $`), and a title's orphan rule adds no space inside a run of CJK (render/text); raw HTML dropped is among what a build says it published wrongly (published-wrongly.ts).
 * v40: what an issue was published without names a key that is not text at the key (diagnostics/yaml-locate.ts).
 * v41: a file with more than 10,000 `$` or 10,000 URLs is over the limits, and published without (issue/limits.ts).
 * v42: the HTML email shows inline math between the dollars it was written with (render/html-rewrite.ts `writtenFormula`).
 * v43: a raw `<br>` is a line break in every output, not dropped (render/raw-html.ts).
 * v44: the plaintext puts no space at a line break between two Chinese or Japanese characters (render/text/inline.ts `softBreaksJoined`).
 * v45: raw HTML shows its text in every output: an HTML block as a paragraph, a tag set apart between two words as a space (render/raw-html.ts).
 * v46: the plaintext's link numbers skip a number the texts show in brackets (`as [1] shows`; render/text/references.ts).
 * v47: raw HTML's text as a browser shows it: a block's own line breaks are spaces, inline `<script>` and `<style>` hold nothing, control characters are U+FFFD (render/raw-html.ts).
 * v48: a plaintext table with a `|` in a cell's text sets its columns apart by alignment alone (render/text/table.ts).
 * v49: an HTML block in a tight list item starts a line of its own; a loose list's items set their blocks apart in the plaintext (render/tight-lists.ts).
 * v50: search's and excerpts' words apart at a hard break, an image by its alt text, an unreferenced footnote left out (archive/issue-output.ts `plainWords`).
 * v51: the plaintext's link numbers skip a number shown in brackets in code, math, raw HTML or an image's alt text too (render/text/references.ts).
 * v52: RSS and Atom show a name or description holding `&amp;` as written (archive/feeds.ts `xmlJsText`); no feed holds a character XML 1.0 forbids (`xmlCharacters`).
 * v53: a summary holds `pageHash`, its output's hash without the email, which the issue's page, the feeds and papers.csv are keyed by (build-cache.ts `storedOutput`).
 * v54: the plaintext writes emphasis within a word between asterisks (`2*3*4`, was `2_3_4`; render/text/neighbours.ts).
 * v55: the plaintext sets a footnote's marker apart after a number or a superscript (`1,000 ¹`, `x² ¹`, `¹ ²`; render/text/neighbours.ts).
 * v56: the HTML email's footer shows a postal address written over lines with a `<br>` between them (render/helpers.ts `lineBreaks`).
 * v57: the plaintext cuts a URL over 998 octets again, as SPEC's "no line over 998 octets" asks (a merge kept it whole for a while).
 * v58: a template's path through a block parameter (`paper.sumary` in `{{#each papers as |paper|}}`) is strict: a misspelt one is an error, not nothing rendered (render/strict-block-params.ts).
 * v59: a summary holds a hash of each email file (`email.html`, `email.txt`), which keys that file alone, instead of one hash of the whole output (build-cache.ts `storedOutput`).
 * v60: an HTML email whose unsubscribe link or postal address is hidden by `aria-hidden`, `opacity: 0`, `font-size: 0`, the background's colour or a box of no height is refused (render/visible-html.ts).
 * v61: a paper with more than 50 tags is published without them, a frontmatter-schema error (issue/limits.ts `MAX_PAPER_TAGS`).
 * v62: a file of more than 50,000 lines is over the limits, not published (issue/limits.ts `MAX_FILE_LINES`).
 * v63: the plaintext sets a footnote's marker apart after a closing bracket, a percent or degree sign or a prime too (`(7) ¹`, `50% ¹`; render/text/neighbours.ts).
 * v64: a paper's 50 tags are counted each once (issue/names.ts `distinctTags`): one that writes a tag twice is published with its tags.
 * v65: search's and excerpts' words keep math between its dollars, as the plaintext writes it (`$O(n^2)$`; archive/issue-output.ts `plainWords`).
 * v66: an HTML email whose unsubscribe link or postal address is off the screen, clipped or scaled to nothing (render/css-offscreen.ts), or coloured as its background in any CSS colour notation (color-string), is refused.
 * v67: an output and its summary say whether the issue is a draft (`draft`), which its page shows (issue-output.ts).
 * v68: an HTML email whose footer is moved away by `position: fixed; bottom`, a margin or a translation, or set too small to read (`font-size: 1px`), is refused.
 * v69: a record's excerpt is cut between words, before a formula or a URL that would not fit whole, and its sentence ends outside math (archive/excerpt.ts `firstSentence`).
 * v70: an HTML email whose footer is in a closed `<details>` is refused (render/visible-html.ts).
 * v71: a name written "Last, First" right before "et al." reads "First Last" (render/format.ts `listedNames`, `briefAuthors`).
 * v72: the HTML email shows display math between its `$$` lines (render/html-rewrite.ts `writtenFormula`).
 * v73: a sentence ending inside a quotation or an aside (`paper."`, `paper.)`) ends there, its cross-reference's "(#N)" kept (render/issue-suffix.ts).
 * v74: the plaintext's non-ASCII autolink is followed by a reference to its percent-encoded URL, and no address is broken between the Chinese or Japanese characters it holds (render/text/inline.ts `printedLink`).
 * v75: the plaintext joins a line break between two Chinese or Japanese characters across emphasis and links too (render/text/soft-breaks.ts).
 * v76: a summary holds its `lead`, the words of its first paragraph of prose and where math is in them (archive/words.ts `leadWords`), which a record's excerpt is taken from: code, a quote or a table before it is not run into it, a `\$` is no math, and its sentence does not end at "e.g.", "et al.", "Fig." or an initial (archive/excerpt.ts `firstSentence`).
 * v77: a record's excerpt ends at a single capital or "et al." when the word after opens a sentence ("model B. Then", "Appendix C. The"), not at an initial of a name (archive/excerpt.ts `endsSentenceAt`).
 * v78: a record's excerpt ends at a Chinese or Japanese stop (`。`), is cut between the words of text without spaces (Chinese, Japanese, Thai) rather than left empty, and its sentence does not end at a stop before a lower-case word or a digit ("p. 5", "Inc. and") (archive/excerpt.ts).
 * v79: two names of which one is written "Last, First" are joined "Vaswani, Ashish; and Noam Shazeer", and the reviewers' thanks reads each reviewer "First Last" (render/format.ts `joinNames`, `namesInProse`).
 * v80: a record's excerpt does not end at a `!` or `?` before a lower-case word ("Yahoo! researchers", "the why? question"; archive/excerpt.ts `endsSentenceAt`).
 * v81: a cross-reference whose text names its issue (`[#1](issue:1)`, `[in #1](paper:…)`) is not followed by "(#1)" again (render/issue-suffix.ts `namesIssue`).
 * v82: a Markdown text block holding right-to-left letters is `dir="auto"` (render/block-direction.ts); a paper's title, each author name, its venue, a section's title, "Summarized by" and "H/T" holding them are isolated in the email, the feeds and the plaintext (render/bidi.ts).
 * v83: a frontmatter value's PDI or PDF that closes nothing is left out (issue/bidi-controls.ts), so it cannot end the isolate around the value; a plaintext line cut inside a value's own isolate (U+2066, U+2067) reopens it (render/bidi.ts `balanceIsolates`).
 * v84: a cross-reference whose text holds its issue's number as something else (`the #1 model on MMLU`) keeps its "(#1)": only a text ending in the issue's name (`in #1`, `#1’s`) drops it (render/issue-suffix.ts `namesIssue`).
 * v85: a plaintext line cut at 998 octets inside an isolated right-to-left value closes the isolate at the cut and opens it again after (render/text/octets.ts).
 * v86: the plaintext fills a line wrapped under a prefix of another width than its first line's (a title's `1. ` over a hanging indent) to 72 columns after its own prefix, not to 72 less the widest (render/text/wrap.ts `wrapText`).
 * v87: the email isolates a right-to-left newsletter name in its header and in "You receive … because" (`<bdi>`, U+2068…U+2069; templates/partials/header.*, footer.*).
 * v88: a record's excerpt does not end at a fullwidth `．` between digits (`１．５`, a decimal point; archive/excerpt.ts `endsSentenceAt`).
 * v89: the HTML and a record's excerpt leave out a soft line break between two Chinese or Japanese characters, as the plaintext does (render/text/soft-breaks.ts `withUnspacedBreaksJoined`): Chrome showed it as a space; a one-line value (a title, a name, a venue) written over lines joins them there without a space too (issue/unspaced-script.ts `joinedLines`).
 * v90: an issue's published `email.html` and `email.txt` link the unsubscribe page without a token (`<baseUrl>unsubscribe`, which says how to leave), not `?token=PLACEHOLDER`, which the server answers "not valid" (archive/issue-output.ts).
 * v91: a paper's anchor is never the paper page's `bibtex-entry` or `copy-status` (issue/anchors.ts).
 * v92: the email declares the config's `language` (`<html lang>`, and `dir="rtl"` with mirrored sides for a right-to-left one, whose left-to-right values are isolated; templates/email.html.hbs, render/bidi.ts), not always `en`.
 * v93: a paper's record holds the identities it was published under before (`formerly`), whose old pages lead to its page (archive/former-pages.ts).
 * v94: an issue's output holds the numbers it was published under before (`formerly`), whose old addresses lead to its page and whose first is its feed entry's id (archive/former-issue-pages.ts).
 * v95: an issue's rendering says paperboy's words in the config's `words:` (config/words.ts): its section titles "Highlights" and "Other papers", its date, the reviewers' thanks and each email's own words.
 * v96: an `issue:` link to a number an issue was renumbered from (its `formerly`) leads to that issue's page, "(#N)" its number now, where it was left out (issue/corpus.ts).
 * v97: a newsletter whose `language` is not English joins a paper's authors in its language ("A, B und C"; render/format.ts `joinNames`), and the reviewers too once `words.reviewersThanks` translates their sentence.
 * v98: a summary holds the images of the site's own its issue shows (`images`, issue/site-images.ts), which every build looks for among the site's files (published.ts `missingImages`).
 * v99: the plaintext writes a cross-reference's address as the URL Standard serializes it, its anchor percent-encoded (`#r%C3%A9sum%C3%A9`, render/text/inline.ts `printedLink`), as `papers.json` writes a summary's `url` (render/links.ts `serializedUrl`).
 * v100: the plaintext's cut of a line past 998 octets never falls inside a link's `[12]`, a cross-reference's `(#3)` or a note's marker (render/text/octets.ts `MARKER`).
 * v101: a record's excerpt writes struck text between `~~` and skips a paragraph of images alone (archive/words.ts `leadWords`).
 * v102: a record's texts lead a link to an anchor of the issue's page (`#second-paper`) to that page, as an absolute URL (archive/fragment-links.ts), where it led to nothing on the paper's page and was the one relative URL of papers.json.
 * v103: a record's excerpt and search words keep a no-break space (U+00A0, U+2007, U+202F), which no excerpt is cut at and after which no sentence ends (archive/excerpt.ts `BREAKING_SPACE`): "The model has 175…" was cut inside "175 000 000".
 * v104: the email isolates with `<span dir="auto">` (not `<bdi>`), its footnotes are a `<div>` (not `<section>`) and each target of a link within it has an empty `<a name>` (render/mail-client-markup.ts): what Gmail and Outlook keep.
 * v105: the email's column table says the newsletter's language (`lang`, templates/email.html.hbs), which Gmail keeps where it drops `<html lang>`.
 * v107: a paper linked on another site's page of an arXiv paper is that arXiv paper, a DOI link one paper in any case or host, an OpenReview PDF its forum (issue/paper-id.ts); a record's `formerly` holds the identity paperboy 0.8.0 gave it (`urlFormIdentity`).
 * v108: a template printing a value that cannot print (a rich text, a list or a group of fields as "[object Object]", a field without a value as nothing) is an error at its place, not a rendering (render/printed-values.ts): a site built with such an override renders again, and says so.
 */
export const INDEX_FORMAT = `build-index-v108-${VERSION}`;

/**
 * Another way of planning may key files otherwise: a shape it made is not this one's.
 * v2: author and tag folders transliterate their letters (paper-database.ts `facetSlug`);
 * v3: names that differ in a letter NFKD leaves whole (`Łukasz`, `Lukasz`) are one author or tag (search-options.cjs `UNDECOMPOSED`);
 * v4: a paper's facts are merged across the issues that cover it (paper-database.ts `paperFacts`), "Last, First" and "First Last" are one author, "et al." is none (issue/names.ts).
 * v5: a paper without an arXiv id or a URL is a paper of its own (`issue:5/1`, issue/paper-id.ts), with its own page, not one page for all of them.
 * v6: papers/catalog.js carries each paper's `anchor` and `excerpt` (`catalog`), and is made again when an issue's output changes.
 * v7: an author or a tag is named by its spelling composed (NFC), spellings that differ only in how an accent is encoded counted as one (paper-database.ts `mostUsed`).
 * v8: citation keys that meet take `b`, `c`… in order of first coverage, not of id (bibtex.ts `citationKeys`).
 * v9: a tag or an author named with either apostrophe, or none, is one (issue/names.ts, `foldName`).
 * v10: a brace in a BibTeX field is `\textbraceleft{}`/`\textbraceright{}`, not `\{` (bibtex.ts `escapeBibtex`).
 * v11: a feed entry's paper title links to the paper, not to its anchor on the issue page (site-plan.ts `feedHtml`).
 * v12: a paper covered again outside any section is listed under the newest section it had (paper-database.ts `paperFacts`).
 * v13: papers/catalog.js carries `authorNames` (every author name, for the author filter) instead of `aka` (`catalogEntry`).
 * v14: a page's key holds the templates it reads, not every partial (render/template-reads.ts).
 * v15: a template's path through a block parameter is strict, a misspelt one an error rather than nothing rendered (render/strict-block-params.ts).
 * v16: a row of a list of papers names at most 20 authors, else its first 10 and "and N more authors" linking to the paper's page (pages.ts `rowAuthors`).
 * v17: the papers page's section filter in the config's `sections` order, a parent and "No section" choices too (section-choices.ts), the config's `sections` among the settings; a year's page titled as its heading; an author page's heading "First Last"; a draft's page marked and `noindex`.
 * v18: an issue page's key holds the other issues that covered each of its papers ("Also covered in #5", pages.ts `issuePage`).
 * v19: a draft (`build --drafts`) is in no feed and not in the sitemap, which lists only pages without `noindex` (site-plan.ts).
 * v20: the marker keeps each file's size as written (`file <key> <size> <path>`), which the next build compares with the file's (site-marker.ts `filesNotAsWritten`).
 * v21: a BibTeX field writes a backtick, `--`, `''`, `,,`, `|` and `"` so LaTeX prints them as written (`\textasciigrave{}`, `-{}-`…, bibtex.ts `escapeBibtex`).
 * v22: a row of a list of papers names its authors one at a time (`authorsListed`) and a paper's page its venue apart from its year (`sourceListed`), so that each right-to-left one is isolated (render/bidi.ts); papers/catalog.js carries `authors` as `[name, after]` pairs (render/format.ts `namePairs`).
 * v23: a row of a list of papers has its section path one section at a time (`sectionListed`), a tag's and an author's page its heading in pieces (`pageHeading`), so that a right-to-left name in them is isolated; the newsletter's name is isolated on every page (templates/web/).
 * v24: the RSS feed's channel description is escaped as HTML, as its readers read it (archive/feeds.ts).
 * v25: the papers page's search form and the lead offering it are shown by the stylesheet where scripts run (no `hidden` form that papers.js shows), so the list does not move as the page loads (templates/web/paper-list.html.hbs).
 * v26: a link whose words say where it leads only beside its paper or row ("All about this paper", "#5", "HTML", "plaintext") is named for a screen reader's list of links (`aria-label`, templates/web/issue.html.hbs, paper-list.html.hbs).
 * v27: a paper's page has a "Copy BibTeX" button and its script (templates/web/copy.js, pages.ts `paperPage`).
 * v28: every page declares the config's `language` (`<html lang>`, `dir="rtl"` for a right-to-left one; templates/web/layout.html.hbs), which is among the settings, and so do the feeds (RSS `<language>`, Atom `xml:lang`, JSON Feed 1.1 `language`; archive/feeds.ts); the stylesheet's sides are a line's start and end; a right-to-left newsletter's pages and feed entries isolate its left-to-right values (render/bidi.ts), its entries a `<div dir="rtl">`.
 * v29: the pages say paperboy's words in the config's `words:` (config/words.ts; the built-in templates' `{{word …}}`, the titles, leads and captions of pages.ts, the papers page's script's messages in its form's `data-words`), which is among the settings.
 * v30: a newsletter whose `language` is not English joins authors in its language on a paper's page, in a list's rows and in papers/catalog.js (render/format.ts `joinNames`).
 * v31: a page shows the site's own images (`staticDir`'s, written under `baseUrl` or from it) by a URL relative to the page, as it links the site's pages (page-render.ts `siteRelative`), so a local view (`serve --dev`, the site opened from disk) shows them.
 * v32: a page shows a text's code that names the site's address (`<a href="https://…/">` in a code span) as written; only attributes under `baseUrl` are made relative (page-render.ts `siteRelative`).
 * v33: the papers page's "No section" choice has the value ` ` (`section=+` in the address), which no section can have, not `(none)`, a section's name too (section-choices.ts `NO_SECTION`).
 * v34: papers/catalog.js carries `excerptFrom`, the issue and anchor of the summary a paper covered in several issues has its excerpt from, which the papers page shows as "#12: " before it (catalog.ts `excerptSource`).
 * v35: an author written "First Last, Jr." (a suffix after the comma: names.ts `suffixed`) is the author "First Last Jr.", not "Jr. First Last" read as "Last, First", and papers.bib writes a name with a suffix "King, Jr., Martin Luther" (bibtex.ts `authorValue`).
 */
export const SHAPE_FORMAT = 'site-shape-v35';

/**
 * What a stored shard was made by: another MiniSearch, options or document
 * layout (a paperboy release) makes it stale, and so does another ICU (a
 * Node.js release), whose dictionaries split the words of Chinese, Japanese
 * or Thai (search-options.cjs, `tokenize`). Bumped when the options index
 * otherwise within a version:
 * v2: letters NFKD leaves whole folded to ASCII (search-options.cjs `UNDECOMPOSED`).
 * v3: venues indexed and stored; plurals stemmed; words kept whole across an apostrophe (search-options.cjs `indexTerms`).
 * v4: a paper's facts merged across its coverage (paper-database.ts `paperFacts`), `authors` joined as the pages join them, `aka` one name a line with "Last, First" names also as "First Last", no "et al." among `names`.
 * v5: a paper's identity (arXiv id or URL) indexed (`identity`).
 * v6: singulars in "-is" and "-ias", and a few Greek and Latin plurals, stemmed (search-options.cjs `stem`).
 * v7: a paper's `section` is the newest its coverage names (paper-database.ts `paperFacts`).
 * v8: `authorNames` (every author name, for the author filter) stored instead of `aka` (paper-database.ts `authorFilterNames`).
 * v9: a paper's `identity` stored too, so the papers page finds the paper a query names by its id or URL first (search-options.cjs `searchShard`).
 * v10: a stored `excerpt` is cut between words, never inside a formula or a URL (archive/excerpt.ts `firstSentence`).
 * v11: a stored `excerpt` is the first sentence of the summary's first paragraph of prose, not ending at "e.g.", "et al.", "Fig." or an initial, a `\$` no math (archive/excerpt.ts `firstSentence`).
 * v12: a stored `excerpt` ends at a single capital or "et al." when the word after opens a sentence ("model B. Then"), not at an initial of a name (archive/excerpt.ts `endsSentenceAt`).
 * v13: a stored `excerpt` ends at a Chinese or Japanese stop, is cut between the words of text without spaces rather than left empty, and does not end at a stop before a lower-case word or a digit (archive/excerpt.ts).
 * v14: a stored `excerpt` does not end at a `!` or `?` before a lower-case word ("Yahoo! researchers"; archive/excerpt.ts `endsSentenceAt`).
 * v15: `authors` stored one name at a time, `[name, after]` pairs, which the papers page isolates each (render/format.ts `namePairs`).
 * v16: a stored `excerpt` does not end at a fullwidth `．` between digits (`１．５`, a decimal point; archive/excerpt.ts `endsSentenceAt`).
 * v17: a paper's text and `excerpt` leave out a soft line break between two Chinese or Japanese characters (`中文⏎中文` is `中文中文`, not two words; render/text/soft-breaks.ts `withUnspacedBreaksJoined`), and so do titles and names written over lines (issue/unspaced-script.ts `joinedLines`).
 * v18: a number with a point between its digits is one word (`3.5`, `GPT-3.5`, `2309.08600`; search-options.cjs `WORD`), not two.
 * v19: words joined by hyphens are indexed joined too (`GPT-4` also `gpt4`, `Llama-2-7B` also `llama2` and `llama27b`; search-options.cjs `tokenize`), a query read without (`wordsOf`).
 * v20: a shard is assembled from its papers' parts, its terms in code-unit order (search-parts.ts `assembleShard`); the parts are stored beside it.
 * v21: a newsletter whose `language` is not English has its `authors` joined in its language (render/format.ts `joinNames`), that language part of a shard's key (search-index.ts `shardKey`).
 * v22: `excerptFrom` stored, the issue and anchor of the summary a paper covered in several issues has its excerpt from (catalog.ts `excerptSource`).
 * v23: an old-style arXiv id's subject class is no part of a paper's id (`math.GT/0309136` is `math/0309136`).
 * v24: a paper linked on another site's page of an arXiv paper (Hugging Face, ar5iv, alphaXiv, browse.arxiv.org, arXiv's DOI) is that arXiv paper; a DOI link's identity is its DOI in lower case at doi.org, an OpenReview PDF's its forum (issue/paper-id.ts).
 */
export const SHARD_FORMAT = `search-shard-v24-minisearch-${packageVersion('minisearch')}-${VERSION}-icu-${process.versions.icu ?? 'none'}`;
