import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { load } from 'cheerio/slim';
import { spawnCli } from '../helpers/cli.js';
import { archiveRoot, BASE_URL } from './fixture.js';
import { pagesDigest } from './site-check.js';

const MOVED = 'https://www.example.org/digest/';

/** What a feed reader knows each feed's entries by, and the links it shows: RSS `<guid>` and `<link>`, Atom's feed and entry `<id>`s and `<link href>`, JSON Feed `id` and `url`. */
function feedIdentity(site: string): { ids: string[]; links: string[] } {
  const rss = load(readFileSync(join(site, 'feed.xml'), 'utf8'), { xml: true });
  const atom = load(readFileSync(join(site, 'atom.xml'), 'utf8'), { xml: true });
  const json = JSON.parse(readFileSync(join(site, 'feed.json'), 'utf8')) as { items: { id: string; url: string }[] };
  return {
    ids: [...rss('item > guid').map((_, el) => rss(el).text()), atom('feed > id').text(), ...atom('entry > id').map((_, el) => atom(el).text()), ...json.items.map((item) => item.id)],
    links: [...rss('item > link').map((_, el) => rss(el).text()), ...atom('entry > link').map((_, el) => atom(el).attr('href')!), ...json.items.map((item) => item.url)],
  };
}

/** The config of `root` with its `baseUrl` line (and a `feedIdBase` line) replaced by `lines`. */
function moveBaseUrl(root: string, lines: string): void {
  const file = join(root, 'paperboy.config.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^feedIdBase: .*\n/m, '').replace(/^baseUrl: .*$/m, lines));
}

function build(root: string): { code: number; stderr: string } {
  const built = spawnCli(['build'], { cwd: root });
  assert.equal(built.code, 0, built.stderr);
  return built;
}

test('feeds: after baseUrl moves, feedIdBase (the old baseUrl) keeps every RSS guid, Atom id (the feed\'s too) and JSON Feed id, so feed readers show no issue again as new; links follow the new baseUrl; the rebuild equals a clean build', () => {
  const root = archiveRoot();
  build(root);
  const before = feedIdentity(join(root, 'dist'));
  assert.ok(before.ids.length > 3 && before.ids.every((id) => id.startsWith(BASE_URL)));

  moveBaseUrl(root, `baseUrl: ${MOVED}\nfeedIdBase: ${BASE_URL}`);
  const rebuilt = build(root);
  assert.doesNotMatch(rebuilt.stderr, /feed readers/);
  const after = feedIdentity(join(root, 'dist'));
  assert.deepEqual(after.ids, before.ids);
  assert.deepEqual(
    after.links,
    before.links.map((link) => link.replace(BASE_URL, MOVED)),
  );

  // A clean build of the same newsletter (no site, no cache) writes the same bytes.
  const clean = join(root, 'clean');
  cpSync(join(root, 'paperboy.config.yaml'), join(clean, 'paperboy.config.yaml'));
  cpSync(join(root, 'issues'), join(clean, 'issues'), { recursive: true });
  build(clean);
  assert.deepEqual(pagesDigest(join(root, 'dist')), pagesDigest(join(clean, 'dist')));
});

test("build: a baseUrl moved without feedIdBase warns, once, that feed readers will show every issue again as new, naming the feedIdBase line that keeps the feeds' ids", () => {
  const root = archiveRoot();
  assert.doesNotMatch(build(root).stderr, /feed readers/);

  moveBaseUrl(root, `baseUrl: ${MOVED}`);
  const moved = build(root);
  assert.match(moved.stderr, new RegExp(`ids under ${BASE_URL} and now under ${MOVED} \\(baseUrl changed\\): feed readers will show every issue .* again as new`));
  assert.match(moved.stderr, new RegExp(`set \`feedIdBase: ${BASE_URL}\` in paperboy\\.config\\.yaml`));
  assert.ok(feedIdentity(join(root, 'dist')).ids.every((id) => id.startsWith(MOVED)));

  // The ids the site now has are the ones a rebuild compares with: said by the build that changed them.
  assert.doesNotMatch(build(root).stderr, /feed readers/);
  // Then feedIdBase written (the fix, once the warning is read): the editor's choice of ids, not warned of; the old ids are back.
  moveBaseUrl(root, `baseUrl: ${MOVED}\nfeedIdBase: ${BASE_URL}`);
  assert.doesNotMatch(build(root).stderr, /feed readers/);
  assert.ok(feedIdentity(join(root, 'dist')).ids.every((id) => id.startsWith(BASE_URL)));
});
