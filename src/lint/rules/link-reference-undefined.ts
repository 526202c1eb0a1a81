import type { Nodes, Parent } from 'mdast';
import type { MarkdownText } from '../../issue/model.js';
import type { FileRule } from '../types.js';
import { firstDefinitions, nameOf, nodesOfType, textsOf } from './markdown-texts.js';

/**
 * Every link reference (`[the paper][p]`, `[p][]`) has its definition
 * (`[p]: https://…`) in the same text: the body is one scope, and each
 * summary, opinion, notes or prerequisites another, each read on its own.
 * A reference with no definition is no link: the email shows its brackets
 * as written. A shortcut (`[p]`) is reported only when another text of the
 * issue defines its label, since brackets are common prose (`[sic]`,
 * `[1]`). Labels match as CommonMark matches them (§4.7: case-folded, runs
 * of white space as one space). Code, math, escaped brackets (`\[p]`) and
 * footnote references (`[^1]`, footnote-undefined) are not references.
 *
 * ok:     `As [the paper][p] shows.\n\n[p]: https://example.com/paper`; `A remark [sic].`
 * not ok: `As [the paper][p] shows.` in an opinion, `[p]: https://…` in the summary → Unexpected link reference `[the paper][p]` whose label `p` is defined only in the summary of paper 1 (line 20), expected a definition `[p]: …` in the same opinion: each text has its own
 * not ok: `As [the paper][p] shows.` alone → Unexpected link reference `[the paper][p]` with no definition, expected a line `[p]: …` in the same opinion
 * not ok: `As [the paper][p] shows.` and on the next line `[p]: https://…` → Unexpected link reference `[the paper][p]` whose definition `[p]: …` (line 19) continues the paragraph above it, so it is text, expected a blank line before it
 *
 * A definition cannot interrupt a paragraph (CommonMark §4.7): written on
 * the line right after one (a footnote's too), it is that paragraph's text,
 * shown as written, and the reference has none. The writer did write it,
 * so the message names that line and the blank line it needs, shortcut or not.
 */

/** A label: anything but unescaped brackets (CommonMark §4.7). */
const LABEL = String.raw`(?:[^\[\]\\]|\\[^])*`;
/**
 * `[text][label]`, `[label][]` or `[label]`, an image's with its `!`; or an
 * escape (`\[`, `\\`), matched only to be skipped, so that an escaped
 * bracket never opens a reference (a lookbehind counting the backslashes
 * would read a long run of them again at each position).
 */
const REFERENCE = new RegExp(String.raw`\\[^]|!?\[(${LABEL})\](?:\[(${LABEL})\])?`, 'g');
/** The inline nodes whose source is text a reference can be written in; every other one (code, math, a link, HTML) is not. */
const PROSE = new Set<Nodes['type']>(['text', 'emphasis', 'strong', 'delete']);

/** A label as CommonMark (and mdast's `identifier`) matches it: white space collapsed, trimmed, case-folded. */
function identifierOf(label: string): string {
  return label.replace(/[\t\n\r ]+/g, ' ').trim().toLowerCase().toUpperCase().toLowerCase();
}

/** A reference written in a text and left as text (its label matched no definition of that text). */
interface WrittenReference {
  value: string;
  identifier: string;
  /** The label as written (of `[text][label]`, `[label][]` or `[label]`). */
  label: string;
  shortcut: boolean;
  start: number;
  end: number;
}

/**
 * The source of a block of inline content (a paragraph, a heading, a table
 * cell) with its inline nodes that are not prose (code, math, links,
 * images, HTML) blanked out as spaces, so offsets stay the text's. It is
 * read as written rather than node by node, since a reference's link text
 * may hold emphasis, which splits it over several text nodes.
 */
function proseSource(text: MarkdownText, block: Parent, start: number, end: number): string {
  const blanked: [number, number][] = [];
  const walk = (parent: Parent) => {
    for (const child of parent.children) {
      if (PROSE.has(child.type)) {
        if ('children' in child) walk(child);
      } else if (child.position) {
        blanked.push([child.position.start.offset!, child.position.end.offset!]);
      }
    }
  };
  walk(block);
  let source = '';
  let from = start;
  for (const [blankStart, blankEnd] of blanked) {
    source += text.text.slice(from, blankStart) + ' '.repeat(blankEnd - blankStart);
    from = blankEnd;
  }
  return source + text.text.slice(from, end);
}

