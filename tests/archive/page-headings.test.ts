import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildSite } from '../../src/archive/build.js';
import { loadConfig } from '../../src/config/load.js';
import { archiveRoot, replaceInIssues } from './fixture.js';

/** What a page's `<title>` and `<h1>` say (the title without the newsletter's name after ` · `). */
function titleAndHeading(html: string): [string, string] {
  const title = /<title>(.*?)<\/title>/s.exec(html)![1]!.replace(/ · [^·]*$/u, '');
  const heading = /<h1>(.*?)<\/h1>/s.exec(html)![1]!;
  return [title, heading];
}

test('each papers page\'s title says what its heading says: the papers page "Every paper we summarized", a year\'s page its year', async () => {
  const root = archiveRoot();
  await buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: false, cache: false });
  const read = (path: string) => readFileSync(join(root, 'dist', path), 'utf8');
  assert.deepEqual(titleAndHeading(read('papers/index.html')), ['Every paper we summarized', 'Every paper we summarized']);
  assert.deepEqual(titleAndHeading(read('papers/year/2023/index.html')), ['Papers from 2023', 'Papers from 2023']);
  assert.deepEqual(titleAndHeading(read('papers/year/undated/index.html')), ['Papers without a year', 'Papers without a year']);
});

test('an author page names an author written "Last, First" as "First Last", in its heading and title', async () => {
  const root = archiveRoot();
  replaceInIssues(root, 'authors: [Jane Doe]', 'authors: ["Müller, Jörg"]');
  await buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: false, cache: false });
  const authors = join(root, 'dist', 'authors');
  const pages = readdirSync(authors, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => readFileSync(join(authors, entry.name, 'index.html'), 'utf8'));
  const page = pages.find((html) => html.includes('Müller') || html.includes('Jörg'));
  assert.ok(page, 'the author has a page');
  assert.deepEqual(titleAndHeading(page), ['Papers by Jörg Müller', 'Papers by Jörg Müller']);
});

test('an author page names an author written "First Last, Jr." as written, the suffix no first name ("Jr. Sammy Davis")', async () => {
  const root = archiveRoot();
  replaceInIssues(root, 'authors: [Jane Doe]', 'authors: ["Sammy Davis, Jr."]');
  await buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: false, cache: false });
  const authors = join(root, 'dist', 'authors');
  const page = readdirSync(authors, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => readFileSync(join(authors, entry.name, 'index.html'), 'utf8'))
    .find((html) => html.includes('Sammy'));
  assert.ok(page, 'the author has a page');
  assert.deepEqual(titleAndHeading(page), ['Papers by Sammy Davis, Jr.', 'Papers by Sammy Davis, Jr.']);
});

test('a draft\'s page, built with --drafts, says it is a draft and asks search engines not to index it; a published issue\'s page does neither', async () => {
  const root = archiveRoot();
  await buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: true, cache: false });
  const read = (number: number) => readFileSync(join(root, 'dist', 'issues', String(number), 'index.html'), 'utf8');
  const draft = read(4);
  assert.match(draft, /<meta name="robots" content="noindex">/);
  assert.match(draft, /<p class="draft-marker"><strong>Draft<\/strong>/);
  const published = read(3);
  assert.doesNotMatch(published, /name="robots"/);
  assert.doesNotMatch(published, /draft-marker/);
});
