import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { writeCorpus } from '../../scripts/generate-corpus.js';
import { buildSite } from '../../src/archive/build.js';
import { loadConfig } from '../../src/config/load.js';
import { editIssue, firstArxiv, issueFile } from './corpus-files.js';
import { pagesDigest } from './site-check.js';
import { readCacheFile, writeCacheFile } from '../../src/cache-file.js';

// A rebuild takes the previous build's key for every file whose inputs did
// not change (site-plan.ts: the site's shape, and the outputs of the issues
// a file shows). Each edit below changes another kind of input; after each,
// in turn, the rebuild must equal a clean build byte for byte.

const EDITS: [string, (root: string) => void][] = [
  ['a summary reworded', (root) => editIssue(root, 5, / {4}summary: \|\n {6}/, '$&Reworded. ')],
  ['an opinion reworded', (root) => editIssue(root, 2, / {4}opinion: \|\n {6}/, '$&Still, ')],
  ['a paper retitled', (root) => editIssue(root, 7, /^ {2}- title: .*$/m, '  - title: "A retitled paper"')],
  ['a tag no paper had, added to a paper', (root) => editIssue(root, 3, / {4}tags: \[/, '$&brand-new-tag, ')],
  // A citation key is made of the first author, the year and the title (citation-cache.ts keeps them under the shape).
  ['a paper given another first author', (root) => editIssue(root, 3, /^ {4}authors: \[/m, '$&Zoë Abernathy, ')],
  ['a paper moved to another year', (root) => editIssue(root, 4, / {4}year: \d+/, '    year: 1999')],
  ['an issue retitled', (root) => editIssue(root, 6, /^title: .*$/m, 'title: "A new title"')],
  ['an issue given a closing paragraph', (root) => writeFileSync(issueFile(root, 8)!, `${readFileSync(issueFile(root, 8)!, 'utf8')}\nA closing paragraph, added.\n`)],
  ['an issue deleted', (root) => rmSync(issueFile(root, 9)!)],
  [
    'an issue added',
    (root) => {
      const text = readFileSync(issueFile(root, 10)!, 'utf8').replace(/^number: 10$/m, 'number: 13').replace(/^title: .*$/m, 'title: "A thirteenth issue"').replace(/^date: .*$/m, 'date: 2031-01-05');
      writeFileSync(join(root, 'issues', '0013-added.md'), text);
    },
  ],
  [
    'a paper covered again by another issue',
    (root) => {
      const arxiv = firstArxiv(root, 11)!;
      editIssue(root, 12, /^( {4}url: ).*\n {4}arxiv: .*$/m, `$1https://arxiv.org/abs/${arxiv}\n    arxiv: "${arxiv}"`);
    },
  ],
  [
    'a paper of an earlier issue covered again by a new issue (the earlier page says "Also covered in #14")',
    (root) => {
      const arxiv = firstArxiv(root, 2)!;
      const text = readFileSync(issueFile(root, 10)!, 'utf8').replace(/^number: 10$/m, 'number: 14').replace(/^title: .*$/m, 'title: "A fourteenth issue"').replace(/^date: .*$/m, 'date: 2031-02-05');
      writeFileSync(join(root, 'issues', '0014-again.md'), text.replace(/^( {4}url: ).*\n {4}arxiv: .*$/m, `$1https://arxiv.org/abs/${arxiv}\n    arxiv: "${arxiv}"`));
    },
  ],
  ['the later coverage of a paper given another paper (the earlier page no longer says it)', (root) => editIssue(root, 14, /^( {4}url: ).*\n {4}arxiv: .*$/m, '$1https://arxiv.org/abs/2999.00001\n    arxiv: "2999.00001"')],
  ['the earlier summary of a paper covered twice, reworded', (root) => editIssue(root, 11, / {4}summary: \|\n {6}/, '$&Revisited. ')],
  ['the newsletter renamed', (root) => writeFileSync(join(root, 'paperboy.config.yaml'), readFileSync(join(root, 'paperboy.config.yaml'), 'utf8').replace(/^name: .*$/m, 'name: The Renamed Digest'))],
  [
    'the paper page template changed',
    (root) => {
      mkdirSync(join(root, 'templates', 'web'), { recursive: true });
      const template = readFileSync(fileURLToPath(new URL('../../templates/web/paper.html.hbs', import.meta.url)), 'utf8');
      writeFileSync(join(root, 'templates', 'web', 'paper.html.hbs'), `${template}<p>Edited template.</p>\n`);
    },
  ],
];

test('after each kind of edit in turn (texts, facts, authors, tags, years, issues added and deleted, settings, templates), a rebuild equals a clean build', async () => {
  const root = mkdtempSync(join(tmpdir(), 'paperboy-plan-'));
  await writeCorpus(root, { issues: 12, seed: 11 });
  const build = async (outDir: string, cache: boolean) => buildSite(await loadConfig(root), { outDir: join(root, outDir), drafts: false, cache });
  await build('dist', true);
  for (const [name, edit] of EDITS) {
    edit(root);
    const rebuilt = await build('dist', true);
    assert.ok(!rebuilt.upToDate, `${name}: something to build`);
    rmSync(join(root, 'clean'), { recursive: true, force: true });
    await build('clean', false);
    assert.deepEqual(pagesDigest(join(root, 'dist')), pagesDigest(join(root, 'clean')), `after ${name}, the rebuild equals a clean build`);
  }
});

test('a site another command wrote into keeps no key of what it wrote: the next build writes those files again', async () => {
  const root = mkdtempSync(join(tmpdir(), 'paperboy-plan-'));
  await writeCorpus(root, { issues: 3, seed: 5 });
  const config = await loadConfig(root);
  await buildSite(config, { outDir: join(root, 'dist'), drafts: false, cache: true });
  cpSync(join(root, 'dist'), join(root, 'before'), { recursive: true });
  writeFileSync(join(root, 'dist', 'issues', '2', 'index.html'), 'overwritten by hand');
  const marker = join(root, 'dist', '.paperboy-site');
  // As `forgetSiteFiles` marks what `paperboy start` wrote: the page's key becomes the foreign key.
  writeFileSync(marker, readFileSync(marker, 'utf8').replace(/^file \S+ \S+ issues\/2\/index\.html$/m, 'file - - issues/2/index.html').replace(/^key .*$/m, 'key -'));
  editIssue(root, 1, / {4}summary: \|\n {6}/, '$&Reworded. ');
  await buildSite(config, { outDir: join(root, 'dist'), drafts: false, cache: true });
  assert.equal(readFileSync(join(root, 'dist', 'issues', '2', 'index.html'), 'utf8'), readFileSync(join(root, 'before', 'issues', '2', 'index.html'), 'utf8'));
});

test('a rebuild whose shape held reads the citation keys back from the cache, not made again; one whose shape changed makes them', async () => {
  const root = mkdtempSync(join(tmpdir(), 'paperboy-plan-'));
  await writeCorpus(root, { issues: 3, seed: 5 });
  const build = async () => buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: false, cache: true });
  await build();
  const file = join(root, '.paperboy', 'cache', 'citations.json');
  const stored = JSON.parse(readCacheFile(file)!.toString()) as { keys: string[] };
  // Keys no making gives: seen on a page only if read back.
  writeCacheFile(file, JSON.stringify({ ...stored, keys: stored.keys.map((key) => `stored${key}`) }));
  const bibOf = (page: string) => /@misc\{([^,]+),/.exec(readFileSync(join(root, 'dist', page), 'utf8'))![1]!;
  const paperPage = (number: number) => {
    const html = readFileSync(join(root, 'dist', 'issues', String(number), 'index.html'), 'utf8');
    return `papers/${/href="\.\.\/\.\.\/papers\/([^/"]+)\//.exec(html)![1]!}/index.html`;
  };
  const page = paperPage(2);
  const made = bibOf(page);
  editIssue(root, 2, / {4}summary: \|\n {6}/, '$&Reworded. ');
  await build();
  assert.equal(bibOf(page), `stored${made}`, 'the edited paper page shows the stored key');
  editIssue(root, 2, /^title: .*$/m, 'title: "Retitled"');
  await build();
  assert.equal(bibOf(page), made, 'the shape changed: made again');
});


test('an issue page says which other issues covered each of its papers, linking to their summaries; a new issue covering one rewrites that page, not the others', async () => {
  const root = mkdtempSync(join(tmpdir(), 'paperboy-plan-'));
  await writeCorpus(root, { issues: 4, seed: 5 });
  const build = async () => buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: false, cache: true });
  await build();
  const page = (number: number) => readFileSync(join(root, 'dist', 'issues', String(number), 'index.html'), 'utf8');
  assert.doesNotMatch(page(2), /Also covered in/);
  const pageKeys = () => new Map([...readFileSync(join(root, 'dist', '.paperboy-site'), 'utf8').matchAll(/^file (\S+) \S+ (issues\/\d+\/index\.html)$/gm)].map((match) => [match[2]!, match[1]!]));
  const before = pageKeys();
  const arxiv = firstArxiv(root, 2)!;
  // Issue 3's text as issue 5, its papers new ones but the first, which is issue 2's first paper.
  let paper = 0;
  const text = readFileSync(issueFile(root, 3)!, 'utf8')
    .replace(/^number: 3$/m, 'number: 5')
    .replace(/^title: .*$/m, 'title: "A fifth issue"')
    .replace(/^date: .*$/m, 'date: 2031-02-05')
    .replace(/^ {4}arxiv: .*\n/gm, '')
    .replace(/^ {4}url: .*$/gm, () => (paper++ === 0 ? `    url: https://arxiv.org/abs/${arxiv}\n    arxiv: "${arxiv}"` : `    url: https://example.org/new-paper-${paper}`));
  writeFileSync(join(root, 'issues', '0005-again.md'), text);
  const rebuilt = await build();
  assert.equal(rebuilt.rendered, 1, 'only the new issue is rendered');
  assert.match(page(2), /<p class="also-covered">Also covered in <a href="[^"]*\/issues\/5\/index\.html#[^"]+" aria-label="Issue #5, its summary of this paper">#5<\/a>\.<\/p>/);
  assert.match(page(5), /<p class="also-covered">Also covered in <a href="[^"]*\/issues\/2\/index\.html#[^"]+" aria-label="Issue #2, its summary of this paper">#2<\/a>\.<\/p>/);
  const after = pageKeys();
  const changed = [...after.keys()].filter((path) => before.get(path) !== after.get(path)).sort();
  // Issue 2 (covered again), the newest before (its next link: issue 4 is a draft), issue 5 (new).
  assert.deepEqual(changed, ['issues/2/index.html', 'issues/3/index.html', 'issues/5/index.html']);
  assert.ok(!existsSync(join(root, 'dist', 'issues', '4')), 'issue 4 is a draft');
});

