/**
 * A cross-reference is followed by the issue it leads to, "(#4)" (SPEC). When
 * two links of one sentence lead to the same issue ("the [influence functions
 * paper](paper:2308.03296) we covered [last month](issue:4)"), the number is
 * written once, after the last of them: twice reads as a stutter.
 *
 * Given a run of sibling nodes, the cross-references whose "(#N)" is left out:
 * those followed, before the sentence ends (`.`, `!`, `?`, `;` or `:` then a
 * space or the end of the text, any closing quotes or brackets between them
 * belonging to the end: `paper."` then a space, `paper.)`), by another
 * cross-reference to the same issue.
 * `issueOf` gives a node's issue when it is a cross-reference; `textOf` the
 * text of any other node (where a sentence may end). One rule for the HTML,
 * the plaintext and the terminal preview.
 */
export function repeatedIssueSuffixes<N>(nodes: readonly N[], issueOf: (node: N) => number | undefined, textOf: (node: N) => string): Set<N> {
  const repeated = new Set<N>();
  let previous: { node: N; issue: number } | undefined;
  for (const node of nodes) {
    const issue = issueOf(node);
    if (issue !== undefined) {
      if (previous?.issue === issue) repeated.add(previous.node);
      previous = { node, issue };
    } else if (SENTENCE_END.test(textOf(node))) {
      previous = undefined;
    }
  }
  return repeated;
}

/** A terminator, the closing quotes and brackets of a quotation or an aside it ends (`."`, `.’»`, `.)`), then a space or the end. */
const SENTENCE_END = /[.!?;:]["'”’»)\]]*(\s|$)/u;
