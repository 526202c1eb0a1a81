import type { FileRule } from '../types.js';
import { visitMarkdown } from './markdown-texts.js';

/**
 * Every link goes somewhere: `[x]()` renders as a link to nowhere.
 *
 * ok:     `[the paper](https://x.org)`
 * not ok: `[the paper]()` → Unexpected empty link URL, expected an address such as `https://…`
 */
const MESSAGE = 'Unexpected empty link URL, expected an address such as `https://…`';

const rule: FileRule = {
  id: 'no-empty-link-url',
  severity: 'error',
  scope: 'file',
  sent: 'report',
  doc: 'Every link has a URL',
  check({ issue, report, nodePosition }) {
    // A definition (`[x]: <>`) with no URL empties every link that uses it.
    for (const type of ['link', 'definition'] as const) {
      visitMarkdown(issue, type, (node, text) => {
        if (node.url.trim() === '') report({ message: MESSAGE, position: nodePosition(text, node) });
      });
    }
  },
};
export default rule;
