import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildSite } from '../../src/archive/build.js';
import { linkRemoteImages } from '../../src/archive/remote-images.js';
import { loadConfig } from '../../src/config/load.js';
import { cleanIssueWithMarkdown, makeRoot } from '../helpers/fixture.js';
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
