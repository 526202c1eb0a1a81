import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { sha256 } from '../../src/sha256.js';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { load } from 'cheerio/slim';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { writeCorpus } from '../../scripts/generate-corpus.js';
import { buildSite, type BuildStage } from '../../src/archive/build.js';
import { lockSite } from '../../src/archive/site-lock.js';
import { loadConfig } from '../../src/config/load.js';
import { INDEX_FORMAT, SHAPE_FORMAT, SHARD_FORMAT } from '../../src/archive/formats.js';
import { readMarker } from '../../src/archive/site-marker.js';
import { recoverSite } from '../../src/archive/site-commit.js';
import { BIN, runCli, spawnCli } from '../helpers/cli.js';
import { cleanIssue, cleanIssueWithMarkdown, CONFIG_YAML, makeRoot } from '../helpers/fixture.js';
import { htmlProblems, pageValidator } from '../helpers/html-validate.js';
import { archiveRoot, BASE_URL, DRAFT_WORD, PRIVATE_NOTE } from './fixture.js';
import { brokenLinks, inPageLinkProblems, siteDigest, siteFiles } from './site-check.js';

let root: string;
let site: string;

before(async () => {
  root = archiveRoot();
  site = join(root, 'dist');
  const result = await runCli(['build'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /Built dist: 3 issues \(3 rendered, 0 unchanged\), 3 papers/);
  assert.equal(result.stderr, '', 'a build over within a second shows no progress');
});

const read = (path: string) => readFileSync(join(site, path), 'utf8');

/** A copy of the archive fixture, built, then one summary of issue 3 edited ("plainly" becomes "plainly and quickly"). */
async function builtThenEdited(): Promise<string> {
  const edited = archiveRoot();
  assert.equal((await runCli(['build'], { cwd: edited })).code, 0);
  const file = join(edited, 'issues', '0003-c.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('Evaluations, plainly.', 'Evaluations, plainly and quickly.'));
  return edited;
}

/** Builds `root` anew with no cache into `clean/`, and checks that `dist/` has the same files with the same bytes. */
async function assertEqualsCleanBuild(root: string): Promise<void> {
  const clean = await runCli(['build', '--no-cache', '--out', 'clean'], { cwd: root });
  // 1: built, its issues' lint errors said (the site is written all the same).
  assert.ok(clean.code === 0 || clean.code === 1, clean.stderr);
  assert.deepEqual(siteDigest(join(root, 'dist')), siteDigest(join(root, 'clean')));
}

/** The same files with the same bytes; the marker aside (its key names the issue files' paths, so a copy of the project has another). */
const sameSite = (a: Record<string, string>, b: Record<string, string>) => {
  const files = (digest: Record<string, string>) => JSON.stringify(Object.entries(digest).filter(([path]) => path !== '.paperboy-site'));
  return files(a) === files(b);
};

test('build writes the SPEC outputs: home page, issue pages with their email files, papers, tags, data, feeds, sitemap', () => {
  for (const path of ['index.html', 'papers/index.html', 'papers.json', 'papers.csv', 'papers.bib', 'feed.xml', 'atom.xml', 'feed.json', 'sitemap.xml', 'tags/emergence/index.html', 'authors/index.html', 'search/2023.js', 'search/2017.js', 'search/undated.js', 'papers/catalog.js', 'assets/search-options.js', 'assets/minisearch/index.js']) {
    assert.ok(existsSync(join(site, path)), path);
  }
  for (const n of [1, 2, 3]) for (const name of ['index.html', 'email.html', 'email.txt']) assert.ok(existsSync(join(site, 'issues', String(n), name)), `issues/${n}/${name}`);
});

test('every href and src of every page resolves inside the site (anchors included)', () => {
  assert.deepEqual(brokenLinks(site, BASE_URL), []);
});

test('every page is valid HTML with the accessibility rules of html-validate', async () => {
  const problems: string[] = [];
  for (const path of siteFiles(site).filter((file) => file.endsWith('index.html'))) {
    const report = await pageValidator.validateFile(join(site, path));
    for (const result of report.results) for (const message of result.messages) problems.push(`${path}:${message.line}:${message.column} ${message.message} (${message.ruleId})`);
  }
  assert.deepEqual(problems, []);
});

test('drafts are left out unless --drafts, and private notes never appear anywhere', async () => {
  for (const path of siteFiles(site)) {
    const text = readFileSync(join(site, path), 'latin1');
    assert.ok(!text.includes(PRIVATE_NOTE), `private note in ${path}`);
    assert.ok(!text.includes(DRAFT_WORD), `draft in ${path}`);
  }
  assert.ok(!existsSync(join(site, 'issues', '4')));
  const drafts = join(root, 'with-drafts');
  const result = await runCli(['build', '--drafts', '--out', 'with-drafts'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.match(readFileSync(join(drafts, 'issues', '4', 'index.html'), 'utf8'), new RegExp(DRAFT_WORD));
  assert.ok(!readFileSync(join(drafts, 'papers.json'), 'utf8').includes(PRIVATE_NOTE));
});

test('an issue page has the email content: an anchor per paper, previous and next, math typeset, cross-references made relative', () => {
  const page = read('issues/2/index.html');
  // github-slugger, as GitHub slugs a heading: each dropped character between spaces leaves its hyphen.
  assert.match(page, /id="attention-is-all--you--need"/);
  assert.match(page, /<a rel="prev" href="\.\.\/\.\.\/issues\/1\/index\.html">/);
  assert.match(page, /<a rel="next" href="\.\.\/\.\.\/issues\/3\/index\.html">/);
  assert.match(page, /class="katex"/);
  assert.match(page, /assets\/katex\/katex\.min\.css/);
  assert.match(page, /href="\.\.\/\.\.\/issues\/1\/index\.html#are-emergent-abilities/);
  assert.equal(page.match(/<h1[ >]/g)?.length, 1, 'one h1');
  assert.match(page, /Attention &lt;is&gt; all &amp; you \]\]&gt; need/);
});

test("a paper's anchor is never another id of its page: titled `Main`, like a footnote's id, or with nothing to slug, the issue page is valid and every link lands", async () => {
  const paper = (n: number, title: string, summary = 'A summary.') => `  - title: ${title}
    url: https://arxiv.org/abs/2301.0000${n}
    arxiv: "2301.0000${n}"
    section: Evaluations
    summary: |
      ${summary.replaceAll('\n', '\n      ')}
`;
  const papers = [paper(1, 'Noted', 'Claim[^x].\n\n[^x]: The note.'), paper(2, 'Main'), paper(3, 'I1 P0 summary fn x'), paper(4, '"#"'), paper(5, '"🙂"')].join('');
  const linking = paper(6, 'Later', 'See [Main](paper:2301.00002) and [the smiley](paper:2301.00005).');
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ papers }), 'issues/0002-b.md': cleanIssue({ number: 2, date: '2023-06-05', papers: linking }) });
  const result = await runCli(['build'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  const page = readFileSync(join(root, 'dist', 'issues', '1', 'index.html'), 'utf8');
  assert.deepEqual(await htmlProblems(pageValidator, page), []);
  assert.deepEqual(inPageLinkProblems(page), []);
  assert.deepEqual(brokenLinks(join(root, 'dist'), BASE_URL), []);
  assert.match(page, /<main id="main"/);
  assert.match(page, /<article class="paper" id="Paper-main">/);
  assert.match(readFileSync(join(root, 'dist', 'issues', '2', 'index.html'), 'utf8'), /href="\.\.\/\.\.\/issues\/1\/index\.html#Paper-main"/);
});

test('opened from disk, every link between pages names a file: no relative link points at a folder', () => {
  // A folder link (`../papers/x/`, `./`) opened from file:// shows a file listing: no server answers it with its index.
  const path = (href: string) => href.split(/[?#]/)[0]!;
  const toFolder = (href: string) => !/^(?:[a-z][a-z\d+.-]*:|\/|#)/i.test(href) && (path(href).endsWith('/') || /^\.{1,2}$/.test(path(href)));
  const links = siteFiles(site)
    .filter((file) => file.endsWith('.html'))
    .flatMap((file) => [...read(file).matchAll(/ (?:href|src)="([^"]*)"/g)].map((match) => ({ file, href: match[1]! })));
  assert.ok(links.some(({ href }) => href.endsWith('/index.html')), 'pages link each other');
  assert.deepEqual(links.filter(({ href }) => toFolder(href)), []);
});

test('list pages have their own heading (a view field never meets a template helper of the same name)', () => {
  assert.match(read('tags/emergence/index.html'), /<h1>Papers tagged “emergence”<\/h1>/);
  assert.match(read('authors/index.html'), /<h1>Authors<\/h1>/);
});

test('a paper covered twice has one page with both summaries, a BibTeX entry and its arXiv link', () => {
  const page = read('papers/2304.15004/index.html');
  assert.match(page, /Smooth metrics show smooth scaling/);
  assert.match(page, /A second look at the mirage/);
  assert.match(page, /href="https:\/\/arxiv\.org\/abs\/2304\.15004"/);
  assert.match(page, /@misc\{schaeffer2023emergent,/);
});

test('papers.bib parses with a BibTeX parser, special characters intact', () => {
  const library = parseBibtex(read('papers.bib'));
  assert.deepEqual(library.errors, []);
  assert.equal(library.entries.length, 3);
  const attention = library.entries.find((entry) => entry.fields.eprint === '1706.03762');
  assert.equal(attention?.fields.title, 'Attention <is> all & you ]]> need');
});

test('papers.csv: a BOM, one row per summary, round-trips through csv-parse, formulas escaped', () => {
  const text = read('papers.csv');
  assert.ok(text.startsWith('\ufeff'));
  const rows = parseCsv(text, { bom: true, columns: true }) as Record<string, string>[];
  assert.equal(rows.length, 4);
  assert.deepEqual(Object.keys(rows[0]!), ['highlight', 'section', 'title', 'authors', 'venue', 'year', 'via', 'summarizer', 'issue', 'date', 'summary', 'opinion', 'prerequisites', 'url', 'arxiv']);
  const attention = rows.find((row) => row.arxiv === '1706.03762')!;
  const summary = attention.summary!;
  assert.ok(summary.startsWith("'=SUM(1,2)"), summary);
  assert.match(summary, /\n\nSecond paragraph/);
  assert.equal(attention.highlight, 'yes');
});

test('papers.json: every paper once, every summary, absolute URLs under baseUrl', () => {
  const data = JSON.parse(read('papers.json')) as { version: number; papers: { id: string; url: string; summaries: { url: string; issue: { number: number } }[] }[] };
  assert.equal(data.version, 1);
  assert.equal(data.papers.length, 3);
  const mirage = data.papers.find((paper) => paper.id === 'arxiv:2304.15004')!;
  assert.deepEqual(mirage.summaries.map((s) => s.issue.number), [1, 2]);
  for (const paper of data.papers) {
    assert.ok(paper.url.startsWith(BASE_URL));
    for (const summary of paper.summaries) assert.ok(summary.url.startsWith(`${BASE_URL}issues/`));
  }
});

test('RSS and Atom parse with feedparser, one entry per published issue with its full HTML, Atom titles escaped', () => {
  const script = `
import feedparser, html, json, sys
# A title of type text/html is markup: what a reader shows is its text.
def shown(detail):
    return html.unescape(detail.value) if detail.type == 'text/html' else detail.value
out = {}
for name in sys.argv[1:]:
    d = feedparser.parse(name)
    out[name.rsplit('/', 1)[1]] = {'bozo': d.bozo, 'entries': [{'title': shown(e.title_detail), 'link': e.link, 'content': e.content[0].value if 'content' in e else e.get('summary', '')} for e in d.entries]}
print(json.dumps(out))`;
  const result = spawnSync('/usr/bin/python3', ['-c', script, join(site, 'feed.xml'), join(site, 'atom.xml')], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const feeds = JSON.parse(result.stdout) as Record<string, { bozo: number; entries: { title: string; link: string; content: string }[] }>;
  for (const name of ['feed.xml', 'atom.xml']) {
    const feed = feeds[name]!;
    assert.ok(!feed.bozo, name);
    assert.deepEqual(feed.entries.map((entry) => entry.link), [3, 2, 1].map((n) => `${BASE_URL}issues/${n}/`), name);
    assert.match(feed.entries[1]!.content, /quokkaformer/, `${name}: full text`);
    assert.equal(feed.entries[1]!.title, '#2: Attention & <mirages>', name);
  }
});

const jsonFeedSchema = z.object({
  version: z.enum(['https://jsonfeed.org/version/1', 'https://jsonfeed.org/version/1.1']),
  title: z.string(),
  home_page_url: z.url(),
  feed_url: z.url(),
  items: z.array(z.object({ id: z.string(), url: z.url(), title: z.string(), content_html: z.string().min(1), date_modified: z.iso.datetime().optional(), date_published: z.iso.datetime().optional() })),
});

test('feed.json is a JSON Feed (version 1, as `feed` 6 writes it) with one item per published issue', () => {
  const feed = jsonFeedSchema.parse(JSON.parse(read('feed.json')));
  assert.deepEqual(feed.items.map((item) => item.url), [3, 2, 1].map((n) => `${BASE_URL}issues/${n}/`));
});

/** The HTML of each feed.json item, by the issue's URL. */
function feedEntries(): Map<string, string> {
  const feed = jsonFeedSchema.parse(JSON.parse(read('feed.json')));
  return new Map(feed.items.map((item) => [item.url, item.content_html]));
}

test("each paper in a feed entry has its source line under its title as the email shows it: authors, venue, year", () => {
  const entry = load(feedEntries().get(`${BASE_URL}issues/2/`)!, null, false);
  const email = load(read('issues/2/email.html'));
  // A paper's title is the heading that links to it (the section headings above it link nowhere).
  const lines = entry('h2 > a, h3 > a, h4 > a, h5 > a, h6 > a').map((_, link) => entry(link).parent().next('p').text()).get();
  assert.deepEqual(lines, ['Ashish Vaswani and Noam Shazeer · 2017', 'Rylan Schaeffer, Brando Miranda and Sanmi Koyejo · 2023']);
  assert.deepEqual(lines, email('.paper .paper-meta').map((_, meta) => email(meta).text()).get());
});

test("every link in a feed entry is absolute, and one into its issue page (a paper, a footnote and back) leads to an id there", () => {
  const intoPage: string[] = [];
  for (const [url, html] of feedEntries()) {
    const $ = load(html, null, false);
    const page = load(read(`${url.slice(BASE_URL.length)}index.html`));
    for (const href of $('a[href]').map((_, a) => $(a).attr('href')).get()) {
      assert.match(href, /^(https?|mailto):/, href);
      if (!href.startsWith(`${url}#`)) continue;
      intoPage.push(href);
      assert.equal(page(`[id="${decodeURIComponent(new URL(href).hash.slice(1))}"]`).length, 1, href);
    }
  }
  assert.ok(intoPage.some((href) => href.includes('-fn-')) && intoPage.some((href) => href.includes('-fnref-')), 'the mirage note and its way back');
});

test('the sitemap lists every page by its absolute URL', () => {
  const sitemap = read('sitemap.xml');
  for (const path of ['', 'issues/2/', 'papers/', 'papers/2304.15004/', 'tags/emergence/']) assert.ok(sitemap.includes(`<loc>${BASE_URL}${path}</loc>`), path);
  assert.ok(!/index\.html/.test(sitemap));
});

test('two clean builds are byte-identical, search index included', async () => {
  const again = await runCli(['build', '--no-cache', '--out', 'again'], { cwd: root });
  assert.equal(again.code, 0, again.stderr);
  const { ['.paperboy-site']: _marker, ...first } = siteDigest(site);
  assert.deepEqual(siteDigest(join(root, 'again')), { ...first, '.paperboy-site': siteDigest(join(root, 'again'))['.paperboy-site']! });
});

test('after editing one summary, a rebuild renders that issue only and equals a clean build', async () => {
  const edited = await builtThenEdited();
  const rebuild = await runCli(['build'], { cwd: edited });
  assert.equal(rebuild.code, 0, rebuild.stderr);
  assert.match(rebuild.stdout, /\(1 rendered, 2 unchanged\)/);
  await assertEqualsCleanBuild(edited);
});

test('after editing one summary, a rebuild writes only the files that show it, leaves every other file as it was, and no journal or pending folder behind', async () => {
  const edited = archiveRoot();
  assert.equal((await runCli(['build'], { cwd: edited })).code, 0);
  const inode = (path: string) => statSync(join(edited, 'dist', path)).ino;
  const before = { unchanged: inode('issues/1/email.html'), edited: inode('issues/3/email.html') };
  const marker = () => new Set(readFileSync(join(edited, 'dist', '.paperboy-site'), 'utf8').split('\n').filter((line) => line.startsWith('file ')));
  const keys = marker();
  const file = join(edited, 'issues', '0003-c.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('Evaluations, plainly.', 'Evaluations, plainly and quickly.'));
  const rebuild = await runCli(['build'], { cwd: edited });
  assert.match(rebuild.stdout, / files \(11 written\)\.( 1 draft left out .*)?$/m);
  // The issue's page and email files, its paper's page, the data files with its rows, the catalog with its excerpt, its paper's search shard, the feeds it is in.
  const changed = [...marker()].filter((line) => !keys.has(line)).map((line) => line.split(' ')[3]).sort();
  assert.deepEqual(changed, [
    'atom.xml',
    'feed.json',
    'feed.xml',
    'issues/3/email.html',
    'issues/3/email.txt',
    'issues/3/index.html',
    'papers.csv',
    'papers.json',
    'papers/catalog.js',
    'papers/url-blog-example-com-posts-evals-112c4aad/index.html',
    'search/undated.js',
  ]);
  assert.equal(inode('issues/1/email.html'), before.unchanged);
  assert.notEqual(inode('issues/3/email.html'), before.edited);
  assert.match(readFileSync(join(edited, 'dist', 'issues', '3', 'email.html'), 'utf8'), /plainly and quickly/);
  assert.deepEqual(readdirSync(edited).filter((name) => name.startsWith('dist.')), []);
  // --no-cache trusts nothing from before: every file is written anew.
  const kept = inode('issues/1/email.html');
  assert.match((await runCli(['build', '--no-cache'], { cwd: edited })).stdout, /, (\d+) files \(\1 written\)/);
  assert.notEqual(inode('issues/1/email.html'), kept);
});

test('a rebuild stopped in the middle of its commit is finished from its journal by the next build, equal to a clean build', async () => {
  const edited = await builtThenEdited();
  // A folder where the commit must put a file stops it after the data files are in (EISDIR), as a kill would.
  rmSync(join(edited, 'dist', 'issues', '3', 'index.html'));
  mkdirSync(join(edited, 'dist', 'issues', '3', 'index.html', 'in-the-way'), { recursive: true });
  const stopped = await runCli(['build'], { cwd: edited });
  assert.equal(stopped.code, 2);
  assert.match(stopped.stderr, /Cannot write the site to .*dist/);
  assert.ok(existsSync(join(edited, 'dist.commit')), 'the journal stays for the next build');
  assert.match(readFileSync(join(edited, 'dist', 'papers.csv'), 'utf8'), /plainly and quickly/, 'the commit had begun');
  rmSync(join(edited, 'dist', 'issues', '3', 'index.html'), { recursive: true });
  const finished = await runCli(['build'], { cwd: edited });
  assert.equal(finished.code, 0, finished.stderr);
  assert.ok(!existsSync(join(edited, 'dist.commit')));
  await assertEqualsCleanBuild(edited);
});

test('a rebuild keeps its files side by side in its pending folder, each named in the journal with its place in the site: no folder made there per page', async () => {
  const edited = await builtThenEdited();
  // Stopped in its commit (see above), so the pending folder and the journal stay to be looked at.
  rmSync(join(edited, 'dist', 'issues', '3', 'index.html'));
  mkdirSync(join(edited, 'dist', 'issues', '3', 'index.html', 'in-the-way'), { recursive: true });
  assert.equal((await runCli(['build'], { cwd: edited })).code, 2);
  const journal = JSON.parse(readFileSync(join(edited, 'dist.commit'), 'utf8')) as { pending: string; files: [string, string][] };
  const pending = join(edited, journal.pending);
  assert.deepEqual(readdirSync(pending, { withFileTypes: true }).filter((entry) => entry.isDirectory()), []);
  const waiting = journal.files.filter(([name]) => existsSync(join(pending, name))).map(([, path]) => path);
  assert.ok(waiting.includes('issues/3/index.html'), `waiting: ${waiting.join(', ')}`);
  assert.match(readFileSync(join(pending, journal.files.find(([, path]) => path === 'issues/3/index.html')![0]), 'utf8'), /plainly and quickly/);
});

test('an issue deleted or a tag renamed: the rebuild removes their files and empty folders, and equals a clean build', async () => {
  const edited = archiveRoot();
  assert.equal((await runCli(['build'], { cwd: edited })).code, 0);
  assert.ok(existsSync(join(edited, 'dist', 'issues', '3', 'index.html')));
  rmSync(join(edited, 'issues', '0003-c.md'));
  const file = join(edited, 'issues', '0002-b.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('tags: [transformers]', 'tags: [attention]'));
  const rebuild = await runCli(['build'], { cwd: edited });
  assert.equal(rebuild.code, 0, rebuild.stderr);
  assert.ok(!existsSync(join(edited, 'dist', 'issues', '3')), 'the deleted issue has no folder left');
  assert.ok(!existsSync(join(edited, 'dist', 'tags', 'transformers')));
  assert.ok(existsSync(join(edited, 'dist', 'tags', 'attention', 'index.html')));
  await assertEqualsCleanBuild(edited);
  const folders = (root: string) => readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => join(entry.parentPath.slice(root.length), entry.name)).sort();
  assert.deepEqual(folders(join(edited, 'dist')), folders(join(edited, 'clean')));
});

test('a rendering missing from the build cache (deleted by hand) is rendered again, and the site still equals a clean build', async () => {
  const edited = archiveRoot();
  assert.equal((await runCli(['build'], { cwd: edited })).code, 0);
  const cache = join(edited, '.paperboy', 'cache', 'build');
  for (const name of readdirSync(cache)) if (name !== 'index.v8') rmSync(join(cache, name));
  const file = join(edited, 'issues', '0002-b.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('Foundational.', 'Foundational, still.'));
  const rebuild = await runCli(['build'], { cwd: edited });
  assert.equal(rebuild.code, 0, rebuild.stderr);
  await assertEqualsCleanBuild(edited);
});

test('a build cache file cut short or overwritten is a miss: that issue is rendered again, and the site equals a clean build', async () => {
  const edited = archiveRoot();
  assert.equal((await runCli(['build'], { cwd: edited })).code, 0);
  const cache = join(edited, '.paperboy', 'cache', 'build');
  const stored = readdirSync(cache).filter((name) => name !== 'index.v8');
  for (const [i, name] of stored.entries()) {
    const bytes = readFileSync(join(cache, name));
    writeFileSync(join(cache, name), i % 2 === 0 ? bytes.subarray(0, bytes.length >> 1) : 'not a stored value');
  }
  rmSync(join(edited, 'dist'), { recursive: true });
  const rebuild = await runCli(['build'], { cwd: edited });
  assert.equal(rebuild.code, 0, rebuild.stderr);
  await assertEqualsCleanBuild(edited);
  writeFileSync(join(cache, 'index.v8'), 'not an index');
  const again = await runCli(['build', '--out', 'again'], { cwd: edited });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /\(3 rendered, 0 unchanged\)/, 'an index that cannot be read is an empty one');
});

test("the build cache keeps only the files of the issues it publishes: a deleted issue's and an older paperboy's go", async () => {
  const edited = archiveRoot();
  const cache = join(edited, '.paperboy', 'cache', 'build');
  mkdirSync(cache, { recursive: true });
  writeFileSync(join(cache, 'index.json'), '{"format":"build-index-v2-0.1.0","entries":[]}');
  writeFileSync(join(cache, '0123456789abcdef01234567.records.json'), '[]');
  assert.equal((await runCli(['build'], { cwd: edited })).code, 0);
  // Besides the index (index.v8, and index.v8.delta once it changed: stored-map.ts).
  const outputs = () => readdirSync(cache).filter((name) => !name.startsWith('index.v8'));
  assert.deepEqual(readdirSync(cache).filter((name) => name.startsWith('index')), ['index.v8']);
  assert.equal(outputs().length, 2 * 3, 'a rendering and records for each of the 3 published issues');
  rmSync(join(edited, 'issues', '0003-c.md'));
  assert.equal((await runCli(['build'], { cwd: edited })).code, 0);
  assert.equal(outputs().length, 2 * 2);
});

test('a build reports its progress: issues rendered, then files written, each up to its total', async () => {
  for (const [name, issues] of [['in this process', 3], ['on every core', 30]] as const) {
    const newsletter = await mkdtemp(join(tmpdir(), 'paperboy-build-progress-'));
    await writeCorpus(newsletter, { issues });
    const events: [BuildStage, number, number][] = [];
    const report = await buildSite(await loadConfig(newsletter), { outDir: join(newsletter, 'dist'), drafts: false, cache: true, progress: (...event) => events.push(event) });
    const of = (stage: BuildStage) => events.filter(([at]) => at === stage);
    assert.deepEqual(of('render').at(-1), ['render', report.rendered, report.rendered], name);
    assert.deepEqual(of('write').at(-1), ['write', report.written, report.written], name);
    const stages = events.map(([stage]) => stage);
    assert.ok(stages.indexOf('write') > stages.lastIndexOf('render'), `${name}: rendering, then writing`);
    for (const stage of ['render', 'write'] as const) {
      const done = of(stage).map(([, count]) => count);
      assert.deepEqual(done, [...done].sort((a, b) => a - b), `${name}: ${stage} only goes up`);
    }
  }
});

test('many issues are rendered by a worker per core, and give the site one process gives', async () => {
  const many = await mkdtemp(join(tmpdir(), 'paperboy-build-pool-'));
  await writeCorpus(many, { issues: 30 });
  const pooled = await runCli(['build'], { cwd: many });
  assert.equal(pooled.code, 0, pooled.stderr);
  assert.match(pooled.stdout, /\(29 rendered, 0 unchanged\)/, "the corpus has one draft");
  // The workers stored what they rendered: nothing is rendered again.
  assert.equal(readdirSync(join(many, '.paperboy', 'cache', 'build')).filter((name) => name.endsWith('.records.v8')).length, 29);
  // --no-cache renders in this process (nothing to store the workers' renderings in).
  const inProcess = await runCli(['build', '--no-cache', '--out', 'one-process'], { cwd: many });
  assert.equal(inProcess.code, 0, inProcess.stderr);
  assert.deepEqual(siteDigest(join(many, 'dist')), siteDigest(join(many, 'one-process')));
});

test('email files written into a built site by another command are written again by the next build', async () => {
  const edited = archiveRoot();
  assert.equal((await runCli(['build'], { cwd: edited })).code, 0);
  const email = join(edited, 'dist', 'issues', '1', 'email.html');
  const built = readFileSync(email, 'utf8');
  // What `paperboy start` once did after writing an issue's email files into the site: the file's key is FOREIGN_KEY, the site's none.
  writeFileSync(email, 'written by start');
  const marker = join(edited, 'dist', '.paperboy-site');
  const body = readFileSync(marker, 'utf8')
    .replace(/^end \S+\n$/m, '')
    .replace(/^file \S+ \S+ issues\/1\/email\.html$/m, 'file - - issues/1/email.html')
    .replace(/^key .*$/m, 'key -');
  // As `markerText` writes a marker, its last line the hash of the lines above (an edited one is no record: site-marker.ts).
  writeFileSync(marker, `${body}end ${sha256(body)}\n`);
  // Nothing else changed, yet the site is not the one its key named.
  assert.match((await runCli(['build'], { cwd: edited })).stdout, /files \(1 written\)/);
  assert.equal(readFileSync(email, 'utf8'), built);
});

test('a rebuild killed at any moment leaves, once recovered, the previous site or the new one, never a mix', async () => {
  const pristine = await mkdtemp(join(tmpdir(), 'paperboy-build-kill-'));
  await writeCorpus(pristine, { issues: 30 });
  assert.equal((await runCli(['build'], { cwd: pristine })).code, 0);
  const before = siteDigest(join(pristine, 'dist'));
  const issue = join(pristine, 'issues', readdirSync(join(pristine, 'issues')).sort()[3]!);
  writeFileSync(issue, readFileSync(issue, 'utf8').replace(/( {4}summary: \|\n {6})/, '$1Killed mid-build. '));
  assert.equal((await runCli(['build', '--no-cache', '--out', 'clean'], { cwd: pristine })).code, 0);
  const after = siteDigest(join(pristine, 'clean'));
  rmSync(join(pristine, 'clean'), { recursive: true });
  const run = async (killAfter: number | undefined) => {
    const root = await mkdtemp(join(tmpdir(), 'paperboy-build-killed-'));
    cpSync(pristine, root, { recursive: true });
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, 'build'], { cwd: root, stdio: 'ignore' });
    const timer = killAfter === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfter);
    const [code] = (await once(child, 'exit')) as [number | null];
    clearTimeout(timer);
    // What the next build does first: take the lock over from the killed build, then recover.
    const release = lockSite(join(root, 'dist'));
    recoverSite(join(root, 'dist'));
    release();
    // A replaced site (`dist.discarded-PID`) is removed by a detached process, the build's or recoverSite's: given 30 s on a loaded machine.
    const beside = () => readdirSync(root).filter((name) => name.startsWith('dist.'));
    for (const deadline = Date.now() + 30_000; beside().some((name) => name.startsWith('dist.discarded-')) && Date.now() < deadline; ) await sleep(50);
    assert.deepEqual(beside(), [], 'nothing left beside the site');
    return { site: siteDigest(join(root, 'dist')), code, ms: performance.now() - started };
  };
  const whole = await run(undefined);
  assert.equal(whole.code, 0);
  assert.ok(sameSite(whole.site, after), 'a rebuild left alone makes the new site');
  // Across the whole rebuild: start-up, the plan, writing the changed files, the commit.
  let previous = 0;
  for (const share of [0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 0.97]) {
    const killed = await run(Math.round(whole.ms * share));
    assert.ok(sameSite(killed.site, before) || sameSite(killed.site, after), `killed at ${share * 100}% of a rebuild: neither the previous site nor the new one`);
    if (sameSite(killed.site, before)) previous++;
  }
  assert.ok(previous > 0, 'some kills landed before the commit');
});

test('a build with nothing changed reads and writes nothing; a changed web template rewrites the pages that use it, and renders no issue', async () => {
  const again = archiveRoot();
  assert.equal((await runCli(['build'], { cwd: again })).code, 0);
  const unchanged = await runCli(['build'], { cwd: again });
  assert.equal(unchanged.stdout, 'dist is up to date: no issue, template or setting changed since it was built.\n');
  mkdirSync(join(again, 'templates', 'web'), { recursive: true });
  writeFileSync(join(again, 'templates', 'web', 'name-list.html.hbs'), '<h1>{{pageTitle}}</h1><p>Our own list</p>\n');
  const restyled = await runCli(['build'], { cwd: again });
  // The two pages of that template (tags and authors), nothing else.
  assert.match(restyled.stdout, /\(0 rendered, 3 unchanged\), .* files \(2 written\)/);
  assert.match(readFileSync(join(again, 'dist', 'tags', 'index.html'), 'utf8'), /Our own list/);
  writeFileSync(join(again, 'templates', 'email.txt.hbs'), '{{issue.title}}\n{{newsletter.postalAddress}} {{links.unsubscribe}}\n');
  const emailTemplate = await runCli(['build'], { cwd: again });
  assert.match(emailTemplate.stdout, /\(3 rendered, 0 unchanged\)/);
  assert.match(readFileSync(join(again, 'dist', 'issues', '1', 'email.txt'), 'utf8'), /^Emergence mirages\n/);
});

test('what a build published without is told in the order of the file, line by line, whichever check found it', async () => {
  const newsletter = archiveRoot();
  const file = join(newsletter, 'issues', '0002-b.md');
  const text = readFileSync(file, 'utf8');
  // A parse problem late in the file (the second paper's year), a dead link early (the first paper's summary).
  const edited = text.replace('year: 2023', 'year: twenty').replace('(paper:2304.15004)', '(paper:9999.99999)');
  writeFileSync(file, edited);
  const result = await runCli(['build'], { cwd: newsletter });
  assert.equal(result.code, 1, result.stderr);
  const lines = result.stderr.split('\n').flatMap((line) => /^issues\/0002-b\.md:(\d+):(\d+) /.exec(line)?.slice(1, 3).map(Number) ?? []);
  assert.equal(lines.length, 4, result.stderr);
  assert.ok(lines[0]! < lines[2]!, result.stderr);
});

test('the site names the formats it was made with, so a paperboy that makes renderings, plans or search shards otherwise within a version writes it whole', async () => {
  const newsletter = archiveRoot();
  assert.equal((await runCli(['build'], { cwd: newsletter })).code, 0);
  const { maker } = readMarker(join(newsletter, 'dist'))!;
  for (const format of [INDEX_FORMAT, SHAPE_FORMAT, SHARD_FORMAT]) assert.ok(maker?.includes(format), `${format} in ${maker}`);
});

test('a build into a folder given as an absolute path names it as given', async () => {
  const newsletter = archiveRoot();
  const out = join(await mkdtemp(join(tmpdir(), 'paperboy-out-')), 'site');
  const result = await runCli(['build', '--out', out], { cwd: newsletter });
  assert.equal(result.code, 0, result.stderr);
  assert.ok(result.stdout.startsWith(`Built ${out}: `), result.stdout);
});

test('a value the parser cannot read (year: twenty) is published without, and every build says where, until it is fixed', async () => {
  const newsletter = archiveRoot();
  const file = join(newsletter, 'issues', '0002-b.md');
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace('year: 2017', 'year: twenty'));
  const line = text.slice(0, text.indexOf('year: 2017')).split('\n').length;
  const warning = new RegExp(`^issues/0002-b\\.md:${line}:\\d+  error  Unexpected string \`twenty\` for paper 1's \`year\`, expected a number  frontmatter-schema\npaperboy: published 1 issue with that error: fix it`);
  const first = await runCli(['build'], { cwd: newsletter });
  assert.equal(first.code, 1, first.stderr);
  assert.match(first.stderr, warning);
  const attention = (JSON.parse(readFileSync(join(newsletter, 'dist', 'papers.json'), 'utf8')) as { papers: { title: string; year: number | null }[] }).papers.find((paper) => paper.title.startsWith('Attention'));
  assert.equal(attention?.year, null);
  // Nothing changed: the site is up to date, and the build says again what it was published without.
  const again = await runCli(['build'], { cwd: newsletter });
  assert.equal(again.code, 1, again.stderr);
  assert.equal(again.stdout, 'dist is up to date: no issue, template or setting changed since it was built.\n');
  assert.match(again.stderr, warning);
  // Another issue edited: this one comes from the cache, and still says so.
  const other = join(newsletter, 'issues', '0001-a.md');
  writeFileSync(other, readFileSync(other, 'utf8').replace('Smooth metrics show', 'Smooth metrics, edited, show'));
  const second = await runCli(['build'], { cwd: newsletter });
  assert.match(second.stdout, /\(1 rendered, 2 unchanged\)/);
  assert.match(second.stderr, warning);
  writeFileSync(file, text);
  const fixed = await runCli(['build'], { cwd: newsletter });
  assert.equal(fixed.stderr, '');
});

test('an issue that cannot be read fails the build at its line, and the previous site stays', async () => {
  const broken = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }) });
  assert.equal((await runCli(['build'], { cwd: broken })).code, 0);
  const before = siteDigest(join(broken, 'dist'));
  writeFileSync(join(broken, 'issues', '0002-b.md'), cleanIssue({ number: 2 }).replace('date: 2023-05-29', 'date: [unclosed'));
  const result = await runCli(['build'], { cwd: broken });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /issues\/0002-b\.md:\d+:\d+/);
  assert.match(result.stderr, /Nothing was written: the previous site is unchanged\. `paperboy lint` lists every problem/);
  assert.ok(!result.stderr.includes('    at '), 'no stack trace');
  assert.deepEqual(siteDigest(join(broken, 'dist')), before);
});

