import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseMarkdown } from '../../src/issue/markdown.js';
import { FootnoteNumbering, fragmentToHtml, markdownToHast } from '../../src/render/markdown-html.js';
import { namesIssue } from '../../src/render/issue-suffix.js';
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

test('a cross-reference whose text names its issue ("#1", "in #1", "issue 1") gets no "(#1)" after it: "#1 (#1)" is a stutter', () => {
  assert.equal(html('Covered first [in #1](paper:2304.15004).'), '<p>Covered first <a>in #1</a>.</p>');
  assert.equal(render('Covered first [in #1](paper:2304.15004).', { links }), 'Covered first in #1 [1].');
  assert.equal(html('| issue |\n| --- |\n| [#1](issue:1) |'), '<table>\n<thead>\n<tr>\n<th scope="col">issue</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><a>#1</a></td>\n</tr>\n</tbody>\n</table>');
  assert.equal(html('See [Issue #1](issue:1) and [issue 1](issue:1).'), '<p>See <a>Issue #1</a> and <a>issue 1</a>.</p>');
  assert.equal(render('See [issue 1](issue:1).', { links }), 'See issue 1 [1].');
  // A number that is not the issue's, or only starts like it, is no name of it: the "(#1)" stays.
  assert.equal(html('The [follow-up to #12](issue:1).'), '<p>The <a>follow-up to #12</a> (#1).</p>');
  assert.equal(html('See [section #1.2](issue:1).'), '<p>See <a>section #1.2</a> (#1).</p>');
  assert.equal(html('A [mirage#1](paper:2304.15004) link.'), '<p>A <a>mirage#1</a> (#1) link.</p>');
  // The other cross-reference of the sentence still has its number said once, after the last.
  assert.equal(html('The [mirage paper](paper:2304.15004) from [#1](issue:1).'), '<p>The <a>mirage paper</a> from <a>#1</a>.</p>');
});

test('a cross-reference whose text holds "#1" as something else than its issue ("the #1 model on MMLU", "issue 1 of the tracker") keeps its "(#1)": only a text ending in the issue\'s name is one', () => {
  assert.equal(html('See [the #1 model on MMLU](paper:2304.15004).'), '<p>See <a>the #1 model on MMLU</a> (#1).</p>');
  assert.equal(render('See [the #1 model on MMLU](paper:2304.15004).', { links }), 'See the #1 model on MMLU (#1) [1].');
  assert.equal(html('The [issue 1 of its tracker](paper:2304.15004) is fixed.'), '<p>The <a>issue 1 of its tracker</a> (#1) is fixed.</p>');
  // Closing punctuation or a possessive after the name still ends it.
  assert.equal(html('See [#1’s summary](issue:1) and [(in #1)](paper:2304.15004).'), '<p>See <a>#1’s summary</a> and <a>(in #1)</a>.</p>');
});

test('whether a link\'s text names its issue is decided by one pattern compiled once, as the pattern with the issue\'s number written in did', () => {
  // The rule as first written: a pattern per link, the number spelled into it.
  const spelledIn = (text: string, issue: number) =>
    new RegExp(`(?:(?<![\\p{L}\\p{N}_])#|\\bissue\\s*#?)${issue}(?=['’]s\\b|[\\s\\p{P}]*$)`, 'iu').test(text);
  const piece = fc.constantFrom('#', 'issue', 'Issue', 'ISSUE ', ' ', '\n', '1', '2', '12', '0', '01', '.', ')', '’s', "'s", 's', 'a', '_', 'é', '٤', 'in ', '#1', 'x#');
  const text = fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(''));
  fc.assert(
    fc.property(text, fc.constantFrom(1, 2, 12, 10), (value, issue) => namesIssue(value, issue) === spelledIn(value, issue)),
    { seed: 4150, numRuns: 20000 },
  );
  // The same pattern serves every call: a match found in one text leaves no position behind for the next.
  assert.equal(namesIssue('in #1', 1), true);
  assert.equal(namesIssue('in #1', 1), true);
  assert.equal(namesIssue('#12', 1), false);
});
