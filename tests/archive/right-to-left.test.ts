import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildSite } from '../../src/archive/build.js';
import { loadConfig } from '../../src/config/load.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';
import { ARABIC_AUTHORS, ARABIC_REVIEWERS, ARABIC_SUMMARY, ARABIC_TITLE, ARABIC_VENUE, HEBREW_AUTHOR, RIGHT_TO_LEFT_ISSUE } from '../render/fixtures/right-to-left.js';

/** The site built from `issue` (one issue, number 1), and a reader of its files. */
async function site(issue: string): Promise<{ read: (path: string) => string; root: string }> {
  const root = makeRoot({ 'issues/0001-a.md': issue });
  await buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: false, cache: false });
  return { root, read: (path) => readFileSync(join(root, 'dist', path), 'utf8') };
}

const built = site(RIGHT_TO_LEFT_ISSUE);
const [first, second, third] = ARABIC_AUTHORS;
const bdi = (text: string) => `<bdi>${text}</bdi>`;

test('archive: an Arabic author name among Latin ones is isolated on the issue page, each name and the venue apart from its year; an Arabic summary is dir="auto"', async () => {
  const page = (await built).read('issues/1/index.html');
  assert.ok(page.includes(`<p class="meta">Alice Smith, ${bdi(HEBREW_AUTHOR)} and Bob Jones · ${bdi(ARABIC_VENUE)}, 2023</p>`), page);
  assert.ok(page.includes(`<p class="meta">${bdi(first)}, ${bdi(second)} and ${bdi(third)} · NeurIPS, 2022</p>`), page);
  assert.ok(page.includes(`>${bdi(ARABIC_TITLE)}</a></h3>`), page);
  assert.ok(page.includes(`<p dir="auto">${ARABIC_SUMMARY}</p>`), page);
  assert.ok(page.includes('<p>A Latin opinion.</p>'), page);
  assert.ok(page.includes(`<p class="credit">Thanks to ${bdi(ARABIC_REVIEWERS[0])}, ${bdi(ARABIC_REVIEWERS[1])} and Bob Smith for reviewing this issue.</p>`), page);
});

test("archive: a paper's page and the papers list isolate each Arabic or Hebrew author, the venue, the title and a tag", async () => {
  const { read, root } = await built;
  const paperDir = readdirSync(join(root, 'dist', 'papers')).find((name) => name.includes('arabic-paper'))!;
  const paper = read(`papers/${paperDir}/index.html`);
  assert.ok(paper.includes(`<h1>${bdi(ARABIC_TITLE)}</h1>`), paper);
  assert.match(paper, new RegExp(`<dd><a href="[^"]*">Alice Smith</a>, <a href="[^"]*">${bdi(HEBREW_AUTHOR)}</a> and <a href="[^"]*">Bob Jones</a></dd>`));
  assert.ok(paper.includes(`<dd>${bdi(ARABIC_VENUE)}, 2023</dd>`), paper);
  assert.match(paper, /<a class="tag" href="[^"]*">attention<\/a> <a class="tag" href="[^"]*"><bdi>انتباه<\/bdi><\/a>/);
  const list = read('papers/year/2022/index.html');
  assert.ok(list.includes(`<td>${bdi(first)}, ${bdi(second)} and ${bdi(third)}</td>`), list);
  assert.ok(list.includes(`<td>${bdi('تفسير')}</td>`), list);
  assert.ok(read('authors/index.html').includes(`>${bdi(HEBREW_AUTHOR)}</a>`));
});

test('archive: a feed entry isolates each Arabic author and the venue as the page does', async () => {
  const feed = JSON.parse((await built).read('feed.json')) as { items: { content_html: string }[] };
  const html = feed.items[0]!.content_html;
  assert.ok(html.includes(`<p>Alice Smith, ${bdi(HEBREW_AUTHOR)} and Bob Jones · ${bdi(ARABIC_VENUE)}, 2023</p>`), html);
  assert.ok(html.includes(`<p>${bdi(first)}, ${bdi(second)} and ${bdi(third)} · NeurIPS, 2022</p>`), html);
  assert.ok(html.includes(`<p dir="auto">${ARABIC_SUMMARY}</p>`), html);
});

test('archive: a site without right-to-left letters has no <bdi> and no dir on any page or feed (its bytes as before)', async () => {
  const { read, root } = await site(cleanIssue());
  const files = (dir: string): string[] => readdirSync(join(root, 'dist', dir), { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]));
  for (const file of files('.').filter((name) => /\.(html|xml|json)$/.test(name))) assert.doesNotMatch(read(file), /<bdi|&lt;bdi|\sdir=|\\u2068|\u2068/, file);
});