test("an editor's lock link or metadata file beside the issues does not stop the build: hidden files are not issues", async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/._0001-a.md': Uint8Array.from([0x00, 0x05, 0x16, 0x07, 0x00]) });
  // Emacs's lock while 0001-a.md is open: a link that leads nowhere.
  symlinkSync('editor@host.1234:17', join(root, 'issues', '.#0001-a.md'));
  const result = await runCli(['build'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /Built dist: 1 issue /);
});

test('a build of a folder another build is writing stops at once (exit 2), naming it, and changes nothing', async () => {
  const busy = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }) });
  assert.equal((await runCli(['build'], { cwd: busy })).code, 0);
  assert.equal(existsSync(join(busy, 'dist.lock')), false, 'a build leaves no lock behind');
  writeFileSync(join(busy, 'issues', '0002-b.md'), cleanIssue({ number: 2 }));
  const before = siteDigest(join(busy, 'dist'));
  // The lock of a build still running: a live process of its own.
  const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  const lock = JSON.stringify({ pid: holder.pid, host: hostname(), since: '2026-11-30T12:00:00.000Z' });
  writeFileSync(join(busy, 'dist.lock'), lock);
  try {
    const result = await runCli(['build'], { cwd: busy });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, new RegExp(`Another paperboy build is writing .*dist \\(process ${holder.pid} on .*, since 2026-11-30T12:00:00.000Z\\)`));
    assert.ok(!result.stderr.includes('    at '), 'no stack trace');
    assert.deepEqual(siteDigest(join(busy, 'dist')), before);
    assert.equal(readFileSync(join(busy, 'dist.lock'), 'utf8'), lock, "the other build's lock is left alone");
  } finally {
    holder.kill();
    await once(holder, 'exit');
  }
  // Its process gone, the next build takes the lock over.
  const after = await runCli(['build'], { cwd: busy });
  assert.equal(after.code, 0, after.stderr);
  assert.match(after.stdout, /Built dist: 2 issues/);
  assert.equal(existsSync(join(busy, 'dist.lock')), false);
});