/** The references written in the prose of `text`: left as text, since no definition of that text matched them (a defined one is a link node, blanked). */
function writtenReferences(text: MarkdownText): WrittenReference[] {
  const found: WrittenReference[] = [];
  const blocks: Parent[] = [...nodesOfType(text, 'paragraph'), ...nodesOfType(text, 'heading'), ...nodesOfType(text, 'tableCell')];
  for (const block of blocks) {
    const start = block.position?.start.offset;
    const end = block.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    for (const match of proseSource(text, block, start, end).matchAll(REFERENCE)) {
      const [value, first, second] = match as unknown as [string, string | undefined, string | undefined];
      if (first === undefined) continue;
      const label = second === undefined || second === '' ? first : second;
      const identifier = identifierOf(label);
      if (identifier === '' || label.startsWith('^')) continue;
      found.push({ value, identifier, label, shortcut: second === undefined, start: start + match.index, end: start + match.index + value.length });
    }
  }
  return found;
}

/**
 * A line that reads as a definition, `[label]: …` (up to three spaces before
 * it), its label captured: at most 999 characters, as CommonMark's (§4.7),
 * so that lines opening a `[` never closed each read a bounded stretch, not
 * the rest of the text.
 */
const DEFINITION_LINE = new RegExp(String.raw`^[ \t]{0,3}\[((?:[^\[\]\\]|\\[^]){0,999})\]:`, 'gm');

/**
 * The lines of `text` written as a definition that its parse made a
 * paragraph's text (the line after a paragraph's, or a footnote's, which a
 * definition cannot interrupt): each label's identifier → the offset of its
 * first such line. A line in code or anywhere but a paragraph is not one.
 */
function stuckDefinitions(text: MarkdownText): Map<string, number> {
  const paragraphs = nodesOfType(text, 'paragraph').flatMap((node) => (node.position ? [[node.position.start.offset!, node.position.end.offset!] as const] : []));
  const stuck = new Map<string, number>();
  for (const match of text.text.matchAll(DEFINITION_LINE)) {
    const at = match.index + match[0].indexOf('[');
    const identifier = identifierOf(match[1]!);
    if (identifier === '' || stuck.has(identifier) || !paragraphs.some(([start, end]) => at > start && at < end)) continue;
    stuck.set(identifier, at);
  }
  return stuck;
}

const rule: FileRule = {
  id: 'link-reference-undefined',
  severity: 'error',
  scope: 'file',
  sent: 'report',
  doc: 'Every link reference (`[text][label]`) has its definition in the same text',
  check({ issue, report, textPosition }) {
    const texts = textsOf(issue);
    const definitions = firstDefinitions(texts, 'definition');
    for (const text of texts) {
      const own = new Set(nodesOfType(text, 'definition').map((node) => node.identifier));
      const stuck = stuckDefinitions(text);
      const stuckAt = new Set(stuck.values());
      for (const reference of writtenReferences(text)) {
        // The label of such a line itself (`[p]` of `[p]: …`) is no reference to report again.
        if (own.has(reference.identifier) || stuckAt.has(reference.start)) continue;
        const elsewhere = definitions.get(reference.identifier);
        const inParagraph = stuck.get(reference.identifier);
        if (reference.shortcut && !elsewhere && inParagraph === undefined) continue;
        const what = `${reference.value.startsWith('!') ? 'image' : 'link'} reference \`${reference.value}\``;
        const label = reference.label.trim();
        const definition = `\`[${label}]: …\``;
        if (inParagraph !== undefined) {
          const line = textPosition(text, inParagraph, inParagraph).start.line;
          const message = `Unexpected ${what} whose definition ${definition} (line ${line}) continues the paragraph above it, so it is text, expected a blank line before it`;
          report({ message, position: textPosition(text, reference.start, reference.end) });
          continue;
        }
        // A shortcut may be brackets meant as text, which an escape keeps.
        const orText = reference.shortcut ? ` (or \`\\[${label}]\` if the brackets are text)` : '';
        const message = elsewhere
          ? `Unexpected ${what} whose label \`${label}\` is defined only in the ${nameOf(elsewhere.text)} (line ${textPosition(elsewhere.text, elsewhere.offset, elsewhere.offset).start.line}), expected a definition ${definition} in the same ${text.field}: each text has its own${orText}`
          : `Unexpected ${what} with no definition, expected a line ${definition} in the same ${text.field}`;
        report({ message, position: textPosition(text, reference.start, reference.end) });
      }
    }
  },
};
export default rule;
