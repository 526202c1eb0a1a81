import type { FileRule } from '../types.js';
import { visitMarkdown } from './markdown-texts.js';

/**
 * Every image has alt text: many mail clients block images, and screen
 * readers read the alt text instead.
 *
 * ok:     `![Loss curves of both runs](fig.png)`
 * not ok: `![](fig.png)` → Unexpected image without alt text, expected a description, as in `![Loss curves](fig.png)`
 */
const MESSAGE = 'Unexpected image without alt text, expected a description, as in `![Loss curves](fig.png)`';

const rule: FileRule = {
  id: 'image-alt-required',
  severity: 'error',
  scope: 'file',
  sent: 'report',
  doc: 'Every image has alt text',
  check({ issue, report, nodePosition }) {
    for (const type of ['image', 'imageReference'] as const) {
      visitMarkdown(issue, type, (node, text) => {
        if (!node.alt?.trim()) report({ message: MESSAGE, position: nodePosition(text, node) });
      });
    }
  },
};
export default rule;