test('build refuses to replace a folder that no build wrote', async () => {
  const own = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'notes/keep.txt': 'mine' });
  const result = await runCli(['build', '--out', 'notes'], { cwd: own });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /Refusing to replace .*notes/);
  assert.equal(readFileSync(join(own, 'notes', 'keep.txt'), 'utf8'), 'mine');
});

test('build refuses a folder inside a site a build made, which that site\'s builds would keep and publish', async () => {
  const newsletter = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }) });
  assert.equal((await runCli(['build'], { cwd: newsletter })).code, 0);
  const before = siteDigest(join(newsletter, 'dist'));
  const result = await runCli(['build', '--out', join('dist', 'sub')], { cwd: newsletter });
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /^paperboy: Refusing to replace .*sub: it is inside the site .*dist, whose builds would keep it/);
  assert.deepEqual(siteDigest(join(newsletter, 'dist')), before, 'the site as it was: no folder, lock or staging left in it');
});

test('--out naming a file is refused before anything is rendered (exit 2), the file untouched', async () => {
  const newsletter = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'a-file': 'not a folder' });
  const result = await runCli(['build', '--out', 'a-file'], { cwd: newsletter });
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /^paperboy: Refusing to replace .*a-file: it is a file, not a folder/);
  assert.ok(!result.stderr.includes('    at '), 'no stack trace');
  assert.equal(readFileSync(join(newsletter, 'a-file'), 'utf8'), 'not a folder');
  assert.ok(!existsSync(join(newsletter, '.paperboy', 'cache', 'build')), 'nothing rendered');
  assert.deepEqual(readdirSync(newsletter).filter((name) => name.startsWith('a-file.')), [], 'no lock or staging folder left beside it');
});

