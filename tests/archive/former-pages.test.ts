import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { load } from 'cheerio/slim';
import { spawnCli } from '../helpers/cli.js';
import { htmlProblems, pageValidator } from '../helpers/html-validate.js';
import { formerIssuePages } from '../../src/archive/former-issue-pages.js';
import { movedPageHtml } from '../../src/archive/former-pages.js';
import { paperSlug } from '../../src/archive/paper-database.js';
import { archiveRoot } from './fixture.js';
import { pagesDigest } from './site-check.js';

function build(root: string): { stderr: string } {
  const built = spawnCli(['build'], { cwd: root });
  assert.equal(built.code, 0, built.stderr);
  return built;
}

/** Issue 1's file of the archive fixture, with `edit` made to its text; throws when it changed nothing. */
function editFirstIssue(root: string, edit: (text: string) => string): void {
  const file = join(root, 'issues', '0001-a.md');
  const text = readFileSync(file, 'utf8');
  const edited = edit(text);
  assert.notEqual(edited, text);
  writeFileSync(file, edited);
}

test("archive: a paper's arXiv id corrected with `formerly` keeps a page at its old address that leads to its page (at once and by a link), in no sitemap, search index or data file; the rebuild equals a clean build", () => {
  const root = archiveRoot();
  build(root);
  const site = join(root, 'dist');
  assert.ok(existsSync(join(site, 'papers', '2304.15004', 'index.html')));

  // The arXiv id was mistyped in both issues covering the paper; corrected, with the old one named in issue 1.
  for (const name of readdirSync(join(root, 'issues'))) {
    const file = join(root, 'issues', name);
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll('2304.15004', '2304.15005'));
  }
  editFirstIssue(root, (text) => text.replace('    arxiv: "2304.15005"\n', '    arxiv: "2304.15005"\n    formerly: ["2304.15004"]\n'));
  assert.equal(spawnCli(['lint'], { cwd: root }).stderr.includes('formerly'), false);
  build(root);

  assert.ok(existsSync(join(site, 'papers', '2304.15005', 'index.html')));
  const $ = load(readFileSync(join(site, 'papers', '2304.15004', 'index.html'), 'utf8'));
  assert.equal($('meta[http-equiv="refresh"]').attr('content'), '0; url=../2304.15005/index.html');
  assert.equal($('a[href="../2304.15005/index.html"]').length, 1);
  assert.equal($('link[rel="canonical"]').attr('href'), 'https://news.example.org/papers/2304.15005/');
  assert.equal($('meta[name="robots"]').attr('content'), 'noindex');
  assert.match($('body').text(), /Are Emergent Abilities of Large Language Models a Mirage\?/);
  for (const file of ['sitemap.xml', 'papers.json', 'papers.csv', 'papers.bib', ...readdirSync(join(site, 'search')).map((shard) => `search/${shard}`)]) {
    assert.doesNotMatch(readFileSync(join(site, file), 'utf8'), /2304\.15004/, file);
  }

  const clean = join(root, 'clean');
  cpSync(join(root, 'paperboy.config.yaml'), join(clean, 'paperboy.config.yaml'));
  cpSync(join(root, 'issues'), join(clean, 'issues'), { recursive: true });
  build(clean);
  assert.deepEqual(pagesDigest(site), pagesDigest(join(clean, 'dist')));

  // `formerly` removed: the old page goes with it.
  editFirstIssue(root, (text) => text.replace('    formerly: ["2304.15004"]\n', ''));
  build(root);
  assert.equal(existsSync(join(site, 'papers', '2304.15004')), false);
});

test("archive: a paper whose old-style arXiv id is written with its subject class has its page at the id arXiv writes (math-0309136), and its page of paperboy 0.8.0 and before (math.GT-0309136) leads there", () => {
  const root = archiveRoot();
  for (const name of readdirSync(join(root, 'issues'))) {
    const file = join(root, 'issues', name);
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll('https://arxiv.org/abs/2304.15004', 'https://arxiv.org/abs/math.GT/0309136').replaceAll('"2304.15004"', '"math.GT/0309136"').replaceAll('paper:2304.15004', 'paper:math.GT/0309136'));
  }
  build(root);
  const site = join(root, 'dist');
  assert.match(readFileSync(join(site, 'papers', 'math-0309136', 'index.html'), 'utf8'), /Are Emergent Abilities/);
  const $ = load(readFileSync(join(site, 'papers', 'math.GT-0309136', 'index.html'), 'utf8'));
  assert.equal($('meta[http-equiv="refresh"]').attr('content'), '0; url=../math-0309136/index.html');
  // One paper, not two: papers.json holds it once, under the id arXiv writes.
  const papers = JSON.parse(readFileSync(join(site, 'papers.json'), 'utf8')) as { papers: { id: string }[] };
  assert.deepEqual(papers.papers.map((paper) => paper.id).filter((id) => id.includes('0309136')), ['arxiv:math/0309136']);
});

