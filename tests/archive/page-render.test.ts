import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildSite } from '../../src/archive/build.js';
import { loadConfig } from '../../src/config/load.js';
import { cleanIssueWithMarkdown, makeRoot } from '../helpers/fixture.js';
import { brokenLinks } from './site-check.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const imagesOf = (html: string) => [...html.matchAll(/<img [^>]*?src="([^"]*)"/g)].map((match) => match[1]);

test("a page shows the site's own images by a URL relative to it, however the issue wrote them, while the email and the feeds keep them absolute", async () => {
  const summary = 'A chart ![path](img/chart.png), ![from the root](/img/chart.png) and ![whole](https://news.example.org/img/chart.png).';
  const root = makeRoot({ 'issues/0001-a.md': cleanIssueWithMarkdown({ summary }), 'static/img/chart.png': PNG });
  await buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: false, cache: false });
  const site = join(root, 'dist');
  const read = (path: string) => readFileSync(join(site, path), 'utf8');
  assert.deepEqual(imagesOf(read('issues/1/index.html')), ['../../img/chart.png', '../../img/chart.png', '../../img/chart.png']);
  assert.deepEqual(imagesOf(read('papers/2304.15004/index.html')), ['../../img/chart.png', '../../img/chart.png', '../../img/chart.png']);
  assert.deepEqual(brokenLinks(site, 'https://news.example.org/'), []);
  // A mail client has no page to resolve a relative URL against; a feed reader's item neither.
  assert.deepEqual(imagesOf(read('issues/1/email.html')), Array(3).fill('https://news.example.org/img/chart.png'));
  assert.equal(read('feed.xml').split('src="https://news.example.org/img/chart.png"').length - 1, 3);
  // The layout's canonical address is the published one.
  assert.match(read('issues/1/index.html'), /<link rel="canonical" href="https:\/\/news\.example\.org\/issues\/1\/">/);
});

test("a page shows code that names the site's address as written: only the links and images of the page under baseUrl become relative", async () => {
  const summary = [
    'Link us with `<a href="https://news.example.org/">The Digest</a>` or show `<img src="https://news.example.org/img/chart.png">`,',
    'as [our archive](https://news.example.org/) does.',
    '',
    '```html',
    '<a href="https://news.example.org/papers/">papers</a>',
    '```',
  ].join('\n');
  const root = makeRoot({ 'issues/0001-a.md': cleanIssueWithMarkdown({ summary }), 'static/img/chart.png': PNG });
  await buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: false, cache: false });
  for (const page of ['issues/1/index.html', 'papers/2304.15004/index.html']) {
    const html = readFileSync(join(root, 'dist', page), 'utf8');
    assert.deepEqual(
      [...html.matchAll(/<code(?: class="language-html")?>([^<]*)/g)].map((match) => match[1]),
      ['&#x3C;a href="https://news.example.org/">The Digest&#x3C;/a>', '&#x3C;img src="https://news.example.org/img/chart.png">', '&#x3C;a href="https://news.example.org/papers/">papers&#x3C;/a>\n'],
      page,
    );
    // The link itself leads to the site's home page from the page, as before.
    assert.match(html, /<a href="\.\.\/\.\.\/index\.html">our archive<\/a>/, page);
  }
});