test('a first build that cannot move its site into place (an immutable folder) leaves the folder as it was and no staged copy', async (t) => {
  const newsletter = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }) });
  const out = join(newsletter, 'site');
  mkdirSync(out);
  // chattr +i: a rename fails even for root (chmod does not stop root).
  if (spawnSync('chattr', ['+i', out]).status !== 0) return t.skip('chattr +i is not available here');
  try {
    const result = await runCli(['build', '--out', 'site'], { cwd: newsletter });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /^paperboy: Cannot write the site to .*site: EPERM/);
    assert.ok(existsSync(out) && readdirSync(out).length === 0, 'the folder is as it was');
    assert.deepEqual(readdirSync(newsletter).filter((name) => name.startsWith('site.')), [], 'no staging folder left beside it');
  } finally {
    spawnSync('chattr', ['-i', out]);
  }
});

test('an output folder that cannot be written is a clear error (exit 2), not a stack trace', async () => {
  // Under a regular file: no folder can be made there, whoever runs the test (root too).
  const blocked = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'a-file': 'not a folder' });
  const result = await runCli(['build', '--out', 'a-file/site'], { cwd: blocked });
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /^paperboy: Cannot write the site to .*a-file\/site: ENOTDIR/);
  assert.ok(!result.stderr.includes('    at '));
});

