import assert from 'node:assert/strict';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { cleanIssue, CONFIG_YAML, makeRoot } from '../helpers/fixture.js';
import { englishWordsIn, GERMAN_WORDS, germanWordsYaml, readable } from '../helpers/german-words.js';
import { pagesDigest } from './site-check.js';

/** Two German issues whose every paper has each part a built-in template words (editor, summarizer, H/T, prerequisites, opinion, a footnote, a paper covered twice). */
function germanIssue(number: number): string {
  return cleanIssue({
    number,
    title: `Emergenz ${number}`,
    date: `2023-0${number}-15`,
    papers: `  - title: Sind emergente Fähigkeiten eine Fata Morgana?
    url: https://arxiv.org/abs/2304.15004
    authors: [Rylan Schaeffer, Brando Miranda]
    year: 2023
    section: Bewertungen
    tags: [emergenz]
    highlight: true
    summarizer: Bo Gast
    via: Ein Leser
    prerequisites: Grundlagen der Statistik.
    summary: |
      Glatte Metriken zeigen glatte Skalierung.[^1]

      [^1]: Siehe Abschnitt 3.
    opinion: |
      Überzeugend.
`,
    body: 'Willkommen zur Ausgabe.',
  })
    .replace('status: sent\n', 'status: sent\neditor: Jana Redakteurin\nreviewers: [Anna Prüferin, Ben Leser]\n')
    .replace(/^preheader: .*$/m, 'preheader: Glatte Metriken verbergen plötzliche Sprünge');
}

