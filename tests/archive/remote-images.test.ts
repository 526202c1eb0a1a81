import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { buildSite } from '../../src/archive/build.js';
import { linkRemoteImages } from '../../src/archive/remote-images.js';
import { loadConfig } from '../../src/config/load.js';
import { CONFIG_YAML, cleanIssueWithMarkdown, makeRoot } from '../helpers/fixture.js';
import { siteFiles } from './site-check.js';

const BASE = 'https://news.example.org/';

test('an image from another host becomes a link to it that says what it showed; alt text with markup characters stays text', () => {
  assert.equal(
    linkRemoteImages('<p>See <img src="https://cdn.example.net/fig.png?a=1&#x26;b=2" alt="Loss &#x3C; 1 &#x26; &#x22;more&#x22; > less" width="560"></p>', BASE),
    '<p>See <a class="remote-image" href="https://cdn.example.net/fig.png?a=1&amp;b=2">Image: Loss &lt; 1 &amp; &quot;more&quot; &gt; less</a></p>',
  );
  assert.equal(linkRemoteImages('<img src="https://t.example/p.gif" alt="" width="560">', BASE), '<a class="remote-image" href="https://t.example/p.gif">Image</a>');
  assert.equal(linkRemoteImages('<img src="https://t.example/p.gif" alt="A chart" title="Fig. 1" width="560">', BASE), '<a class="remote-image" href="https://t.example/p.gif">Image: A chart</a>');
});

test("an image under the newsletter's own baseUrl stays an image, and a fragment without images is returned as it is", () => {
  const own = '<p><img src="https://news.example.org/figures/a.png" alt="Ours" width="560"></p>';
  assert.equal(linkRemoteImages(own, BASE), own);
  const none = '<p>No image, only <a href="https://x.example/">a link</a> &#x26; text.</p>';
  assert.equal(linkRemoteImages(none, BASE), none);
});

test("an image inside a link becomes the link's text, and the link to the image follows the link: no link inside a link", () => {
  assert.equal(
    linkRemoteImages('<p><a href="https://example.com/"><img src="https://evil.example/i13.png" alt="i13" width="560"></a> passes.</p>', BASE),
    '<p><a href="https://example.com/">Image: i13</a> (<a class="remote-image" href="https://evil.example/i13.png">image</a>) passes.</p>',
  );
  assert.equal(
    linkRemoteImages('<a href="https://ci.example/"><img src="https://a.example/1.svg" alt="" width="560"> and <img src="https://b.example/2.svg" alt="tests" width="560"></a> <img src="https://c.example/3.png" alt="after" width="560">', BASE),
    '<a href="https://ci.example/">Image and Image: tests</a> (<a class="remote-image" href="https://a.example/1.svg">image</a>) (<a class="remote-image" href="https://b.example/2.svg">image</a>) <a class="remote-image" href="https://c.example/3.png">Image: after</a>',
  );
  const own = '<a href="https://example.com/"><img src="https://news.example.org/badge.svg" alt="ours" width="560"></a>';
  assert.equal(linkRemoteImages(own, BASE), own);
});