test('a build killed between its two renames leaves the previous site, which the next build puts back', () => {
  const dir = makeRoot({});
  const out = join(dir, 'dist');
  mkdirSync(`${out}.previous`, { recursive: true });
  writeFileSync(join(`${out}.previous`, 'index.html'), 'previous site');
  mkdirSync(`${out}.staging-99999`);
  recoverSite(out);
  assert.equal(readFileSync(join(out, 'index.html'), 'utf8'), 'previous site');
  assert.ok(!existsSync(`${out}.staging-99999`));
  renameSync(out, `${out}.kept`);
});

test('an output folder that is a symbolic link is built where it points, the link kept: first build, --no-cache, rebuild, and a link to a folder not there yet', async () => {
  const linked = archiveRoot();
  mkdirSync(join(linked, 'www'));
  symlinkSync('www', join(linked, 'dist'));
  for (const argv of [['build'], ['build', '--no-cache']]) {
    const result = await runCli(argv, { cwd: linked });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Built dist:/);
    assert.ok(lstatSync(join(linked, 'dist')).isSymbolicLink(), `${argv.join(' ')} keeps the link`);
    assert.ok(existsSync(join(linked, 'www', 'issues', '3', 'index.html')));
  }
  const file = join(linked, 'issues', '0003-c.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('Evaluations, plainly.', 'Evaluations, plainly and quickly.'));
  assert.equal((await runCli(['build'], { cwd: linked })).code, 0);
  assert.ok(lstatSync(join(linked, 'dist')).isSymbolicLink());
  assert.match(readFileSync(join(linked, 'www', 'issues', '3', 'email.html'), 'utf8'), /plainly and quickly/);
  await assertEqualsCleanBuild(linked);
  const dangling = archiveRoot();
  symlinkSync('public', join(dangling, 'dist'));
  assert.equal((await runCli(['build'], { cwd: dangling })).code, 0);
  assert.ok(lstatSync(join(dangling, 'dist')).isSymbolicLink());
  assert.ok(existsSync(join(dangling, 'public', 'index.html')));
});

