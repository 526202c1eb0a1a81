import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/link-url-relative.js';
import { cleanIssue, cleanIssueWithMarkdown, lintWith, places } from '../../helpers/fixture.js';

test('link-url-relative: absolute links, paths under baseUrl, files of staticDir, in-page anchors and cross-references have no message', async () => {
  const body = [
    '[the code](https://github.com/x/y), [mail us](mailto:a@example.org), [the paper](paper:2304.15004), [issue 1](issue:1),',
    '[about](/about/), [a note](#note), [//cdn](//example.org/x), ![a plot](img/plot.png), [the notes](notes.md), [the page](about.html).',
  ].join('\n');
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue({ body }) }), []);
});

test('link-url-relative: a domain written without https:// (a link, an image, a definition) is a warning naming where it leads and the URL likely meant', async () => {
  const text = cleanIssueWithMarkdown({ summary: 'Smooth.\nCode: [repo](github.com/neelnanda-io/Grokking), see [www.example.com](www.example.com).' }, { body: '![a chart](example.org/chart.png) and [a ref][r]\n\n[r]: arxiv.org/abs/2304.15004' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['link-url-relative 17:13', 'link-url-relative 17:59', 'link-url-relative 22:1', 'link-url-relative 24:1']);
  assert.equal(
    messages[0]!.message,
    'Unexpected link `github.com/neelnanda-io/Grokking` without `https://`: it leads to `https://news.example.org/github.com/neelnanda-io/Grokking`, a page of this site; expected `https://github.com/neelnanda-io/Grokking`',
  );
  assert.match(messages[2]!.message, /^Unexpected image `example\.org\/chart\.png` without `https:\/\/`/);
  assert.match(messages[3]!.message, /expected `https:\/\/arxiv\.org\/abs\/2304\.15004`$/);
});

test('link-url-relative: an address without mailto: and a path written from the issue file (../, ./) are warnings', async () => {
  const text = cleanIssue({ body: 'Write to [Ada](ada@example.org); my [draft](../notes/grokking.md) and [data](./data.csv).' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(
    messages.map((message) => message.message),
    [
      'Unexpected link `ada@example.org` without `mailto:`: it leads to `https://news.example.org/ada@example.org`, a page of this site; expected `mailto:ada@example.org`',
      "Unexpected link `../notes/grokking.md`, a path from the issue's file: links resolve against baseUrl, so it leads to `https://news.example.org/notes/grokking.md`; expected an absolute URL (`https://…`), or the path under baseUrl of a file of staticDir (`/img/plot.png`)",
      "Unexpected link `./data.csv`, a path from the issue's file: links resolve against baseUrl, so it leads to `https://news.example.org/data.csv`; expected an absolute URL (`https://…`), or the path under baseUrl of a file of staticDir (`/img/plot.png`)",
    ],
  );
});
