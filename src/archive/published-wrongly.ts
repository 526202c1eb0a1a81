import type { Position } from 'unist';
import type { Config } from '../config/load.js';
import type { Corpus } from '../issue/corpus.js';
import type { IssueFacts } from '../issue/facts.js';
import type { ParsedIssue } from '../issue/parse.js';
import { unknownReferences } from '../issue/xref-check.js';
import { fileRuleContext } from '../lint/lint-file.js';
import arxivId from '../lint/rules/arxiv-id.js';
import noRawHtml from '../lint/rules/no-raw-html.js';
import paperUrl from '../lint/rules/paper-url.js';
import yamlCommentInText from '../lint/rules/yaml-comment-in-text.js';
import type { FileRule } from '../lint/types.js';
import { paperLink, type LinkContext } from '../render/links.js';
import { isBreakTag } from '../render/raw-html.js';
import type { UnreadValue } from './issue-output.js';

/**
 * What a build says of a parsed issue it publishes besides the values its
 * parser could not read (published.ts `renderIssue`): the cross-references
 * that lead nowhere, and the values the archive shows wrongly or leaves
 * out, each at its line and column in lint's words with what the build
 * did. Pure: reads nothing but its arguments.
 */
export function valuesPublishedWrongly(parsed: ParsedIssue, facts: IssueFacts, config: Config, corpus: Corpus): UnreadValue[] {
  return [...linksLeftOut(facts, corpus), ...wrongValues(parsed, facts, config, corpus)];
}

/**
 * The `paper:` and `issue:` links of a parsed issue that lead nowhere
 * published, which its pages show as their text alone (render/links.ts):
 * told with lint's words (xref-unknown) on every build, as unread values
 * are (when what it read of the other issues reads otherwise, this one is rendered again: issue/corpus.ts `CorpusReads`).
 */
function linksLeftOut(facts: IssueFacts, corpus: Corpus): UnreadValue[] {
  return unknownReferences(facts, corpus).map(({ position, message }) => ({
    line: position.start.line,
    column: position.start.column,
    message: `${message}; the link is left out, its text shown`,
    ruleId: 'xref-unknown',
  }));
}

/**
 * The lint rules whose errors are values the archive shows wrongly or
 * leaves out, with what the build does with such a value. A build does not
 * lint, but says these as it says the values the parser could not read:
 * a `javascript:` URL, an arXiv id that is a URL, a text that a `#` YAML
 * reads as a comment cuts (`title: Paper ranked #1`), raw HTML every
 * output drops (`List<String>` loses `<String>`), all published without
 * a word before. (A date that names no day is not published at all:
 * `publishedFiles`.)
 */
const WRONG_VALUE_RULES: readonly (readonly [FileRule, Outcome])[] = [
  [paperUrl, paperUrlOutcome],
  [arxivId, () => 'its arXiv link may be missing or wrong'],
  [yamlCommentInText, () => 'published without the text from that `#` on'],
  [noRawHtml, (parsed, _links, position) => (inPrivateNote(parsed, position) || isLineBreakAt(parsed, position) ? undefined : 'published without it')],
];

/** What the build published of the value a rule reported at `position` of `parsed`; undefined for a value it does not publish at all (a private note's), of which it says nothing. */
type Outcome = (parsed: ParsedIssue, links: LinkContext, position: Position) => string | undefined;

/** Whether the raw HTML at `position` is a `<br>`: published as the line break it stands for (render/raw-html.ts `isBreakTag`, as no-raw-html judges it), nothing wrong to say of it. */
function isLineBreakAt(parsed: ParsedIssue, position: Position): boolean {
  const { start, end } = position;
  return start.offset !== undefined && end.offset !== undefined && isBreakTag(parsed.source.text.slice(start.offset, end.offset));
}

/** Whether `position` (in the file) lies in a paper's private `notes`, which no page shows. */
function inPrivateNote(parsed: ParsedIssue, position: Position): boolean {
  const at = position.start.offset ?? -1;
  return (parsed.issue?.papers ?? []).some(({ notes }) => notes !== undefined && at >= notes.fileOffset(0) && at <= notes.fileOffset(notes.text.length));
}

/**
 * What became of the paper URL at `position`: the link the pages carry
 * (render/links.ts `paperLink`: percent-encoded), or none when it is
 * refused (`javascript:`, a relative URL).
 */
function paperUrlOutcome(parsed: ParsedIssue, links: LinkContext, position: Position): string {
  const paper = parsed.issue?.papers.find((candidate) => parsed.locate(['papers', candidate.index, 'url']).start.offset === position.start.offset);
  const href = paper && paperLink(paper.url, links).href;
  return href ? `published linking to ${href}` : 'published without a link to the paper';
}

/** The errors `WRONG_VALUE_RULES` find in `parsed` (their warnings are tidy-ups, not wrong values), in lint's words and what the build did. */
function wrongValues(parsed: ParsedIssue, facts: IssueFacts, config: Config, corpus: Corpus): UnreadValue[] {
  const links: LinkContext = { baseUrl: config.baseUrl, corpus, from: facts };
  const found: UnreadValue[] = [];
  for (const [rule, outcome] of WRONG_VALUE_RULES) {
    // These rules are synchronous: check() returns nothing to wait for.
    void rule.check(
      fileRuleContext(parsed, facts, { config, options: undefined }, ({ message, position, severity }) => {
        if ((severity ?? rule.severity) !== 'error') return;
        const published = outcome(parsed, links, position);
        if (published !== undefined) found.push({ line: position.start.line, column: position.start.column, message: `${message}; ${published}`, ruleId: rule.id });
      }),
    );
  }
  return found;
}
