import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { load } from 'cheerio/slim';
import { buildSite } from '../../src/archive/build.js';
import { buildFeeds } from '../../src/archive/feeds.js';
import type { IssueRendering } from '../../src/archive/issue-output.js';
import { typesetMath } from '../../src/archive/math.js';
import { loadConfig } from '../../src/config/load.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';

// Markup, an ampersand and a CDATA end: what a title may hold, and what each format must show as written.
const TITLE = 'Attention <is> all & you ]]> need';

const issue = { number: 7, title: TITLE, subject: `#7: ${TITLE}`, date: '2023-06-05', email: { html: '', text: '' } } as unknown as IssueRendering;
const config = { name: 'Test', description: undefined, baseUrl: 'https://news.example.org/', language: 'en' };

/** What feedparser (the reference parser feed readers are tested against) prints of `xml` with `script` (the parsed feed is `d`). */
function feedparser(xml: string, script: string): unknown {
  const file = join(mkdtempSync(join(tmpdir(), 'paperboy-feed-')), 'feed.xml');
  writeFileSync(file, xml);
  const result = spawnSync('/usr/bin/python3', ['-c', `import feedparser, html, json, sys\nd = feedparser.parse(sys.argv[1])\n${script}`, file], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout);
}

/** What feedparser shows of the one entry's title and summary. */
function shownByFeedparser(xml: string): { title: string; summary: string } {
  const script = `
def shown(detail):
    return html.unescape(detail.value) if detail.type == 'text/html' else detail.value
e = d.entries[0]
print(json.dumps({'title': shown(e.title_detail), 'summary': shown(e.summary_detail)}))`;
  return feedparser(xml, script) as { title: string; summary: string };
}

/** The entry HTML each format carries for the one issue: RSS's content:encoded, Atom's content, JSON Feed's content_html. */
function entryContents(feeds: { rss: string; atom: string; json: string }): string[] {
  const [item] = (JSON.parse(feeds.json) as { items: { content_html: string }[] }).items;
  return [load(feeds.rss, { xml: true })('item > content\\:encoded').text(), load(feeds.atom, { xml: true })('entry > content').text(), item!.content_html];
}

test("every feed shows an issue's title and summary as written: markup escaped where a format reads HTML, as is where it reads text (a CDATA end in RSS's title too)", () => {
  const feeds = buildFeeds(config, [issue], () => '<p>Body</p>');
  assert.deepEqual(shownByFeedparser(feeds.atom), { title: `#7: ${TITLE}`, summary: TITLE });
  // RSS's title is plain text: every `]]>` shows as written (it showed `]]&gt;`), a second one too.
  assert.deepEqual(shownByFeedparser(feeds.rss), { title: `#7: ${TITLE}`, summary: TITLE });
  const twice = buildFeeds(config, [{ ...issue, subject: 'a ]]> b ]]> c' }], () => '<p>Body</p>');
  assert.equal(shownByFeedparser(twice.rss).title, 'a ]]> b ]]> c');
  const [item] = (JSON.parse(feeds.json) as { items: { title: string; summary: string }[] }).items;
  assert.deepEqual({ title: item!.title, summary: item!.summary }, { title: `#7: ${TITLE}`, summary: TITLE });
});

test('every link in a feed entry is absolute: a footnote link leads to the note on its issue page', () => {
  const body = [
    '<p>A claim.<sup><a href="#i7-p0-summary-fn-1" id="i7-p0-summary-fnref-1" data-footnote-ref>1</a></sup> <a href="https://example.com/?a=1&#x26;b=2">A paper</a>, <a href="mailto:ed@example.org">mail</a>.</p>',
    '<section class="footnotes"><ol><li id="i7-p0-summary-fn-1" value="1"><p>A note. <a href="#i7-p0-summary-fnref-1" data-footnote-backref="">↩</a></p></li></ol></section>',
  ].join('\n');
  const feeds = buildFeeds(config, [issue], () => body);
  for (const html of entryContents(feeds)) {
    const $ = load(html, null, false);
    const hrefs = $('a').map((_, a) => $(a).attr('href')).get();
    assert.deepEqual(hrefs, [
      'https://news.example.org/issues/7/#i7-p0-summary-fn-1',
      'https://example.com/?a=1&b=2',
      'mailto:ed@example.org',
      'https://news.example.org/issues/7/#i7-p0-summary-fnref-1',
    ]);
  }
});