test('a paper URL lint refuses is named with what the build published: the percent-encoded link, or none for a relative URL (never a dead link under the archive)', async () => {
  const papers = `  - title: A paper
    url: "https://example.com/a_b?x=1&y=\\"q\\" z"
    section: Evaluations
    summary: |
      A.
  - title: Another paper
    url: example.com/b
    section: Evaluations
    summary: |
      B.
`;
  const newsletter = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1, papers }) });
  const result = await runCli(['build'], { cwd: newsletter });
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, /issues\/0001-a\.md:9:10 +error +Unexpected URL `https:\/\/example\.com\/a_b\?x=1&y="q" z`.*; published linking to https:\/\/example\.com\/a_b\?x=1&y=%22q%22%20z +paper-url/);
  assert.match(result.stderr, /issues\/0001-a\.md:14:10 +error +Unexpected URL `example\.com\/b`.*; published without a link to the paper +paper-url/);
  const page = load(readFileSync(join(newsletter, 'dist', 'issues', '1', 'index.html'), 'utf8'));
  const links = page('a').map((_, a) => page(a).attr('href')).get();
  assert.ok(links.includes('https://example.com/a_b?x=1&y=%22q%22%20z'), 'the page links where the message says');
  assert.ok(!links.some((href) => href?.includes('example.com/b')), 'no link made of a relative paper URL');
  assert.match(page('h3').eq(1).html()!, /^Another paper$/, 'its title without a link');
});

/** A diagnostic row with the padding that aligns its columns (lint/format/stylish.ts `diagnosticRows`) as the two spaces between them. */
const unpadded = (row: string) => row.replace(/ {2,}/g, '  ');

test('a paper URL that is no web address and an arXiv id that is a URL are named by every build at their line, as lint names them', async () => {
  const papers = `  - title: A paper
    url: "javascript:alert(1)"
    section: Evaluations
    summary: |
      A.
  - title: Another paper
    url: https://example.com/b
    arxiv: "https://arxiv.org/abs/2305.00001"
    section: Evaluations
    summary: |
      B.
`;
  const newsletter = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1, papers }) });
  const expected = [
    'issues/0001-a.md:9:10  error  Unexpected URL `javascript:alert(1)`, expected an absolute http(s) URL such as `https://example.org/paper`; published without a link to the paper  paper-url',
    'issues/0001-a.md:15:12  error  Unexpected arXiv id `https://arxiv.org/abs/2305.00001`, expected a bare id such as `2304.15004`; its arXiv link may be missing or wrong  arxiv-id',
  ];
  for (const run of ['first', 'up to date']) {
    const result = await runCli(['build'], { cwd: newsletter });
    assert.equal(result.code, 1, result.stderr);
    // Lint's rows, their columns aligned (render.test.ts checks that): compared here with the padding as two spaces.
    assert.deepEqual(result.stderr.split('\n').slice(0, 2).map(unpadded).sort(), [...expected].sort(), run);
    assert.match(result.stderr, /paperboy: published 1 issue with those 2 errors: fix them/);
  }
  // lint says the same at the same places (ESLint's JSON: severity 2 is an error).
  const lint = await runCli(['lint', '--format', 'json'], { cwd: newsletter });
  const places = (JSON.parse(lint.stdout) as { messages: { line: number; column: number; ruleId: string; severity: number }[] }[])[0]!.messages.filter((m) => m.severity === 2).map((m) => `${m.line}:${m.column} ${m.ruleId}`);
  assert.deepEqual(places.sort(), ['15:12 arxiv-id', '9:10 paper-url']);
});

