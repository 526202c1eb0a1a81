import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { load } from 'cheerio/slim';
import { spawnCli } from '../helpers/cli.js';
import { rawRequest, startServer } from '../server/helpers.js';
import { archiveRoot } from './fixture.js';
import { pagesDigest } from './site-check.js';

function build(root: string): { stderr: string } {
  const built = spawnCli(['build'], { cwd: root });
  assert.equal(built.code, 0, built.stderr);
  return built;
}

/** Issue `from` of the archive fixture (3 by default, `Evaluations`) renumbered `to`, with `frontmatter` lines added after its number. */
function renumber(root: string, frontmatter = '', from = 3, to = 5): void {
  const file = join(root, 'issues', readdirSync(join(root, 'issues')).find((name) => name.startsWith(`000${from}-`))!);
  writeFileSync(file, readFileSync(file, 'utf8').replace(`number: ${from}\n`, `number: ${to}\n${frontmatter}`));
}

/** Every feed's entry ids, in the order the feeds list them. */
function feedIds(site: string): { rss: string[]; atom: string[]; json: string[] } {
  const atom = readFileSync(join(site, 'atom.xml'), 'utf8');
  return {
    rss: [...readFileSync(join(site, 'feed.xml'), 'utf8').matchAll(/<guid[^>]*>([^<]*)<\/guid>/g)].map((match) => match[1]!),
    atom: [...atom.slice(atom.indexOf('<entry>')).matchAll(/<id>([^<]*)<\/id>/g)].map((match) => match[1]!),
    json: (JSON.parse(readFileSync(join(site, 'feed.json'), 'utf8')) as { items: { id: string }[] }).items.map((item) => item.id),
  };
}

test("archive: an issue renumbered with `formerly` keeps a page at its old address leading to its page (and its email files), in no sitemap, feed, search or data file; its feed entry keeps the old number's id; the rebuild equals a clean build", () => {
  const root = archiveRoot();
  build(root);
  const site = join(root, 'dist');
  const before = feedIds(site);
  assert.ok(before.atom.includes('https://news.example.org/issues/3/'));

  renumber(root, 'formerly: [3]\n');
  assert.doesNotMatch(spawnCli(['lint'], { cwd: root }).stdout, /issue-formerly/);
  build(root);

  assert.ok(existsSync(join(site, 'issues', '5', 'index.html')));
  const $ = load(readFileSync(join(site, 'issues', '3', 'index.html'), 'utf8'));
  assert.equal($('meta[http-equiv="refresh"]').attr('content'), '0; url=../5/index.html');
  assert.equal($('a[href="../5/index.html"]').length, 1);
  assert.equal($('link[rel="canonical"]').attr('href'), 'https://news.example.org/issues/5/');
  assert.equal($('meta[name="robots"]').attr('content'), 'noindex');
  assert.match($('body').text(), /Issue 3's page has moved: Evaluations, issue 5 now\./);
  const email = load(readFileSync(join(site, 'issues', '3', 'email.html'), 'utf8'));
  assert.equal(email('meta[http-equiv="refresh"]').attr('content'), '0; url=../5/email.html');
  assert.equal(email('link[rel="canonical"]').attr('href'), 'https://news.example.org/issues/5/email.html');
  assert.equal(readFileSync(join(site, 'issues', '3', 'email.txt'), 'utf8'), readFileSync(join(site, 'issues', '5', 'email.txt'), 'utf8'));

  // Readers keep the entry they hold: the same id in every feed, now linking to the new address.
  const after = feedIds(site);
  assert.deepEqual(after, before);
  assert.match(readFileSync(join(site, 'atom.xml'), 'utf8'), /<link href="https:\/\/news\.example\.org\/issues\/5\/"/);
  for (const file of ['sitemap.xml', 'papers.json', 'papers.csv', 'index.html', ...readdirSync(join(site, 'search')).map((shard) => `search/${shard}`)]) {
    assert.doesNotMatch(readFileSync(join(site, file), 'utf8'), /issues\/3\//, file);
  }

  const clean = join(root, 'clean');
  cpSync(join(root, 'paperboy.config.yaml'), join(clean, 'paperboy.config.yaml'));
  cpSync(join(root, 'issues'), join(clean, 'issues'), { recursive: true });
  build(clean);
  assert.deepEqual(pagesDigest(site), pagesDigest(join(clean, 'dist')));
  rmSync(clean, { recursive: true });

  // `formerly` removed: the old address goes with it, and the entry's id follows the number.
  const file = join(root, 'issues', '0003-c.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('formerly: [3]\n', ''));
  build(root);
  assert.equal(existsSync(join(site, 'issues', '3')), false);
  assert.ok(feedIds(site).atom.includes('https://news.example.org/issues/5/'));
});

test("archive: a `formerly` number another issue has now never replaces that issue's page, nor gives its feed id twice; lint says so at the number", () => {
  const root = archiveRoot();
  // Issue 3 renumbered 5 says it was 2, which issue 2 still is.
  renumber(root, 'formerly: [2]\n');
  build(root);
  const site = join(root, 'dist');
  assert.doesNotMatch(readFileSync(join(site, 'issues', '2', 'index.html'), 'utf8'), /http-equiv="refresh"/);
  assert.match(readFileSync(join(site, 'issues', '2', 'index.html'), 'utf8'), /Attention/);
  const ids = feedIds(site).atom;
  assert.equal(new Set(ids).size, ids.length, ids.join(' '));
  const lint = spawnCli(['lint'], { cwd: root });
  assert.match(lint.stdout, /^issues\/0003-c\.md:3:12 +warning +Unexpected `formerly` 2: issue 2 is 0002-b\.md now, whose page keeps issues\/2\/.* +issue-formerly/m);
});

test('serve answers an old address of a renumbered issue with the page the build wrote there', async () => {
  const root = archiveRoot();
  // Issue 2, as the test server writes a page of its own at issues/3/.
  renumber(root, 'formerly: [2]\n', 2, 5);
  build(root);
  const server = await startServer({ root });
  try {
    const page = await rawRequest(server.port, 'GET', '/issues/2/');
    assert.equal(page.status, 200);
    assert.match(page.body, /<meta http-equiv="refresh" content="0; url=\.\.\/5\/index\.html">/);
    const text = await rawRequest(server.port, 'GET', '/issues/2/email.txt');
    assert.equal(text.status, 200);
    assert.equal(text.body, readFileSync(join(root, 'dist', 'issues', '5', 'email.txt'), 'utf8'));
  } finally {
    await server.close();
  }
});