test('a formula in a feed entry is its MathML alone, without KaTeX\'s HTML rendering that readers show garbled', () => {
  const body = typesetMath(
    '<p>The loss <code class="language-math math-inline">L = \\sum_i x_i^2</code> falls.</p>\n<pre><code class="language-math math-display">\\frac{a}{b}</code></pre>',
  );
  assert.match(body, /katex-html/, 'the web page has both renderings');
  const feeds = buildFeeds(config, [issue], () => body);
  for (const html of entryContents(feeds)) {
    const $ = load(html, null, false);
    assert.equal($('.katex-html, .katex, [aria-hidden]').length, 0, html);
    assert.deepEqual(
      $('math').map((_, math) => $(math).attr('display') ?? 'inline').get(),
      ['inline', 'block'],
    );
    // What a reader shows, MathML rendered natively: each formula once (its TeX annotation is not shown).
    $('annotation').remove();
    assert.equal($.root().text().replace(/\s+/g, ' ').trim(), 'The loss L=∑ixi2 falls. ab');
  }
});

test('atom.xml has the author RFC 4287 requires: the newsletter, with its site; feed.json names it too', () => {
  const feeds = buildFeeds(config, [issue], () => '<p>Body</p>');
  // RFC 4287 §4.1.1: in the feed, the author of every entry that names none.
  assert.deepEqual(feedparser(feeds.atom, "print(json.dumps(d.feed.get('author_detail')))"), { name: 'Test', href: 'https://news.example.org/' });
  assert.deepEqual((JSON.parse(feeds.json) as { author: unknown }).author, { name: 'Test', url: 'https://news.example.org/' });
});

test("every feed entry says it was published on its issue's date: RSS's pubDate, Atom's published, JSON Feed's date_published", () => {
  const feeds = buildFeeds(config, [issue], () => '<p>Body</p>');
  const dates = feedparser(feeds.atom, "e = d.entries[0]\nprint(json.dumps([e.get('published'), e.get('updated')]))");
  assert.deepEqual(dates, ['2023-06-05T00:00:00.000Z', '2023-06-05T00:00:00.000Z']);
  assert.deepEqual(feedparser(feeds.rss, "print(json.dumps(d.entries[0].get('published')))"), 'Mon, 05 Jun 2023 00:00:00 GMT');
  const [item] = (JSON.parse(feeds.json) as { items: { date_published?: string; date_modified?: string }[] }).items;
  assert.deepEqual({ published: item!.date_published, modified: item!.date_modified }, { published: '2023-06-05T00:00:00.000Z', modified: '2023-06-05T00:00:00.000Z' });
});

test('a feed entry says what the issue page says: who summarized a paper, who pointed to it (H/T), and the reviewers’ thanks', async () => {
  const papers = `  - title: Open Problems of RLHF
    url: https://arxiv.org/abs/2307.15217
    authors: [Stephen Casper]
    summarizer: Ana Lucía Pérez
    via: Jan <Leike>
    summary: |
      A survey.
    opinion: |
      Useful.
`;
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ papers }).replace('status: sent', 'status: sent\nreviewers: [Charbel-Raphaël Segerie]') });
  await buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: false, cache: false });
  const read = (path: string) => readFileSync(join(root, 'dist', path), 'utf8');
  const said = ['Summarized by Ana Lucía Pérez', 'H/T Jan <Leike>', 'Thanks to Charbel-Raphaël Segerie for reviewing this issue.'];
  const shown = (html: string) => load(html, null, false).root().text();
  const page = shown(read('issues/1/index.html'));
  for (const text of said) assert.ok(page.includes(text), `the issue page: ${text}`);
  for (const html of entryContents({ rss: read('feed.xml'), atom: read('atom.xml'), json: read('feed.json') })) {
    const entry = shown(html);
    for (const text of said) assert.ok(entry.includes(text), `${text} in ${entry}`);
    // In the issue page's order: the summarizer before the summary, the hat tip after the opinion, the thanks last.
    assert.ok(entry.indexOf(said[0]!) < entry.indexOf('A survey.') && entry.indexOf('Useful.') < entry.indexOf(said[1]!) && entry.trimEnd().endsWith(said[2]!), entry);
  }
});

test('a feed entry has the issue page\'s headings, at its levels: the highlights, each section and subsection, each paper under them', async () => {
  const paper = (title: string, section: string, highlight = false) => `  - title: ${title}
    url: https://example.org/${title.toLowerCase().replaceAll(' ', '-')}
    authors: [Ann Lee]
    section: ${section}${highlight ? '\n    highlight: true' : ''}
    summary: |
      About ${title}.
`;
  const papers = [paper('First paper', 'Governance', true), paper('Second paper', 'Technical alignment / Interpretability'), paper('Third paper', 'Governance')].join('');
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ papers }) });
  await buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: false, cache: false });
  const read = (path: string) => readFileSync(join(root, 'dist', path), 'utf8');
  const headings = (html: string) => load(html, null, false)('h2, h3, h4, h5, h6').map((_, element) => `${element.tagName} ${load(element).text().trim()}`).get();
  // The page's headings from the first section's to the last paper's (the page has its own after: notes, subscribe).
  const page = headings(load(read('issues/1/index.html'))('main').html()!);
  const content = page.slice(page.indexOf('h2 Highlights'), page.indexOf('h3 Third paper') + 1);
  assert.deepEqual(content, ['h2 Highlights', 'h3 First paper', 'h2 Technical alignment', 'h3 Interpretability', 'h4 Second paper', 'h2 Governance', 'h3 Third paper'], page.join('\n'));
  for (const html of entryContents({ rss: read('feed.xml'), atom: read('atom.xml'), json: read('feed.json') })) assert.deepEqual(headings(html), content);
});

