import type { Link } from 'mdast';
import type { MarkdownText } from '../../issue/model.js';
import type { FileRule } from '../types.js';
import { parseCrossReference } from '../../issue/xref.js';
import { sourceOf, visitMarkdown } from './markdown-texts.js';
import { callWritten, swallowedFootnoteCall } from './swallowed-footnote.js';

/**
 * The label of a link reference definition written before `offset` on its
 * line (`[p]: ` before the address), or undefined. A bare URL after one is
 * a definition its parse made a paragraph's text (one cannot interrupt a
 * paragraph, CommonMark §4.7): the fix is a blank line, not words.
 */
function definitionBefore(source: string, offset: number): string | undefined {
  const line = source.slice(source.lastIndexOf('\n', offset - 1) + 1, offset);
  return /^[ \t]{0,3}\[((?:[^[\]\\]|\\[^])*)\]:[ \t]*$/u.exec(line)?.[1];
}

/**
 * URLs are written as links with words: a bare address reads badly in the
 * email and in the plaintext's numbered references.
 *
 * ok:     `[the paper](https://arxiv.org/abs/2304.15004)`; `<https://arxiv.org/abs/2304.15004>`
 * not ok: `see https://arxiv.org/abs/2304.15004` → Unexpected bare URL `https://arxiv.org/abs/2304.15004`, expected a link with words, such as `[the paper](https://arxiv.org/abs/2304.15004)`
 * not ok: `code at www.example.org/code` → Unexpected bare URL `www.example.org/code`, expected a link with words, such as `[the paper](https://www.example.org/code)`
 * not ok: `We read [it][p].` and on the next line `[p]: https://x.org/p` → Unexpected definition `[p]: https://x.org/p` on the line right after a paragraph, which reads it as its text, expected a blank line before it
 * not ok: `as in <issue:4>` → Unexpected cross-reference written as an autolink, `<issue:4>`, which shows its readers `issue:4` (the email and the pages) or the address it leads to (the plaintext), expected a link with words, such as `[issue 4](issue:4)`
 */

/**
 * A cross-reference (`paper:` or `issue:`, SPEC) written in angle brackets:
 * CommonMark makes it an autolink whose text is the reference itself, so
 * the email and the pages show `paper:2304.15004`, a code no reader knows,
 * and the plaintext the address it resolves to.
 */
function autolinkedReference(link: Link, text: MarkdownText): boolean {
  const [child] = link.children;
  return link.children.length === 1 && child?.type === 'text' && child.value === link.url && sourceOf(text, link).startsWith('<') && parseCrossReference(link.url) !== undefined;
}

/** The link with words to write for an autolinked cross-reference: an issue's name (which needs no "(#N)" after it), or words for a paper. */
function referenceWithWords(url: string): string {
  const reference = parseCrossReference(url)!;
  return reference.kind === 'issue' && reference.issueNumber !== undefined ? `[issue ${reference.issueNumber}](${url})` : `[the paper](${url})`;
}

/**
 * remark-gfm turns a bare `https://…` or `www.…` into a link whose only text
 * is the address itself. Bare e-mail addresses (`mailto:`) are left alone: an
 * address is not a URL a reader would rather see as words.
 */
function isBareUrl(link: Link, text: MarkdownText): boolean {
  const [child] = link.children;
  if (link.children.length !== 1 || child?.type !== 'text') return false;
  const spelledOut = child.value === link.url || child.value === link.url.replace(/^https?:\/\//, '');
  const written = sourceOf(text, link);
  return spelledOut && !written.startsWith('[') && !written.startsWith('<');
}

/**
 * The address a link with words should take for a bare URL: as written, but
 * for a `www.` one, which GFM links with `http://` (its spec, §6.9), given
 * `https://`, the scheme every `www.` site answers on today.
 */
function withScheme(url: string, written: string): string {
  return written.startsWith('www.') && url.startsWith('http://') ? `https://${url.slice('http://'.length)}` : url;
}

const rule: FileRule = {
  id: 'no-bare-url',
  severity: 'warning',
  scope: 'file',
  sent: 'advice',
  doc: 'URLs are written as links with words',
  check({ issue, report, nodePosition }) {
    visitMarkdown(issue, 'link', (node, text) => {
      if (autolinkedReference(node, text)) {
        report({
          message: `Unexpected cross-reference written as an autolink, \`<${node.url}>\`, which shows its readers \`${node.url}\` (the email and the pages) or the address it leads to (the plaintext), expected a link with words, such as \`${referenceWithWords(node.url)}\``,
          position: nodePosition(text, node),
        });
        return;
      }
      if (!isBareUrl(node, text)) return;
      const call = swallowedFootnoteCall(node);
      const label = node.position ? definitionBefore(text.text, node.position.start.offset!) : undefined;
      report({
        message: label !== undefined
          ? `Unexpected definition \`[${label}]: ${node.url}\` on the line right after a paragraph, which reads it as its text, expected a blank line before it`
          : call
          ? `Unexpected footnote call \`[^${call.label}]\` read as part of the bare URL \`${call.address}\` (the link leads to \`${node.url}\` and the note is never shown), expected the URL in angle brackets before the call, \`${callWritten(call)}\`, or a link with words, such as \`[the paper](${call.address})${call.trail}[^${call.label}]\``
          : `Unexpected bare URL \`${sourceOf(text, node)}\`, expected a link with words, such as \`[the paper](${withScheme(node.url, sourceOf(text, node))})\``,
        position: nodePosition(text, node),
      });
    });
  },
};
export default rule;
