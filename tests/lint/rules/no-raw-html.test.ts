import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/no-raw-html.js';
import { cleanIssue, cleanIssueWithMarkdown, lintWith, places } from '../../helpers/fixture.js';

test('no-raw-html: Markdown and the body\'s papers marker pass', async () => {
  const body = 'Welcome, **readers**.\n\n<!-- papers -->\n\nSee you next month.';
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue({ body }) }), []);
});

test('no-raw-html: inline HTML in a summary block and block HTML in the body are reported', async () => {
  const text = cleanIssueWithMarkdown({ summary: 'Smooth metrics.\nA <b>sharp</b> jump.' }, { body: '<div align="center">\nHello\n</div>' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['no-raw-html 17:9', 'no-raw-html 17:17', 'no-raw-html 22:1']);
  assert.equal(messages[0]!.message, 'Unexpected raw HTML `<b>`, expected Markdown (raw HTML is dropped on render, only its text shown; text in angle brackets, such as `List<String>`, is written `\\<` or in backticks)');
  assert.match(messages[2]!.message, /`<div align="center">`/);
});

test('no-raw-html: the marker inside a summary is raw HTML there', async () => {
  const messages = await lintWith([rule], { 'a.md': cleanIssueWithMarkdown({ summary: 'Text.\n\n<!-- papers -->' }) });
  assert.deepEqual(places(messages), ['no-raw-html 18:7']);
});

test('no-raw-html: the papers marker misspelt in the body is named as the marker meant, with how it is written', async () => {
  for (const written of ['<!--papers-->', '<!--  Papers -->']) {
    const messages = await lintWith([rule], { 'a.md': cleanIssue({ body: `Welcome.\n\n${written}\n\nSee you.` }) });
    assert.equal(messages.length, 1, written);
    assert.equal(messages[0]!.message, `Unexpected comment \`${written}\`, expected the papers marker written \`<!-- papers -->\` (one space inside each end, lowercase): as it is, the papers go after the whole body`);
  }
  const inSummary = await lintWith([rule], { 'a.md': cleanIssueWithMarkdown({ summary: 'Text.\n\n<!--papers-->' }) });
  assert.match(inSummary[0]!.message, /^Unexpected raw HTML/);
});

test('no-raw-html: a misspelt marker beside a right one is said to be dropped, the papers going at the right one', async () => {
  const messages = await lintWith([rule], { 'a.md': cleanIssue({ body: 'Welcome.\n\n<!-- papers -->\n\nOutro.\n\n<!--papers-->' }) });
  assert.equal(messages.length, 1);
  assert.match(messages[0]!.message, /as it is, it is dropped, and the papers go at the marker written so$/);
});

test('no-raw-html: a `<br>` in a table\'s cell, the one way to break a line there, is accepted (every output shows the break); elsewhere it is named as the line break it is, not as HTML whose text alone is shown', async () => {
  const summary = '| Model | Notes |\n| --- | --- |\n| GPT-4<br>(March) | first<BR />second, *a<br/>b* |\n\nOne line<br>and the next.';
  const messages = await lintWith([rule], { 'a.md': cleanIssueWithMarkdown({ summary }) });
  assert.deepEqual(places(messages), ['no-raw-html 20:15']);
  assert.equal(
    messages[0]!.message,
    "Unexpected raw HTML `<br>`, expected a Markdown line break, a `\\` at the end of the line (the `<br>` is shown as the line break it stands for; in a table's cell, which has no other, it is accepted)",
  );
  const cellHtml = await lintWith([rule], { 'a.md': cleanIssueWithMarkdown({ summary: '| A | B |\n| --- | --- |\n| x <b>y</b> | z |' }) });
  assert.deepEqual(places(cellHtml), ['no-raw-html 18:11', 'no-raw-html 18:15'], 'any other tag in a cell is still reported');
});

test('no-raw-html: an `<img>` tag is named as the image it is, with the Markdown image to write: dropped, it leaves no text at all', async () => {
  const summary = 'Before <img src="https://example.com/c.png" alt="A chart"> after.\n\n<IMG SRC="d.png">';
  const messages = await lintWith([rule], { 'a.md': cleanIssueWithMarkdown({ summary }) });
  assert.deepEqual(places(messages), ['no-raw-html 16:14', 'no-raw-html 18:7']);
  for (const message of messages) {
    assert.match(message.message, /^Unexpected raw HTML `<img [^`]*`, expected a Markdown image, `!\[what it shows\]\(its address\)` \(raw HTML is dropped on render, and an `<img>` has no text: the image is shown nowhere, its alt text neither\)$/i);
  }
  // A tag whose name merely begins so is not an image.
  const other = await lintWith([rule], { 'a.md': cleanIssueWithMarkdown({ summary: 'An <imgx> tag.' }) });
  assert.match(other[0]!.message, /expected Markdown \(raw HTML is dropped/);
});

test('no-raw-html: an HTML comment, shown nowhere, is accepted in the body and in notes; in a summary or opinion, published as written in papers.json, it is reported as a comment', async () => {
  const text = cleanIssueWithMarkdown(
    { summary: 'Results <!-- ask the authors --> hold.', opinion: 'Fine.\n\n<!--\nprivate: check table 2\n-->', notes: 'Check <!-- this --> first.' },
    { body: 'Welcome.\n\n<!-- check the numbers before sending -->\n\nSee you <!-- next month? --> soon.' },
  );
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(
    messages.map((m) => `${m.line}:${m.column} ${m.message}`),
    [
      "16:15 Unexpected HTML comment `<!-- ask the authors -->` in the summary, whose Markdown papers.json and papers.csv publish as written, expected words for readers (no page or email shows a comment), or private ones in the paper's `notes`",
      "20:7 Unexpected HTML comment `<!--` in the opinion, whose Markdown papers.json and papers.csv publish as written, expected words for readers (no page or email shows a comment), or private ones in the paper's `notes`",
    ],
  );
  const tagAfterComment = await lintWith([rule], { 'a.md': cleanIssue({ body: 'Welcome.\n\n<!-- note --> <b>bold</b>\n\nSee you.' }) });
  assert.match(tagAfterComment[0]!.message, /^Unexpected raw HTML/, 'a block that goes on past its comment is HTML');
});