test("a feed entry's paper title links to the paper itself, as the issue page's and the email's do; a paper without a URL has a title without a link", async () => {
  const papers = `  - title: Linked paper
    url: https://arxiv.org/abs/2309.08600
    summary: |
      About it.
  - title: Unlinked paper
    summary: |
      About the other.
`;
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ papers }) });
  await buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: false, cache: false });
  const read = (path: string) => readFileSync(join(root, 'dist', path), 'utf8');
  const titleLinks = (html: string) =>
    load(html, null, false)('h2, h3, h4')
      .map((_, element) => `${load(element).text().trim()} -> ${load(element)('a').attr('href') ?? 'no link'}`)
      .get()
      .filter((heading) => / paper -> /.test(heading));
  const expected = ['Linked paper -> https://arxiv.org/abs/2309.08600', 'Unlinked paper -> no link'];
  assert.deepEqual(titleLinks(load(read('issues/1/index.html'))('main').html()!), expected);
  for (const html of entryContents({ rss: read('feed.xml'), atom: read('atom.xml'), json: read('feed.json') })) assert.deepEqual(titleLinks(html), expected);
});

test('every feed shows the newsletter\'s name and description exactly as written, an `&amp;` in them too (the channel title, description and author)', () => {
  const written = { name: 'Fish &amp; Chips &lt;weekly&gt; & more', description: "AT&amp;T &lt;b&gt; &#39;x" };
  const titled = { ...issue, subject: '#7: R&amp;D &lt;b&gt;', title: 'Q&amp;A & more' };
  const feeds = buildFeeds({ ...config, ...written }, [titled], () => '<p>Body</p>');
  const script = `
def shown(detail):
    return html.unescape(detail.value) if detail.type == 'text/html' else detail.value
print(json.dumps({'name': shown(d.feed.title_detail), 'description': shown(d.feed.subtitle_detail), 'author': d.feed.get('author_detail', {}).get('name'), 'entry': shown(d.entries[0].title_detail), 'summary': shown(d.entries[0].summary_detail)}))`;
  assert.deepEqual(feedparser(feeds.atom, script), { name: written.name, description: written.description, author: written.name, entry: titled.subject, summary: titled.title });
  // RSS 2.0 types none of them: its channel title and item titles are plain text; its channel description is read as HTML, an item's
  // description too (feedparser, as readers, showed `AT&amp;T` as `AT&T`, `<b>` bold and `<best>` not at all): escaped as markup.
  const $ = load(feeds.rss, { xml: true });
  assert.deepEqual([$('channel > title').text(), $('item > title').text()], [written.name, titled.subject]);
  const description = 'print(json.dumps([d.feed.subtitle_detail.type, html.unescape(d.feed.subtitle_detail.value)]))';
  assert.deepEqual(feedparser(feeds.rss, description), ['text/html', written.description]);
  const tagged = buildFeeds({ ...config, description: 'Papers on <b>alignment</b> & the <best> bits' }, [titled], () => '<p>Body</p>');
  assert.deepEqual(feedparser(tagged.rss, description), ['text/html', 'Papers on <b>alignment</b> & the <best> bits']);
  const json = JSON.parse(feeds.json) as { title: string; description: string; author: { name: string }; items: { title: string; summary: string }[] };
  assert.deepEqual([json.title, json.description, json.author.name, json.items[0]!.title, json.items[0]!.summary], [written.name, written.description, written.name, titled.subject, titled.title]);
});

test('no RSS or Atom feed carries a character XML 1.0 forbids, whatever its source: each is U+FFFD and the feed parses', () => {
  const forbidden = 'a\u0007b\u001b[31mc\uffffd\ud800e';
  const feeds = buildFeeds({ ...config, name: forbidden, description: forbidden }, [{ ...issue, subject: forbidden, title: forbidden }], () => `<p>${forbidden}</p>`);
  for (const xml of [feeds.rss, feeds.atom]) {
    assert.doesNotMatch(xml, /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u, 'XML 1.0 § 2.2 Char only');
    assert.equal(feedparser(xml, 'print(json.dumps(d.bozo))'), false);
  }
});
