import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/link-url-refused.js';
import { cleanIssue, cleanIssueWithMarkdown, lintWith, places } from '../../helpers/fixture.js';
import { renderAll, rootWith } from '../../helpers/render.js';

test('link-url-refused: links and images the outputs keep pass (http, https, mailto, relative, in-page, cross-references)', async () => {
  const body = '[data](https://example.org/d.tar), [us](mailto:a@example.org), [about](about/), [top](#top), [the mirage paper](paper:2304.15004), ![a plot](https://example.org/p.png)';
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue({ body }) }), []);
});

test('link-url-refused: a link, an image and a definition whose URL the outputs drop are reported where they are written, with what the reader gets', async () => {
  const text = cleanIssueWithMarkdown({ summary: 'Data on [the FTP mirror](ftp://ftp.example.org/d.tar); call [us](tel:+123).' }, { body: 'A plot: ![a plot](ftp://x.org/p.png) and [a ref][r]\n\n[r]: javascript:alert(1)' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['link-url-refused 16:15', 'link-url-refused 16:67', 'link-url-refused 21:9', 'link-url-refused 23:1']);
  assert.deepEqual(
    messages.map((m) => [m.severity, m.message]),
    [
      ['warning', 'Unexpected URL scheme `ftp:` in `ftp://ftp.example.org/d.tar`, expected one of http, https, irc, ircs, mailto, xmpp; only the link text is shown'],
      ['warning', 'Unexpected URL scheme `tel:` in `tel:+123`, expected one of http, https, irc, ircs, mailto, xmpp; only the link text is shown'],
      ['warning', 'Unexpected image URL scheme `ftp:` in `ftp://x.org/p.png`, expected one of http, https; only the alt text is shown'],
      ['warning', 'Unexpected URL scheme `javascript:` in `javascript:alert(1)`, expected one of http, https, irc, ircs, mailto, xmpp; links to it show only their text'],
    ],
  );
});

test('link-url-refused: the link is gone from both emails, as the message says, and the text stays', async () => {
  const { root } = await rootWith({ '0001-a.md': cleanIssue({ body: 'Get [the FTP mirror](ftp://ftp.example.org/d.tar) now.' }) });
  const { html, text } = await renderAll(root, '1');
  for (const output of [html, text]) {
    assert.match(output, /the FTP mirror/);
    assert.doesNotMatch(output, /ftp:\/\//);
  }
});

test('link-url-refused: a cross-reference whose scheme is written in capitals, which no output resolves, is named as one, with the reference in lowercase to write', async () => {
  const body = 'As [last month](ISSUE:1) and [the mirage paper](Paper:2304.15004) said.';
  const messages = await lintWith([rule], { 'a.md': cleanIssue({ body }) });
  assert.deepEqual(
    messages.map((m) => m.message),
    [
      'Unexpected cross-reference scheme `ISSUE:` in `ISSUE:1`, expected it in lowercase: `issue:1`; only the link text is shown',
      'Unexpected cross-reference scheme `Paper:` in `Paper:2304.15004`, expected it in lowercase: `paper:2304.15004`; only the link text is shown',
    ],
  );
});