async function builtSite(config: string): Promise<string> {
  const root = makeRoot({ 'issues/0001-a.md': germanIssue(1), 'issues/0002-b.md': germanIssue(2) }, config);
  const result = await runCli(['build'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  return join(root, 'dist');
}

/** The site's pages, each issue's two email parts and the feeds, by path. */
function siteTexts(dist: string): Map<string, string> {
  const paths = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((path) => /\.html$|email\.txt$|^(?:feed|atom)\.xml$|^feed\.json$/.test(path));
  return new Map(paths.map((path) => [path, readFileSync(join(dist, path), 'utf8')]));
}


test('words: a newsletter whose config translates every word into German has no English word of paperboy in any page, either email part or a feed', async () => {
  const texts = siteTexts(await builtSite(`${CONFIG_YAML}language: de\n${germanWordsYaml()}`));
  assert.ok(texts.size > 10, `${texts.size} files`);
  assert.ok([...texts.keys()].some((path) => path.endsWith('email.txt')) && texts.has('atom.xml'));
  const english = [...texts].map(([path, text]) => [path, englishWordsIn(readable(text))] as const).filter(([, words]) => words.length > 0);
  assert.deepEqual(english, []);
  const email = texts.get(join('issues', '2', 'email.html'))!;
  for (const word of ['Ausgabe Nr. 2', 'Herausgegeben von Jana Redakteurin', 'Zusammengefasst von Bo Gast', 'Hinweis von Ein Leser', 'Vorkenntnisse', 'Meinung', 'Abbestellen', 'Im Webbrowser ansehen', 'Empfehlungen', '15. Februar 2023', 'Danke an Anna Prüferin und Ben Leser für die Durchsicht dieser Ausgabe.']) assert.ok(email.includes(word), word);
  assert.match(texts.get(join('issues', '2', 'email.txt'))!, /^Abbestellen: https:/m);
  assert.ok(texts.get('index.html')!.includes(' · 1 Artikel</p>'));
});

test('words: the same site without `words:` says every word in English, as before, with no `lang` added', async () => {
  const texts = siteTexts(await builtSite(`${CONFIG_YAML}language: de\n`));
  const email = texts.get(join('issues', '2', 'email.html'))!;
  for (const word of ['Issue #2', 'Edited by Jana Redakteurin', 'Summarized by Bo Gast', 'H/T Ein Leser', 'Unsubscribe']) assert.ok(email.includes(word), word);
  for (const [path, text] of texts) assert.doesNotMatch(text, /<span lang="en">/, path);
  // The reviewers in the English sentence, joined in English; the authors, no word of paperboy's, in the newsletter's language.
  assert.ok(email.includes('Thanks to Anna Prüferin and Ben Leser for reviewing this issue.'));
  assert.ok(email.includes('Rylan Schaeffer und Brando Miranda'));
});

test('words: a German newsletter joins authors with "und" in every output (both email parts, the issue and paper pages, a list\'s rows, the papers page\'s catalog and search index), and its reviewers once their sentence is German', async () => {
  const dist = await builtSite(`${CONFIG_YAML}language: de\n${germanWordsYaml()}`);
  const texts = siteTexts(dist);
  const authors = 'Rylan Schaeffer und Brando Miranda';
  const plain = (path: string) => texts.get(path)!.replace(/<[^>]+>/g, '');
  for (const path of [join('issues', '2', 'email.html'), join('issues', '2', 'email.txt'), join('issues', '2', 'index.html'), join('papers', 'index.html'), join('tags', 'emergenz', 'index.html')]) assert.ok(plain(path).includes(authors), path);
  const paperPage = [...texts.keys()].find((path) => /^papers[/\\][^/\\]+[/\\]index\.html$/.test(path) && !path.includes('year'))!;
  assert.ok(plain(paperPage).includes(authors), paperPage);
  assert.ok(readFileSync(join(dist, 'papers', 'catalog.js'), 'utf8').includes('[["Rylan Schaeffer"," und "],["Brando Miranda",""]]'));
  const shards = readdirSync(join(dist, 'search')).map((file) => readFileSync(join(dist, 'search', file), 'utf8'));
  assert.ok(shards.some((shard) => shard.includes('[[\\"Rylan Schaeffer\\",\\" und \\"],[\\"Brando Miranda\\",\\"\\"]]') || shard.includes('[["Rylan Schaeffer"," und "],["Brando Miranda",""]]')), 'search shard');
  assert.ok(plain(join('issues', '2', 'email.txt')).includes('Danke an Anna Prüferin und Ben Leser'));
  // Anywhere but a BibTeX entry's `author = {… and …}`, whose "and" is BibTeX's own.
  for (const [path, text] of texts) assert.doesNotMatch(text.replace(/<[^>]+>/g, ''), /(?<!\{)Rylan Schaeffer and Brando/, path);
});

test('words: a partial translation marks each word left English with lang="en" on a German page, in element text, never in an attribute', async () => {
  const texts = siteTexts(await builtSite(`${CONFIG_YAML}language: de\nwords:\n  opinion: Meinung\n`));
  const page = texts.get(join('issues', '2', 'index.html'))!;
  assert.ok(page.includes('<p class="label">Meinung</p>'));
  assert.ok(page.includes('<p class="label"><span lang="en">Prerequisites</span></p>'));
  assert.ok(page.includes('aria-label="Previous and next issues"'));
  assert.ok(texts.get(join('issues', '2', 'email.html'))!.includes('<span lang="en">Unsubscribe</span>'));
  assert.ok(!texts.get(join('issues', '2', 'email.txt'))!.includes('<span'));
});

test('words: the German words say the same on an English newsletter with them and mark nothing (the page is in the words\' language)', async () => {
  const texts = siteTexts(await builtSite(`${CONFIG_YAML}words:\n  opinion: ${GERMAN_WORDS.opinion}\n`));
  for (const [path, text] of texts) assert.doesNotMatch(text, /<span lang=/, path);
});

test('words: a rebuild after `words:` changes says the new words in every page, email part and feed it made before, as a clean build does', async () => {
  const root = makeRoot({ 'issues/0001-a.md': germanIssue(1), 'issues/0002-b.md': germanIssue(2) }, `${CONFIG_YAML}language: de\nwords:\n  opinion: Meinung\n`);
  const build = async (...args: string[]) => {
    const result = await runCli(['build', ...args], { cwd: root });
    assert.equal(result.code, 0, result.stderr);
  };
  await build();
  appendFileSync(join(root, 'paperboy.config.yaml'), '  unsubscribe: Abbestellen\n  searching: Suche läuft…\n  papers: Artikel\n');
  await build();
  const texts = siteTexts(join(root, 'dist'));
  assert.ok(texts.get(join('issues', '1', 'email.html'))!.includes('>Abbestellen</a>'));
  assert.match(texts.get(join('issues', '1', 'email.txt'))!, /^Abbestellen: /m);
  assert.ok(texts.get(join('issues', '1', 'index.html'))!.includes('>Artikel</a>'));
  assert.ok(texts.get(join('papers', 'index.html'))!.includes('Suche läuft…'));
  await build('--no-cache', '--out', 'clean');
  assert.deepEqual(pagesDigest(join(root, 'dist')), pagesDigest(join(root, 'clean')));
});