test('a linked image from another host gives valid HTML on the pages, and no link inside a link in the feeds and papers.json', async () => {
  const root = makeRoot({ 'issues/0001-badge.md': cleanIssueWithMarkdown({ summary: 'Passing: [![i13](https://evil.example/i13.png)](https://example.com/).' }) });
  await buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: false, cache: false });
  const site = join(root, 'dist');
  const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'long-title': 'off', 'no-inline-style': 'off' } });
  const pages = siteFiles(site).filter((file) => file.endsWith('index.html') && readFileSync(join(site, file), 'utf8').includes('evil.example'));
  assert.ok(pages.includes('issues/1/index.html') && pages.some((page) => page.startsWith('papers/') && page !== 'papers/index.html'), `pages with the image: ${pages.join(', ')}`);
  for (const path of pages) {
    const report = await validator.validateFile(join(site, path));
    assert.deepEqual(report.results.flatMap((result) => result.messages.map((message) => `${path}:${message.line}:${message.column} ${message.message} (${message.ruleId})`)), []);
  }
  const link = /<a href="https:\/\/example\.com\/">Image: i13<\/a> \(<a class="remote-image" href="https:\/\/evil\.example\/i13\.png">image<\/a>\)/;
  assert.match(readFileSync(join(site, 'issues', '1', 'index.html'), 'utf8'), link);
  const html = JSON.parse(readFileSync(join(site, 'papers.json'), 'utf8')).papers[0].summaries[0].summary.html as string;
  assert.match(html, link);
  const feeds = ['feed.xml', 'atom.xml'].map((feed) => readFileSync(join(site, feed), 'utf8').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"'));
  feeds.push(JSON.parse(readFileSync(join(site, 'feed.json'), 'utf8')).items[0].content_html);
  for (const feed of feeds) {
    assert.match(feed, /evil\.example\/i13\.png/);
    assert.doesNotMatch(feed, /<a [^>]*>(?:(?!<\/a>).)*<a /s, 'a link inside a link');
  }
});

test('the archive loads no image from another host: pages, feeds and papers.json link to it, the email files keep it', async () => {
  const root = makeRoot({
    'issues/0001-images.md': cleanIssueWithMarkdown({ summary: 'The plot: ![Accuracy vs scale](https://example.com/fig.png) and ![](https://tracker.example.net/pixel.gif).' }, { body: 'Welcome ![logo](https://cdn.example.net/logo.png).' }),
  });
  await buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: false, cache: false });
  const site = join(root, 'dist');
  for (const path of siteFiles(site).filter((file) => !file.endsWith('email.html'))) {
    assert.doesNotMatch(readFileSync(join(site, path), 'utf8'), /<img[^>]*src="https?:\/\/(?!news\.example\.org)/, `${path} loads an image from another host`);
  }
  const page = readFileSync(join(site, 'issues', '1', 'index.html'), 'utf8');
  assert.match(page, /<a class="remote-image" href="https:\/\/example\.com\/fig\.png">Image: Accuracy vs scale<\/a>/);
  assert.match(page, /<a class="remote-image" href="https:\/\/cdn\.example\.net\/logo\.png">Image: logo<\/a>/);
  assert.match(readFileSync(join(site, 'issues', '1', 'email.html'), 'utf8'), /<img[^>]*src="https:\/\/example\.com\/fig\.png"/);
});

test("an image from another host is labelled on the web pages in the newsletter's word (words.image), its first letter upper case as its language writes it", async () => {
  assert.equal(linkRemoteImages('<img src="https://t.example/p.gif" alt="Ein Diagramm" width="560">', BASE, 'Bild', 'de'), '<a class="remote-image" href="https://t.example/p.gif">Bild: Ein Diagramm</a>');
  assert.equal(linkRemoteImages('<img src="https://t.example/p.gif" alt="" width="560">', BASE, 'imge', 'tr'), '<a class="remote-image" href="https://t.example/p.gif">İmge</a>');
  assert.equal(
    linkRemoteImages('<a href="https://ci.example/"><img src="https://t.example/p.gif" alt="" width="560"></a>', BASE, '画像', 'ja'),
    '<a href="https://ci.example/">画像</a> (<a class="remote-image" href="https://t.example/p.gif">画像</a>)',
  );
  const root = makeRoot({ 'issues/0001-images.md': cleanIssueWithMarkdown({ summary: 'Die Kurve: ![Ein Diagramm](https://example.com/fig.png).' }) }, `${CONFIG_YAML}language: de\nwords:\n  image: bild\n`);
  await buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: false, cache: false });
  assert.match(readFileSync(join(root, 'dist', 'issues', '1', 'index.html'), 'utf8'), /<a class="remote-image" href="https:\/\/example\.com\/fig\.png">Bild: Ein Diagramm<\/a>/);
});