test('a text that a `#` YAML reads as a comment cuts is named by every build at the `#`, as lint names it, with what was published', async () => {
  const text = cleanIssue({ number: 1, title: 'Paper ranked #1 with "quotes"', status: 'ready' }).replace('preheader:', 'editor: Jane #Editor\npreheader:').replace('    year: 2023', '    via: Reader #7\n    year: 2023');
  const newsletter = makeRoot({ 'issues/0001-a.md': text });
  const cut = 'published without the text from that `#` on  yaml-comment-in-text';
  const expected = [
    `issues/0001-a.md:3:21  error  Unexpected comment \`#1 with "quotes"\` cutting the unquoted text of \`title\`, expected the text in quotes: \`'Paper ranked #1 with "quotes"'\`; ${cut}`,
    `issues/0001-a.md:5:14  error  Unexpected comment \`#Editor\` cutting the unquoted text of \`editor\`, expected the text in quotes: \`"Jane #Editor"\`; ${cut}`,
    `issues/0001-a.md:13:17  error  Unexpected comment \`#7\` cutting the unquoted text of \`via\`, expected the text in quotes: \`"Reader #7"\`; ${cut}`,
  ];
  for (const run of ['first', 'up to date']) {
    const result = await runCli(['build'], { cwd: newsletter });
    assert.equal(result.code, 1, result.stderr);
    assert.deepEqual(result.stderr.split('\n').slice(0, 3).map(unpadded), expected, run);
    assert.match(result.stderr, /paperboy: published 1 issue with those 3 errors: fix them/);
  }
  assert.match(readFileSync(join(newsletter, 'dist', 'issues', '1', 'index.html'), 'utf8'), /<h1[^>]*>Paper ranked<\/h1>/, 'the page shows what the message says');
});

test('raw HTML the pages drop (`List<String>` loses `<String>`) is named by every build at its place, as lint names it', async () => {
  // A private note's raw HTML is no page's: the build does not say it was published without it, only lint's error (of an issue not yet sent, which the build lints).
  const newsletter = makeRoot({ 'issues/0001-a.md': cleanIssueWithMarkdown({ summary: 'Returns a List<String> of names.', notes: 'Ask <b>Ann</b> first.' }, { status: 'ready' }) });
  const lint = await runCli(['lint', '--format', 'json'], { cwd: newsletter });
  const [found] = (JSON.parse(lint.stdout) as { messages: { line: number; column: number; ruleId: string; message: string }[] }[])[0]!.messages.filter((m) => m.ruleId === 'no-raw-html');
  assert.ok(found, lint.stdout);
  for (const run of ['first', 'up to date']) {
    const result = await runCli(['build'], { cwd: newsletter });
    assert.equal(result.code, 1, result.stderr);
    assert.equal(unpadded(result.stderr.split('\n')[0]!), `issues/0001-a.md:${found.line}:${found.column}  error  ${found.message}; published without it  no-raw-html`, run);
    assert.equal(result.stderr.match(/published without it/g)?.length, 1, result.stderr);
    assert.equal(result.stderr.match(/no-raw-html/g)?.length, 3, `the note's <b> and </b> as lint says them: ${result.stderr}`);
  }
  assert.doesNotMatch(readFileSync(join(newsletter, 'dist', 'issues', '1', 'index.html'), 'utf8'), /String/, 'the page shows what the message says');
});

test('a list of one paper says "1 paper", of more "N papers"', () => {
  assert.match(read('tags/transformers/index.html'), /<caption>1 paper<\/caption>/);
  assert.match(read('tags/emergence/index.html'), /<caption>2 papers<\/caption>/);
});

test('a formula LaTeX would not take (\\htmlStyle) is typeset without KaTeX writing its own line to stderr', () => {
  const newsletter = makeRoot({ 'issues/0001-a.md': cleanIssueWithMarkdown({ summary: 'Styled $\\htmlStyle{color: red}{y}$ and plain $x^2$.' }) });
  // In a process of its own: KaTeX writes to the console, not to the command's streams.
  const result = spawnCli(['build'], { cwd: newsletter });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stderr, '');
  assert.match(readFileSync(join(newsletter, 'dist', 'issues', '1', 'index.html'), 'utf8'), /class="katex"/);
});

/** An entry of `papers:` with only the fields given (YAML lines after the title). */
const entry = (title: string, lines: string) => `  - title: ${title}\n${lines.replace(/^/gm, '    ')}\n    summary: |\n      ${title}, summarized.\n`;

test("a paper covered again without its authors, year, venue and section keeps an earlier issue's in every output: papers.json, .bib, .csv, its page, its year, catalog, search and export; an edit to the newer issue remakes the older issue's rows", async () => {
  const first = entry('Paper A', 'url: https://example.org/a\nauthors: [Ann Lee, Bo Chen]\nyear: 2022\nvenue: NeurIPS\nsection: Evaluations');
  const again = entry('Paper A revisited', 'url: https://example.org/a');
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ papers: first }), 'issues/0002-b.md': cleanIssue({ number: 2, date: '2023-06-05', papers: again }) });
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  const read = (path: string) => readFileSync(join(root, 'dist', path), 'utf8');
  const [paper] = (JSON.parse(read('papers.json')) as { papers: { title: string; authors: string[]; year: number | null; venue: string | null }[] }).papers;
  assert.deepEqual([paper!.title, paper!.authors, paper!.year, paper!.venue], ['Paper A revisited', ['Ann Lee', 'Bo Chen'], 2022, 'NeurIPS']);
  assert.match(read('papers.bib'), /@misc\{lee2022paper,\n {2}title = \{\{Paper A revisited\}\},\n {2}author = \{Ann Lee and Bo Chen\},\n {2}year = \{2022\},\n {2}howpublished = \{NeurIPS\}/);
  const rows = parseCsv(read('papers.csv'), { bom: true, columns: true }) as Record<string, string>[];
  assert.deepEqual(rows.map((row) => [row.issue, row.title, row.authors, row.year, row.venue, row.section]), [
    ['1', 'Paper A revisited', 'Ann Lee; Bo Chen', '2022', 'NeurIPS', 'Evaluations'],
    ['2', 'Paper A revisited', 'Ann Lee; Bo Chen', '2022', 'NeurIPS', ''],
  ]);
  const slug = readdirSync(join(root, 'dist', 'papers')).find((name) => name.startsWith('url-example-org-a'))!;
  const page = load(read(`papers/${slug}/index.html`));
  assert.equal(page('dd').first().text(), 'Ann Lee and Bo Chen');
  assert.match(page.text(), /NeurIPS, 2022/);
  assert.ok(existsSync(join(root, 'dist', 'papers', 'year', '2022', 'index.html')));
  assert.ok(!existsSync(join(root, 'dist', 'papers', 'year', 'undated')));
  assert.match(read('papers/catalog.js'), /"authors":\[\["Ann Lee"," and "\],\["Bo Chen",""\]\],"authorNames":"Ann Lee\\nBo Chen","year":2022,"section":"Evaluations"/);
  // Listed, filtered and found under the section it had: each summary's own stays in papers.csv, above.
  assert.deepEqual(load(read('papers/year/2022/index.html'))('tbody tr td:nth-child(4)').map((_, cell) => load(cell).text()).get(), ['Evaluations']);
  assert.ok(load(read('papers/index.html'))('#filter-section option[value="Evaluations"]').length === 1, 'the section filter offers it');
  assert.match(read('search/2022.js'), /"section":"Evaluations"/);
  const search = await runCli(['papers', 'search', '--year', '2022'], { cwd: root });
  assert.match(search.stdout, /Paper A revisited \(Ann Lee and Bo Chen, 2022\)/);
  const exported = await runCli(['papers', 'export', '--format', 'bib'], { cwd: root });
  assert.equal(exported.stdout, read('papers.bib'));
  // A venue the newer issue adds is every row's, as a clean build writes it.
  writeFileSync(join(root, 'issues', '0002-b.md'), cleanIssue({ number: 2, date: '2023-06-05', papers: entry('Paper A revisited', 'url: https://example.org/a\nvenue: ICML') }));
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  assert.deepEqual((parseCsv(read('papers.csv'), { bom: true, columns: true }) as Record<string, string>[]).map((row) => row.venue), ['ICML', 'ICML']);
  await assertEqualsCleanBuild(root);
});

