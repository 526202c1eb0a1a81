import { scalarOffsetMap } from '../../issue/scalar-offsets.js';
import { textFields } from '../../issue/text-fields.js';
import type { FileRule } from '../types.js';

/**
 * An author is a person (or a team): `et al.` is not one. paperboy shortens
 * a long list itself (an email writes "First Author et al." past
 * `email.maxAuthors`, the archive lists every name), and an `et al.`
 * written into the list would be printed as a name, indexed as one and
 * given an author page. An entry that is `et al`, `et al.`, `and others`,
 * `others`, `…` or `...` (any case), or a name that ends with one
 * (`Leo Gao et al.`), is a warning: list the authors, or leave the entry
 * out. There is no fix: only the editor knows the names left out.
 *
 * ok:     `authors: [Leo Gao, Stella Biderman, Sid Black]`; `authors: [Alice Others]`
 * not ok: `authors: [Leo Gao, Stella Biderman, et al.]` → Unexpected `et al.` as an author, expected every author listed (paperboy shortens a long list itself, past `email.maxAuthors`) or the entry left out
 */
const rule: FileRule = {
  id: 'author-et-al',
  severity: 'warning',
  scope: 'file',
  sent: 'report',
  doc: 'No `et al.`, `and others` or `…` written as an author: paperboy shortens long author lists itself',
  check({ parsed, report }) {
    if (!parsed.document) return;
    const offset = parsed.frontmatterOffset;
    for (const { key, node } of textFields(parsed.document)) {
      if (key !== 'authors' || typeof node.value !== 'string') continue;
      const match = ET_AL.exec(node.value);
      if (!match) continue;
      const start = match.index + match[1]!.length;
      const toYaml = scalarOffsetMap(node, parsed.source.text.slice(offset));
      report({
        message: `Unexpected \`${match[2]!}\` as an author, expected every author listed (paperboy shortens a long list itself, past \`email.maxAuthors\`) or the entry left out`,
        position: parsed.lines.position(offset + toYaml(start), offset + toYaml(match.index + match[0].trimEnd().length - 1) + 1),
      });
    }
  },
};

/** The whole entry, or its end after a name and a space or comma: `et al.`, `and others`, `others`, `…`, `...`. */
const ET_AL = /(^\s*|[\s,]+)(et\.?\s*al\b\.?|and\s+others|(?<=^\s*)others|…|\.{3})\s*$/iu;

export default rule;
