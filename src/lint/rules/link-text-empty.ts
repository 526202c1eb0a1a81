import type { Link, LinkReference } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { MarkdownText } from '../../issue/model.js';
import type { FileRuleContext, FileRule } from '../types.js';
import { visitMarkdown } from './markdown-texts.js';

/**
 * Every link has words to click: an empty link is invisible in the email.
 * An image inside a link counts only with alt text (what screen readers say).
 *
 * ok:     `[the paper](https://x.org)`; `[![Figure 1](fig.png)](https://x.org)`
 * not ok: `[](https://x.org)` → Unexpected empty link text, expected words that say where the link goes
 */

function checkLink({ report, nodePosition }: FileRuleContext, node: Link | LinkReference, text: MarkdownText): void {
  // toString counts inline code and images' alt text, and nothing else that is invisible.
  if (toString(node).trim() !== '') return;
  report({ message: 'Unexpected empty link text, expected words that say where the link goes', position: nodePosition(text, node) });
}

const rule: FileRule = {
  id: 'link-text-empty',
  severity: 'error',
  scope: 'file',
  sent: 'report',
  doc: 'Every link has text',
  check(context) {
    visitMarkdown(context.issue, 'link', (node, text) => checkLink(context, node, text));
    visitMarkdown(context.issue, 'linkReference', (node, text) => checkLink(context, node, text));
  },
};
export default rule;