test('a draft published by --drafts is in no feed and not in the sitemap; a rebuild after toggling --drafts either way equals a clean build', async () => {
  const root = mkdtempSync(join(tmpdir(), 'paperboy-plan-'));
  // Issue 4, the newest, is a draft (generate-corpus.ts).
  await writeCorpus(root, { issues: 4, seed: 5 });
  const build = async (outDir: string, drafts: boolean, cache: boolean) => buildSite(await loadConfig(root), { outDir: join(root, outDir), drafts, cache });
  const read = (dir: string, path: string) => readFileSync(join(root, dir, path), 'utf8');
  await build('dist', false, true);
  for (const drafts of [true, false, true]) {
    const rebuilt = await build('dist', drafts, true);
    assert.ok(!rebuilt.upToDate, `--drafts ${drafts}: something to build`);
    rmSync(join(root, 'clean'), { recursive: true, force: true });
    await build('clean', drafts, false);
    assert.deepEqual(pagesDigest(join(root, 'dist')), pagesDigest(join(root, 'clean')), `after toggling --drafts to ${drafts}, the rebuild equals a clean build`);
    assert.equal(existsSync(join(root, 'dist', 'issues', '4', 'index.html')), drafts, 'the draft has a page with --drafts alone');
    for (const path of ['sitemap.xml', 'feed.xml', 'atom.xml', 'feed.json']) {
      assert.doesNotMatch(read('dist', path), /\/issues\/4\//, `${path} (--drafts ${drafts}) names no draft`);
      assert.match(read('dist', path), /\/issues\/3\//, `${path} names the issues published`);
    }
  }
  assert.match(read('dist', 'issues/4/index.html'), /<meta name="robots" content="noindex">/);
  assert.match(read('dist', 'sitemap.xml'), /\/papers\/</, 'the other pages stay in the sitemap');
});
