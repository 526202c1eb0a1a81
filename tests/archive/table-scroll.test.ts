import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scrollingTables } from '../../src/archive/table-scroll.js';

const TABLE = '<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n</tbody>\n</table>';

test('a text’s table is wrapped in a box that scrolls sideways, the text around it as it was', () => {
  assert.equal(scrollingTables(`<p>Before.</p>\n${TABLE}\n<p>After.</p>`), `<p>Before.</p>\n<div class="table-scroll">${TABLE}</div>\n<p>After.</p>`);
  assert.equal(scrollingTables(`${TABLE}\n${TABLE}`), `<div class="table-scroll">${TABLE}</div>\n<div class="table-scroll">${TABLE}</div>`);
});

test('a `<table>` inside an attribute value (a link’s title, which hast-util-to-html leaves unescaped there) or escaped in a text is not a table', () => {
  const html = '<p><a href="https://example.org" title="<table> > </table>">a &#x3C;table> in text</a></p>';
  assert.equal(scrollingTables(html), html);
});
