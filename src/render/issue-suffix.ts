/**
 * A cross-reference is followed by the issue it leads to, "(#4)" (SPEC). When
 * two links of one sentence lead to the same issue ("the [influence functions
 * paper](paper:2308.03296) we covered [last month](issue:4)"), the number is
 * written once, after the last of them: twice reads as a stutter.
 *
 * A link whose own text names its issue already (`[#1](issue:1)`, `covered
 * [in #1](paper:…)`, `[issue 2](issue:2)`) gets none either: "#1 (#1)" is
 * the same stutter.
 *
 * Given a run of sibling nodes, the cross-references whose "(#N)" is left out:
 * those followed, before the sentence ends (`.`, `!`, `?`, `;` or `:` then a
 * space or the end of the text, any closing quotes or brackets between them
 * belonging to the end: `paper."` then a space, `paper.)`), by another
 * cross-reference to the same issue, and those whose text names their issue.
 * `issueOf` gives a node's issue when it is a cross-reference; `textOf` the
 * text of any other node (where a sentence may end); `linkTextOf` the text a
 * cross-reference shows. One rule for the HTML, the plaintext and the
 * terminal preview.
 */
export function repeatedIssueSuffixes<N>(
  nodes: readonly N[],
  issueOf: (node: N) => number | undefined,
  textOf: (node: N) => string,
  linkTextOf: (node: N) => string,
): Set<N> {
  const repeated = new Set<N>();
  let previous: { node: N; issue: number } | undefined;
  for (const node of nodes) {
    const issue = issueOf(node);
    if (issue !== undefined) {
      if (previous?.issue === issue) repeated.add(previous.node);
      if (namesIssue(linkTextOf(node), issue)) repeated.add(node);
      previous = { node, issue };
    } else if (SENTENCE_END.test(textOf(node))) {
      previous = undefined;
    }
  }
  return repeated;
}

/**
 * Whether a link's text names issue `issue` as a reader would, where the
 * "(#4)" would follow it: `#4`, `in #4`, `issue 4`, `Issue #4`, then only
 * closing punctuation, or `#4’s summary` (not `#41`, `#4.2` or `a#4`; nor
 * a number that is something else, `the #4 model on MMLU`, `issue 4 of the
 * tracker`, whose "(#4)" is the only word of the issue the reader gets).
 */
export function namesIssue(text: string, issue: number): boolean {
  const number = String(issue);
  for (const match of text.matchAll(ISSUE_NAME)) if (match[1] === number) return true;
  return false;
}

/**
 * An issue's name in a link's text, its number captured: compiled once (a
 * `\p{…}` pattern built per link took 1.7 ms an issue of a cold build,
 * measured on the bench corpus). The digits are always the whole run, as
 * what may follow them is no digit, so comparing the capture with the
 * number is the pattern with the number written in.
 */
const ISSUE_NAME = /(?:(?<![\p{L}\p{N}_])#|\bissue\s*#?)(\d+)(?=['’]s\b|[\s\p{P}]*$)/giu;

/** A terminator, the closing quotes and brackets of a quotation or an aside it ends (`."`, `.’»`, `.)`), then a space or the end. */
const SENTENCE_END = /[.!?;:]["'”’»)\]]*(\s|$)/u;
