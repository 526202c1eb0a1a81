import { scalarOffsetMap } from '../../issue/scalar-offsets.js';
import { textFields } from '../../issue/text-fields.js';
import type { FileRule } from '../types.js';

/**
 * A title is plain text: the is the email's subject line, a paper's
 * heads its summary, its page, the papers lists, the feeds and `papers.bib`,
 * each showing it as written. Math written in one (`$\alpha$-divergence`)
 * is typeset nowhere: readers see the dollars and the TeX. A warning with
 * no fix: write the symbol itself (α) or the words.
 *
 * Math is told from prices as Pandoc and `math-syntax` tell them: a `$`
 * not escaped, followed by a character that is not a space, closed by a
 * `$` after one that is not a space, and not followed by a digit.
 *
 * ok:     `title: "α-divergence and $5 to $10 of compute"`
 * not ok: `title: "$\alpha$-divergence"` → Unexpected math `$\alpha$` in a title, expected its characters written out (α, x², ≤) or words: a title is plain text, shown as written on every page, feed and subject line
 */
const rule: FileRule = {
  id: 'title-math',
  severity: 'warning',
  scope: 'file',
  sent: 'report',
  doc: 'No `$…$` math in an issue or paper title: titles are plain text, shown as written everywhere',
  check({ parsed, report }) {
    if (!parsed.document) return;
    const offset = parsed.frontmatterOffset;
    for (const { key, node } of textFields(parsed.document)) {
      if (key !== 'title' || typeof node.value !== 'string') continue;
      const toYaml = scalarOffsetMap(node, parsed.source.text.slice(offset));
      for (const match of node.value.matchAll(MATH)) {
        report({
          message: `Unexpected math \`${match[0]}\` in a title, expected its characters written out (α, x², ≤) or words: a title is plain text, shown as written on every page, feed and subject line`,
          position: parsed.lines.position(offset + toYaml(match.index), offset + toYaml(match.index + match[0].length - 1) + 1),
        });
      }
    }
  },
};

/** `$…$` or `$$…$$` that reads as math, not as prices (see above). */
const MATH = /(?<![\\$])(\${1,2})(?=[^\s$])[^$\n]*[^\s$\\]\1(?![\d$])/gu;

export default rule;