test("archive: a paper linked on Hugging Face's page of its arXiv id has its page at the id (papers/2304.15004/), an OpenReview PDF at its forum's, and each one's page of paperboy 0.8.0 and before leads there", () => {
  const root = archiveRoot();
  for (const name of readdirSync(join(root, 'issues'))) {
    const file = join(root, 'issues', name);
    const text = readFileSync(file, 'utf8')
      .replaceAll('https://arxiv.org/abs/2304.15004', 'https://huggingface.co/papers/2304.15004')
      .replaceAll('    arxiv: "2304.15004"\n', '')
      .replaceAll('https://arxiv.org/abs/1706.03762', 'https://openreview.net/pdf?id=HkxjYoCqKX')
      .replaceAll('    arxiv: "1706.03762"\n', '');
    writeFileSync(file, text);
  }
  build(root);
  const site = join(root, 'dist');
  const papers = JSON.parse(readFileSync(join(site, 'papers.json'), 'utf8')) as { papers: { id: string }[] };
  const moved = [
    { before: 'url:huggingface.co/papers/2304.15004', now: 'arxiv:2304.15004', title: /Are Emergent Abilities/ },
    { before: 'url:openreview.net/pdf?id=HkxjYoCqKX', now: 'url:openreview.net/forum?id=HkxjYoCqKX', title: /Attention/ },
  ];
  for (const { before, now, title } of moved) {
    assert.ok(papers.papers.some((paper) => paper.id === now), now);
    assert.ok(!papers.papers.some((paper) => paper.id === before), before);
    assert.match(readFileSync(join(site, 'papers', paperSlug(now), 'index.html'), 'utf8'), title);
    const $ = load(readFileSync(join(site, 'papers', paperSlug(before), 'index.html'), 'utf8'));
    assert.equal($('meta[http-equiv="refresh"]').attr('content'), `0; url=../${paperSlug(now)}/index.html`, before);
  }
});

test('archive: a `formerly` that names a paper the archive has now never replaces that paper\'s page', () => {
  const root = archiveRoot();
  // Issue 1's paper says it was once 1706.03762, which is issue 2's paper.
  editFirstIssue(root, (text) => text.replace('    arxiv: "2304.15004"\n', '    arxiv: "2304.15004"\n    formerly: ["1706.03762", "https://arxiv.org/abs/2304.15004"]\n'));
  build(root);
  const page = readFileSync(join(root, 'dist', 'papers', '1706.03762', 'index.html'), 'utf8');
  assert.doesNotMatch(page, /http-equiv="refresh"/);
  assert.doesNotMatch(readFileSync(join(root, 'dist', 'papers', '2304.15004', 'index.html'), 'utf8'), /http-equiv="refresh"/);
});

test('a moved page is valid HTML by the rules every page of the site meets, and names a right-to-left title in an isolate of its own', async () => {
  const config = { baseUrl: 'https://news.example.org/', language: 'en' };
  for (const { path, html } of formerIssuePages(4, { number: 5, formerly: [4], title: 'מה חדש?' }, config)) {
    assert.deepEqual(await htmlProblems(pageValidator, html), [], path);
    // In an English line, the title's question mark stays at its end (its left), not beside ", issue 5 now".
    assert.match(html, /<cite><bdi>מה חדש\?<\/bdi><\/cite>, <a href="\.\.\/5\//, path);
  }
  // A Latin title, and a newsletter in another language: marked by its language alone, as before.
  const page = movedPageHtml({ what: "This paper's page", title: 'Émergence <et> échelle', target: '../x/index.html', link: 'its page now', canonical: 'https://news.example.org/papers/x/', language: 'fr' });
  assert.match(page, /<cite lang="fr">Émergence &lt;et&gt; échelle<\/cite>/);
  assert.deepEqual(await htmlProblems(pageValidator, page), []);
});
