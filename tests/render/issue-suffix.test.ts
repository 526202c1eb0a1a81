import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMarkdown } from '../../src/issue/markdown.js';
import { FootnoteNumbering, fragmentToHtml, markdownToHast } from '../../src/render/markdown-html.js';
import { issueFacts, linkContext, render } from './text/fixture.js';

const links = linkContext([issueFacts(1, [{ id: 'arxiv:2304.15004', title: 'Mirage', anchor: 'mirage' }])]);

/** The HTML of one text, its hrefs left out: where "(#1)" stands is the point. */
function html(markdown: string): string {
  return fragmentToHtml(markdownToHast(parseMarkdown(markdown), { idPrefix: 'x-', links }).content, new FootnoteNumbering()).replace(/ href="[^"]*"/g, '');
}

test('a sentence ending inside a quotation or an aside ends there: its cross-reference keeps its "(#N)"', () => {
  const quoted = 'He said "read [the mirage paper](paper:2304.15004)." Then [issue one](issue:1) again.';
  assert.equal(html(quoted), '<p>He said "read <a>the mirage paper</a> (#1)." Then <a>issue one</a> (#1) again.</p>');
  assert.equal(render(quoted, { links }), 'He said "read the mirage paper (#1) [1]." Then issue one (#1) [2] again.');
  const aside = 'Also (see [the mirage paper](paper:2304.15004).) Then [issue one](issue:1) again.';
  assert.equal(html(aside), '<p>Also (see <a>the mirage paper</a> (#1).) Then <a>issue one</a> (#1) again.</p>');
  for (const closed of ['.”', '!’»', '?)]', '."']) {
    assert.match(html(`“Read [the paper](paper:2304.15004)${closed} [Issue one](issue:1).`), /paper<\/a> \(#1\)/, closed);
  }
  assert.match(html('Read [the paper](paper:2304.15004)."\\\n[Issue one](issue:1).'), /paper<\/a> \(#1\)/, 'closers at the end of a text, before a line break');
});

test('closing quotes or brackets end no sentence without a terminator, nor a terminator before a word', () => {
  assert.equal(html('The "[mirage paper](paper:2304.15004)" of [issue one](issue:1).'), '<p>The "<a>mirage paper</a>" of <a>issue one</a> (#1).</p>');
  assert.equal(html('The [mirage paper](paper:2304.15004) (v.2) of [issue one](issue:1).'), '<p>The <a>mirage paper</a> (v.2) of <a>issue one</a> (#1).</p>');
  assert.equal(html('See [the paper](paper:2304.15004).)x [issue one](issue:1).'), '<p>See <a>the paper</a>.)x <a>issue one</a> (#1).</p>');
});