test('an author written "Dong, Yihe" in one issue and "Yihe Dong" in another has one author page, found by `papers search --author` either way', async () => {
  const root = makeRoot({
    'issues/0001-a.md': cleanIssue({ papers: entry('Attention Is Not All You Need', 'url: https://example.org/a\nauthors: ["Dong, Yihe", "Loukas, Andreas"]\nyear: 2021') }),
    'issues/0002-b.md': cleanIssue({ number: 2, date: '2023-06-05', papers: entry('Another paper', 'url: https://example.org/b\nauthors: [Yihe Dong, Andreas Loukas]\nyear: 2022') }),
  });
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  assert.deepEqual(readdirSync(join(root, 'dist', 'authors')).sort(), ['andreas-loukas', 'index.html', 'yihe-dong']);
  const page = readFileSync(join(root, 'dist', 'authors', 'yihe-dong', 'index.html'), 'utf8');
  assert.match(page, /Attention Is Not All You Need/);
  assert.match(page, /Another paper/);
  for (const name of ['Yihe Dong', 'Dong, Yihe']) {
    const search = await runCli(['papers', 'search', '--author', name], { cwd: root });
    assert.match(search.stdout, /2 papers match/, name);
  }
  // The papers page's filter, which folds what it types, finds the "Last, First" name typed "First Last" among a paper's names (`authorNames`).
  assert.match(readFileSync(join(root, 'dist', 'papers', 'catalog.js'), 'utf8'), /"authors":\[\["Dong, Yihe","; and "\],\["Loukas, Andreas",""\]\],"authorNames":"Dong, Yihe\\nLoukas, Andreas\\nYihe Dong\\nAndreas Loukas"/);
});

test('the paper page joins its authors as every list of names does: semicolons when a name is written "Last, First", so it never reads as more people', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ papers: entry('Attention Is All You Need', 'url: https://arxiv.org/abs/1706.03762\nauthors: ["Vaswani, Ashish", Noam Shazeer, "Parmar, Niki"]\nyear: 2017') }) });
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  const page = load(readFileSync(join(root, 'dist', 'papers', '1706.03762', 'index.html'), 'utf8'));
  assert.equal(page('dd').first().text(), 'Vaswani, Ashish; Noam Shazeer; and Parmar, Niki');
  assert.equal(page('dd').first().find('a').length, 3);
});

test('"et al." among the authors gets no author page and no link; the lists and the paper page write "Leo Gao, Stella Biderman et al.", papers.json keeps it as written', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ papers: entry('The Pile', 'url: https://arxiv.org/abs/2101.00027\nauthors: [Leo Gao, Stella Biderman, et al.]\nyear: 2020') }) });
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  const read = (path: string) => readFileSync(join(root, 'dist', path), 'utf8');
  assert.deepEqual(readdirSync(join(root, 'dist', 'authors')).sort(), ['index.html', 'leo-gao', 'stella-biderman']);
  const page = load(read('papers/2101.00027/index.html'));
  assert.equal(page('dd').first().text(), 'Leo Gao, Stella Biderman et al.');
  assert.equal(page('dd').first().find('a').length, 2);
  assert.match(read('papers/index.html'), /<td>Leo Gao, Stella Biderman et al\.<\/td>/);
  // The author filter matches names alone: "et al" typed finds no paper.
  assert.match(read('papers/catalog.js'), /"authors":\[\["Leo Gao",", "\],\["Stella Biderman"," "\],\["et al\.",""\]\],"authorNames":"Leo Gao\\nStella Biderman"/);
  assert.deepEqual((JSON.parse(read('papers.json')) as { papers: { authors: string[] }[] }).papers[0]!.authors, ['Leo Gao', 'Stella Biderman', 'et al.']);
  assert.deepEqual(brokenLinks(join(root, 'dist'), BASE_URL), []);
});

test('papers with no URL, or the same text that is no URL (`TBD`), stay papers of their own in every output: papers.json, their pages, catalog, years, .bib, .csv, search and lint', async () => {
  const root = makeRoot({
    'issues/0001-a.md': cleanIssue({ papers: entry('No URL paper', 'authors: [Nobody]\nyear: 2024') + entry('Pending paper', 'url: TBD\nauthors: [Ann Lee]\nyear: 2023') }),
    'issues/0002-b.md': cleanIssue({
      number: 2,
      date: '2023-06-05',
      papers: entry('Completely different paper without link', 'authors: [Somebody Else]\nyear: 2021') + entry('Another pending paper', 'url: TBD\nauthors: [Bo Chen]\nyear: 2022'),
    }),
  });
  assert.equal((await runCli(['build'], { cwd: root })).code, 1);
  const read = (path: string) => readFileSync(join(root, 'dist', path), 'utf8');
  const papers = (JSON.parse(read('papers.json')) as { papers: { id: string; url: string; title: string; summaries: { summary: { markdown: string } }[] }[] }).papers;
  assert.deepEqual(papers.map((paper) => [paper.id, paper.title]).sort(), [
    ['issue:1/1', 'No URL paper'],
    ['issue:1/2', 'Pending paper'],
    ['issue:2/1', 'Completely different paper without link'],
    ['issue:2/2', 'Another pending paper'],
  ]);
  for (const paper of papers) {
    assert.deepEqual(paper.summaries.map((summary) => summary.summary.markdown), [`${paper.title}, summarized.\n`]);
    const page = load(read(`${paper.url.slice(BASE_URL.length)}index.html`));
    assert.equal(page('h1').text(), paper.title);
    assert.match(page.text(), new RegExp(`${paper.title}, summarized`));
  }
  for (const year of ['2021', '2022', '2023', '2024']) assert.ok(existsSync(join(root, 'dist', 'papers', 'year', year, 'index.html')), year);
  assert.equal(read('papers/catalog.js').match(/"title":/g)?.length, 4);
  assert.deepEqual(parseBibtex(read('papers.bib')).entries.map((bib) => bib.key).sort(), ['chen2022another', 'else2021completely', 'lee2023pending', 'nobody2024paper']);
  assert.equal((parseCsv(read('papers.csv'), { bom: true, columns: true }) as Record<string, string>[]).length, 4);
  const search = await runCli(['papers', 'search', 'No URL'], { cwd: root });
  assert.match(search.stdout, /^#1 \S+ {2}No URL paper \(Nobody, 2024\)\n {4}No URL paper, summarized\.\n1 paper matches\.\n$/);
  const lint = await runCli(['lint', '--format', 'json'], { cwd: root });
  const rules = (JSON.parse(lint.stdout) as { messages: { ruleId: string }[] }[]).flatMap((file) => file.messages.map((message) => message.ruleId));
  assert.ok(!rules.includes('paper-covered-before') && !rules.includes('paper-duplicate-in-issue'), rules.join(', '));
  assert.deepEqual(brokenLinks(join(root, 'dist'), BASE_URL), []);
  await assertEqualsCleanBuild(root);
});

test('a baseUrl written otherwise than a browser writes it (`https://Example.ORG:443/news`) is the base every file names: papers.json, feed.json, the feeds and the sitemap start their URLs alike', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() }, CONFIG_YAML.replace('https://news.example.org/', 'https://Example.ORG:443/news'));
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  const read = (path: string) => readFileSync(join(root, 'dist', path), 'utf8');
  const base = 'https://example.org/news/';
  const papers = JSON.parse(read('papers.json')) as { baseUrl: string; papers: { url: string }[] };
  assert.equal(papers.baseUrl, base);
  assert.ok(papers.papers[0]!.url.startsWith(base));
  const feed = JSON.parse(read('feed.json')) as { home_page_url: string; feed_url: string; authors?: { url: string }[]; author?: { url: string }; items: { url: string }[] };
  assert.equal(feed.home_page_url, base);
  assert.equal((feed.author ?? feed.authors![0]!).url, base);
  assert.ok(feed.feed_url.startsWith(base) && feed.items[0]!.url.startsWith(base));
  for (const path of ['atom.xml', 'feed.xml', 'sitemap.xml', 'papers.json', 'feed.json']) {
    assert.deepEqual(read(path).match(/https?:\/\/[^/"<\s]*example\.org[^/"<\s]*/gi)!.filter((origin) => origin !== 'https://example.org'), [], path);
  }
});
