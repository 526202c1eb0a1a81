import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readCacheFile, writeCacheFile } from '../../src/cache-file.js';
import { parse as parseCsv } from 'csv-parse/sync';
import { archiveRoot, DRAFT_WORD, replaceInIssues, SEARCH_WORD } from '../archive/fixture.js';
import { runCli } from '../helpers/cli.js';
import { cleanIssueWithMarkdown, makeRoot, makeSettledRoot } from '../helpers/fixture.js';
import { issueFilesOpened, pathsPassedTo } from '../helpers/fs-spy.js';
import { FSI, PDI } from '../../src/render/bidi.js';
import { ARABIC_AUTHORS, ARABIC_TITLE, HEBREW_AUTHOR, RIGHT_TO_LEFT_ISSUE } from '../render/fixtures/right-to-left.js';

test('papers search: a word of one summary finds that paper, with its issue number, date and first line', async () => {
  const root = archiveRoot();
  const result = await runCli(['papers', 'search', SEARCH_WORD], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^#2 2023-06-05 {2}Attention <is> all & you \]\]> need \(Ashish Vaswani and Noam Shazeer, 2017\)\n {4}=SUM\(1,2\) is what a spreadsheet would run\.\n1 paper matches\.\n$/);
});

test('papers search ranks a title match first and lists every issue that covered the paper', async () => {
  const root = archiveRoot();
  const result = await runCli(['papers', 'search', '--json', 'mirage'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  const matches = JSON.parse(result.stdout) as { id: string; issues: { number: number }[] }[];
  assert.equal(matches[0]!.id, 'arxiv:2304.15004');
  assert.deepEqual(matches[0]!.issues.map((issue) => issue.number), [1, 2]);
});

test('papers search matches the last word as typed so far, as the papers page does', async () => {
  const root = archiveRoot();
  const json = async (...argv: string[]) => JSON.parse((await runCli(['papers', 'search', '--json', ...argv], { cwd: root })).stdout) as { id: string }[];
  assert.deepEqual((await json('quokkaf')).map((m) => m.id), ['arxiv:1706.03762']);
  assert.deepEqual((await json('faster', 'quokkaf')).map((m) => m.id), ['arxiv:1706.03762']);
  // Only the last word: an earlier one must be whole.
  assert.deepEqual((await json('quokkaf', 'spreadsheet')).map((m) => m.id), []);
});

test('papers search ranks with the index the build published (read from its cache)', async () => {
  const root = archiveRoot();
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  // A word only the stored index knows: the search answered from it, not from an index of its own.
  const stored = join(root, '.paperboy', 'cache', 'search', '2017.json');
  // Stored as a shard is: a cache file holding its key, then the shard (search-index.ts `readShard`).
  writeCacheFile(stored, readCacheFile(stored)!.toString().replaceAll(`"${SEARCH_WORD}"`, '"wombatformer"'));
  const result = await runCli(['papers', 'search', '--json', 'wombatformer'], { cwd: root });
  assert.deepEqual((JSON.parse(result.stdout) as { id: string }[]).map((m) => m.id), ['arxiv:1706.03762']);
  const fresh = await runCli(['papers', 'search', '--no-cache', '--json', 'wombatformer'], { cwd: root });
  assert.deepEqual(JSON.parse(fresh.stdout), []);
});

test("papers search and export read back the paper database's layout the build kept while no paper's facts changed; --no-cache builds it", async () => {
  const root = archiveRoot();
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  // Every paper's folder renamed in the stored layout: what a layout read back shows, and one built again does not.
  const stored = join(root, '.paperboy', 'cache', 'paper-database.json');
  const layout = JSON.parse(readCacheFile(stored)!.toString()) as { papers: [string, string, string[]][] };
  writeCacheFile(stored, JSON.stringify({ ...layout, papers: layout.papers.map(([id, slug, tags]) => [id, `kept-${slug}`, tags]) }));
  const urls = async (...argv: string[]) => (JSON.parse((await runCli(['papers', 'search', '--json', ...argv, SEARCH_WORD], { cwd: root })).stdout) as { url: string }[]).map((m) => m.url);
  assert.match((await urls())[0]!, /\/papers\/kept-/);
  assert.doesNotMatch((await urls('--no-cache'))[0]!, /kept-/);
  const exported = JSON.parse((await runCli(['papers', 'export', '--format', 'json'], { cwd: root })).stdout) as { papers: { url: string }[] };
  assert.ok(exported.papers.every((paper) => paper.url.includes('/papers/kept-')), 'export read the layout back');
});

test('papers search filters by tag, author and year, and never finds drafts', async () => {
  const root = archiveRoot();
  const json = async (...argv: string[]) => JSON.parse((await runCli(['papers', 'search', '--json', ...argv], { cwd: root })).stdout) as { id: string }[];
  assert.deepEqual((await json('evaluations', '--tag', 'Emergence')).map((m) => m.id), ['url:blog.example.com/posts/evals']);
  assert.deepEqual((await json('evaluations', '--tag', 'transformers')).map((m) => m.id), []);
  assert.deepEqual((await json('spreadsheet', '--author', 'vaswani')).map((m) => m.id), ['arxiv:1706.03762']);
  assert.deepEqual((await json('metrics', '--year', '2017')).map((m) => m.id), []);
  assert.deepEqual(await json(DRAFT_WORD), []);
  const none = await runCli(['papers', 'search', 'nothing-like-this'], { cwd: root });
  assert.equal(none.stdout, 'No published paper matches "nothing-like-this".\n');
});

test('papers search --author finds a name written "Last, First" by a part of it as written, and by "First Last"', async () => {
  const root = archiveRoot();
  replaceInIssues(root, 'authors: [Ashish Vaswani, Noam Shazeer]', 'authors: ["van der Berg, Jan", Noam Shazeer]');
  for (const author of ['Berg, Jan', 'van der berg', 'Jan van der Berg', 'jan van']) {
    const result = await runCli(['papers', 'search', '--json', '--author', author], { cwd: root });
    assert.deepEqual((JSON.parse(result.stdout) as { id: string }[]).map((m) => m.id), ['arxiv:1706.03762'], author);
  }
});

test('papers search finds a paper by a word of its arXiv id or its URL, as the papers page does', async () => {
  const root = archiveRoot();
  const json = async (...argv: string[]) => JSON.parse((await runCli(['papers', 'search', '--json', ...argv], { cwd: root })).stdout) as { id: string }[];
  assert.deepEqual((await json('1706')).map((m) => m.id), ['arxiv:1706.03762']);
  assert.deepEqual((await json('evals', 'blog')).map((m) => m.id), ['url:blog.example.com/posts/evals']);
});

test('papers search finds a paper by its arXiv id as people write it and paste it, quoted or not', async () => {
  const root = archiveRoot();
  const search = async (...query: string[]) => {
    const result = await runCli(['papers', 'search', ...query], { cwd: root });
    assert.equal(result.code, 0, result.stderr);
    return result.stdout;
  };
  for (const query of [['arXiv: 2304.15004'], ['arXiv:', '2304.15004'], ['arxiv', '2304.15004'], ['arXiv:2304.15004v2'], ['arXiv:2304.15004', '[cs.CL]'], ['https://arxiv.org/pdf/2304.15004.pdf']]) {
    assert.match(await search(...query), /^#1 2023-05-29, #2 2023-06-05 {2}Are Emergent Abilities of Large Language Models a Mirage\? .*\n.*\n1 paper matches\.\n$/, query.join(' '));
  }
});

test('papers search --json --limit says on stderr how many matches it left out; stdout holds the JSON alone', async () => {
  const root = archiveRoot();
  const limited = await runCli(['papers', 'search', '--json', '--limit', '1', '--tag', 'emergence'], { cwd: root });
  assert.equal(limited.code, 0, limited.stderr);
  assert.equal((JSON.parse(limited.stdout) as unknown[]).length, 1);
  assert.equal(limited.stderr, '2 papers match; 1 more with --limit.\n');
  const whole = await runCli(['papers', 'search', '--json', '--tag', 'emergence'], { cwd: root });
  assert.equal(whole.stderr, '');
});

test('papers search --tag takes a tag of emoji or symbols, as issues may give one and the papers page offers it', async () => {
  const root = archiveRoot();
  replaceInIssues(root, 'tags: [transformers]', 'tags: [transformers, 🎉, c++]');
  for (const tag of ['🎉', 'c++', 'C++']) {
    const result = await runCli(['papers', 'search', '--json', '--tag', tag], { cwd: root });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual((JSON.parse(result.stdout) as { id: string }[]).map((m) => m.id), ['arxiv:1706.03762'], tag);
  }
});

test('papers search with filters and no words lists every paper they keep; with neither it is a usage error', async () => {
  const root = archiveRoot();
  const ids = async (...argv: string[]) => (JSON.parse((await runCli(['papers', 'search', '--json', ...argv], { cwd: root })).stdout) as { id: string }[]).map((m) => m.id);
  assert.deepEqual(await ids('--author', 'vaswani'), ['arxiv:1706.03762']);
  assert.deepEqual((await ids('--tag', 'emergence')).sort(), ['arxiv:2304.15004', 'url:blog.example.com/posts/evals']);
  const none = await runCli(['papers', 'search', '--author', 'nobody'], { cwd: root });
  assert.equal(none.stdout, 'No published paper matches --author nobody.\n');
  const bare = await runCli(['papers', 'search'], { cwd: root });
  assert.equal(bare.code, 2);
  assert.match(bare.stderr, /Missing words to find, or a filter/);
});

test('papers search with a query of no words ("++") and no filter is a usage error saying so, not every paper listed; with a filter the filter chooses', async () => {
  const root = archiveRoot();
  for (const argv of [['++'], ['--json', '--', '-- ++'], ['"', '&']]) {
    const result = await runCli(['papers', 'search', ...argv], { cwd: root });
    assert.equal(result.code, 2, argv.join(' '));
    assert.equal(result.stdout, '', argv.join(' '));
    assert.match(result.stderr, /The query ".*" has no words to search for/, argv.join(' '));
  }
  const filtered = await runCli(['papers', 'search', '--json', '--author', 'vaswani', '++'], { cwd: root });
  assert.equal(filtered.code, 0, filtered.stderr);
  assert.deepEqual((JSON.parse(filtered.stdout) as { id: string }[]).map((m) => m.id), ['arxiv:1706.03762']);
});

test('papers search finds a paper by a title and an author an earlier issue gave it, not only by the newest', async () => {
  const root = archiveRoot();
  const file = join(root, 'issues', '0002-b.md');
  // Issue 2 covers the Mirage paper again: under another title, its first author written otherwise.
  writeFileSync(file, readFileSync(file, 'utf8').replace('title: Are Emergent Abilities of Large Language Models a Mirage?', 'title: Emergence revisited').replace('authors: [Rylan Schaeffer, Brando Miranda, Sanmi Koyejo]', 'authors: [R. Schaeffer]'));
  const ids = async (...argv: string[]) => (JSON.parse((await runCli(['papers', 'search', '--json', ...argv], { cwd: root })).stdout) as { id: string }[]).map((m) => m.id);
  assert.deepEqual(await ids('revisited'), ['arxiv:2304.15004']);
  assert.deepEqual(await ids('abilities'), ['arxiv:2304.15004']);
  assert.deepEqual(await ids('--author', 'koyejo'), ['arxiv:2304.15004']);
  assert.deepEqual(await ids('miranda'), ['arxiv:2304.15004']);
  assert.deepEqual(await ids('--author', 'R. Schaeffer'), ['arxiv:2304.15004']);
});

test('papers search finds a Japanese and a Chinese word inside a sentence of a summary, as the papers page does', async () => {
  const summary = 'この論文は大規模言語モデルの能力を要約しています。\n\n本文总结了语言模型的涌现能力。';
  const root = makeRoot({ 'issues/0001-a.md': cleanIssueWithMarkdown({ summary }) });
  const ids = async (...argv: string[]) => (JSON.parse((await runCli(['papers', 'search', '--json', ...argv], { cwd: root })).stdout) as { id: string }[]).map((m) => m.id);
  for (const query of ['要約', '言語モデル', '涌现', '语言模型', 'mirage 要約']) assert.deepEqual(await ids(query), ['arxiv:2304.15004'], query);
  // Every word must occur, in Japanese as in English.
  assert.deepEqual(await ids('要約 翻訳'), []);
});

test('papers search and excerpts read words as the pages show them: apart at a hard break, an image by its alt text, no note nobody sees', async () => {
  const summary = 'Trailing spaces  \nnext line, a backslash\\\nbreak and ![A chart of loss](https://img.example.org/c.png) inline.\n\n[^unused]: Quokkanote text.';
  const root = makeRoot({ 'issues/0001-a.md': cleanIssueWithMarkdown({ summary }) });
  const search = async (query: string) => JSON.parse((await runCli(['papers', 'search', '--json', query], { cwd: root })).stdout) as { id: string; firstLine: string }[];
  for (const query of ['spaces next', 'backslash break', 'chart']) assert.deepEqual((await search(query)).map((m) => m.id), ['arxiv:2304.15004'], query);
  for (const query of ['spacesnext', 'backslashbreak', 'quokkanote']) assert.deepEqual(await search(query), [], query);
  assert.equal((await search('chart'))[0]!.firstLine, 'Trailing spaces next line, a backslash break and A chart of loss inline.');
});

test('papers search and excerpts show math between the dollars it was written with, as the plaintext email does', async () => {
  const summary = 'Attention at a cost of $O(n^2)$ in the sequence length $n$. An $L_1$ penalty $\\lambda \\|f\\|_1$ and $$x^2$$ inline.\n\n$$\n\\sum_i x_i\n$$';
  const root = makeRoot({ 'issues/0001-a.md': cleanIssueWithMarkdown({ summary }) });
  const search = async (query: string) => JSON.parse((await runCli(['papers', 'search', '--json', query], { cwd: root })).stdout) as { id: string; firstLine: string }[];
  assert.equal((await search('attention'))[0]!.firstLine, 'Attention at a cost of $O(n^2)$ in the sequence length $n$.');
  // The words inside the dollars are still found.
  for (const query of ['penalty lambda', 'sum']) assert.deepEqual((await search(query)).map((m) => m.id), ['arxiv:2304.15004'], query);
  const text = await runCli(['render', 'issues/0001-a.md', '--format', 'text'], { cwd: root });
  assert.match(text.stdout, /Attention at a cost of \$O\(n\^2\)\$ in the sequence length\s+\$n\$\./);
});

test('papers search, the catalog and the search index cut an excerpt before a formula or a URL that would not fit whole, never inside it', async () => {
  const summary = 'Explaining neurons with a language model and scoring by simulation: the score is the correlation $\\rho(\\hat a, a)$ between simulated and real activations, as https://openaipublic.blob.core.windows.net/neuron-explainer/paper/index.html shows.';
  const root = makeRoot({ 'issues/0001-a.md': cleanIssueWithMarkdown({ summary }) });
  const search = JSON.parse((await runCli(['papers', 'search', '--json', 'neurons'], { cwd: root })).stdout) as { firstLine: string }[];
  assert.equal(search[0]!.firstLine, 'Explaining neurons with a language model and scoring by simulation: the score is the correlation…');
  const build = await runCli(['build'], { cwd: root });
  assert.equal(build.code, 0, build.stderr);
  const cut = 'Explaining neurons with a language model and scoring by simulation: the score is the correlation $\\rho(\\hat a, a)$ between simulated and real activations, as…';
  const catalog = readFileSync(join(root, 'dist', 'papers', 'catalog.js'), 'utf8');
  assert.ok(catalog.includes(JSON.stringify(cut)), catalog);
  const shard = readFileSync(join(root, 'dist', 'search', '2023.js'), 'utf8');
  assert.ok(shard.includes(JSON.stringify(cut).slice(1, -1)), 'the search index stores the same excerpt');
});

test('papers search, the catalog and the search index take an excerpt from the first paragraph of prose, a stop after "e.g." or "et al." ending no sentence, an escaped dollar no math', async () => {
  const summary = '```python\nloss = mse(x, x_hat)\n```\n\nWei et al. paid \\$100,000 in prizes, e.g. to quokkas. Loss scales as $\\log N$ here.';
  const root = makeRoot({ 'issues/0001-a.md': cleanIssueWithMarkdown({ summary }) });
  const excerpt = 'Wei et al. paid $100,000 in prizes, e.g. to quokkas.';
  const search = JSON.parse((await runCli(['papers', 'search', '--json', 'quokkas'], { cwd: root })).stdout) as { firstLine: string }[];
  assert.equal(search[0]!.firstLine, excerpt);
  const build = await runCli(['build'], { cwd: root });
  assert.equal(build.code, 0, build.stderr);
  assert.ok(readFileSync(join(root, 'dist', 'papers', 'catalog.js'), 'utf8').includes(JSON.stringify(excerpt)), 'the catalog shows the same excerpt');
  assert.ok(readFileSync(join(root, 'dist', 'search', '2023.js'), 'utf8').includes(JSON.stringify(excerpt).slice(1, -1)), 'the search index stores the same excerpt');
});

test('papers search finds a word written with a soft hyphen or another invisible format character inside it', async () => {
  const summary = 'Mechanistic interpre\u00adtability, zero\u200bwidth, word\u2060joiner, non\u200cjoiner and over\u202eridden\u202c words.';
  const root = makeRoot({ 'issues/0001-a.md': cleanIssueWithMarkdown({ summary }) });
  const ids = async (...argv: string[]) => (JSON.parse((await runCli(['papers', 'search', '--json', ...argv], { cwd: root })).stdout) as { id: string }[]).map((m) => m.id);
  for (const query of ['interpretability', 'zerowidth', 'wordjoiner', 'nonjoiner', 'overridden', 'interpre\u00adtability']) assert.deepEqual(await ids(query), ['arxiv:2304.15004'], query);
});

test('papers search and --author find a name written with a letter NFKD leaves whole (Łukasz) by its ASCII spelling, and the other way round', async () => {
  const root = makeRoot({
    'issues/0001-a.md': cleanIssueWithMarkdown({ summary: 'Scaling up, with a Straße in it.' }).replace('authors: [Rylan Schaeffer, Brando Miranda, Sanmi Koyejo]', 'authors: [Łukasz Kaiser, Søren Dørup]'),
  });
  const ids = async (...argv: string[]) => (JSON.parse((await runCli(['papers', 'search', '--json', ...argv], { cwd: root })).stdout) as { id: string }[]).map((m) => m.id);
  for (const query of ['lukasz', 'Lukasz Kaiser', 'soren dorup', 'strasse', 'Łukasz', 'straße']) assert.deepEqual(await ids(query), ['arxiv:2304.15004'], query);
  for (const author of ['lukasz', 'Lukasz Kaiser', 'dorup', 'ŁUKASZ']) assert.deepEqual(await ids('--author', author), ['arxiv:2304.15004'], `--author ${author}`);
});

test('papers search prints a title with a right-to-left override closed at its end: the authors and year after it read as written', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssueWithMarkdown({}).replace('title: Are Emergent Abilities', 'title: Are Emergent \u202eAbilities') });
  const result = await runCli(['papers', 'search', 'mirage'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  // Closed, and isolated too, as a right-to-left value (render/bidi.ts): the override is right-to-left text.
  assert.equal(result.stdout.split('\n')[0], '#1 2023-05-29  \u2068Are Emergent \u202eAbilities of Large Language Models a Mirage?\u202c\u2069 (Rylan Schaeffer, Brando Miranda and Sanmi Koyejo, 2023)');
  const [match] = JSON.parse((await runCli(['papers', 'search', '--json', 'mirage'], { cwd: root })).stdout) as { title: string }[];
  assert.equal(match!.title, 'Are Emergent \u202eAbilities of Large Language Models a Mirage?\u202c');
});

test('papers search names a long author list as the email does, "Toby Shevlane et al." past email.maxAuthors, not every "Last, First"; --json keeps every name as written', async () => {
  const names = ['Shevlane, Toby', 'Farquhar, Sebastian', 'Garfinkel, Ben', 'Phuong, Mary', 'Whittlestone, Jess', 'Leung, Jade', 'Kokotajlo, Daniel'];
  const authors = `authors: [${names.map((name) => `"${name}"`).join(', ')}]`;
  const root = makeRoot({ 'issues/0001-a.md': cleanIssueWithMarkdown({}).replace(/authors: .*/, authors) });
  const result = await runCli(['papers', 'search', 'mirage'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout.split('\n')[0], '#1 2023-05-29  Are Emergent Abilities of Large Language Models a Mirage? (Toby Shevlane et al., 2023)');
  const [match] = JSON.parse((await runCli(['papers', 'search', '--json', 'mirage'], { cwd: root })).stdout) as { authors: string[] }[];
  assert.deepEqual(match!.authors, names);
  const short = makeRoot({ 'issues/0001-a.md': cleanIssueWithMarkdown({}).replace(/authors: .*/, 'authors: ["Shevlane, Toby", "Farquhar, Sebastian"]') });
  const two = await runCli(['papers', 'search', 'mirage'], { cwd: short });
  assert.match(two.stdout, /\(Shevlane, Toby; and Farquhar, Sebastian, 2023\)/, 'a list the email writes out in full is shown as the email shows it');
});

test('papers search with a year that is not a year, an empty filter or a limit of 0 is a usage error, not a list of every paper', async () => {
  const root = archiveRoot();
  const cases: [string[], RegExp][] = [
    [['--year', 'last'], /Unexpected --year `last`, expected a year such as 2023/],
    [['--year', '99999999999999999999'], /Unexpected --year `99999999999999999999`, expected a year such as 2023/],
    [['--author', ''], /Unexpected --author ``, expected a name with a letter or digit in it/],
    [['--author', ' - '], /expected a name with a letter or digit in it/],
    [['--tag', ''], /Unexpected --tag ``, expected a tag with something other than spaces or invisible characters in it/],
    [['--tag', ' \u00ad\u200b'], /expected a tag with something other than spaces or invisible characters in it/],
    [['x', '--limit', '0'], /Unexpected --limit `0`, expected a whole number from 1, such as 20/],
  ];
  for (const [args, message] of cases) {
    const result = await runCli(['papers', 'search', ...args], { cwd: root });
    assert.equal(result.code, 2, args.join(' '));
    assert.match(result.stderr, message, args.join(' '));
    assert.equal(result.stdout, '', args.join(' '));
  }
});

test('papers export prints the data files the archive publishes, byte for byte', async () => {
  const root = archiveRoot();
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  for (const format of ['csv', 'json', 'bib']) {
    const exported = await runCli(['papers', 'export', '--format', format], { cwd: root });
    assert.equal(exported.stdout, readFileSync(join(root, 'dist', `papers.${format}`), 'utf8'), `papers.${format}`);
  }
  const csv = await runCli(['papers', 'export', '--format', 'csv'], { cwd: root });
  assert.equal(csv.code, 0, csv.stderr);
  assert.equal((parseCsv(csv.stdout, { bom: true, columns: true }) as unknown[]).length, 4);
  const bib = await runCli(['papers', 'export', '--format', 'bib', '--out', 'papers.bib'], { cwd: root });
  assert.equal(bib.code, 0, bib.stderr);
  assert.match(readFileSync(join(root, 'papers.bib'), 'utf8'), /^@misc\{schaeffer2023emergent,$/m);
  const json = await runCli(['papers', 'export', '--format', 'json'], { cwd: root });
  assert.equal((JSON.parse(json.stdout) as { papers: unknown[] }).papers.length, 3);
  const wrong = await runCli(['papers', 'export', '--format', 'xml'], { cwd: root });
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /Unexpected --format `xml`, expected one of `csv`, `json`, `bib`/);
});

test('papers search and export name an issue that cannot be read at its line, and say nothing of a site they do not write', async () => {
  const root = archiveRoot();
  const file = join(root, 'issues', '0002-b.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('date: 2023-06-05', 'date: [unclosed'));
  for (const argv of [['papers', 'search', 'mirage'], ['papers', 'export', '--format', 'csv']]) {
    const result = await runCli(argv, { cwd: root });
    assert.equal(result.code, 1, argv.join(' '));
    assert.match(result.stderr, /issues\/0002-b\.md:\d+:\d+/);
    assert.match(result.stderr, /`paperboy lint` lists every problem/);
    assert.doesNotMatch(result.stderr, /site|written/, argv.join(' '));
  }
});

test('papers search after a build reads no issue file: their hashes are stored, their facts and records cached', async () => {
  const root = archiveRoot(makeSettledRoot);
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  const first = await runCli(['papers', 'search', SEARCH_WORD], { cwd: root });
  const again = await issueFilesOpened(root, () => runCli(['papers', 'search', SEARCH_WORD], { cwd: root }));
  assert.deepEqual(again.opened, []);
  assert.equal(again.value.stdout, first.stdout);
});

test('papers search after a build reads the texts of the papers it shows only: the records of their issues, from the build cache', async () => {
  const root = archiveRoot();
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  // A cache file is opened, then read through its descriptor (cache-file.ts readRegularFile).
  const { value, paths } = await pathsPassedTo('openSync', () => runCli(['papers', 'search', SEARCH_WORD], { cwd: root }));
  assert.match(value.stdout, /^1 paper matches\.$/m);
  // Issue 2 carries the one match; issues 1 and 3 are not read.
  assert.equal(paths.filter((path) => path.endsWith('.records.v8')).length, 1);
});

test('papers takes --root before its subcommand too, as every command takes it', async () => {
  const root = archiveRoot();
  const elsewhere = makeRoot({});
  const result = await runCli(['papers', '--root', root, 'search', SEARCH_WORD], { cwd: elsewhere });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^#2 2023-06-05 /);
});

test('papers search echoes a query or filter holding terminal escape sequences with them replaced, never acting on the terminal', async () => {
  const root = archiveRoot();
  const none = await runCli(['papers', 'search', '\u001b]0;pwned\u0007title\u001b[2J', '--author', '\u001b[31mred'], { cwd: root });
  assert.ok(!none.stdout.includes('\u001b') && !none.stdout.includes('\u0007'), JSON.stringify(none.stdout));
  assert.match(none.stdout, /^No published paper matches "\uFFFD+title\uFFFD+", --author \uFFFD+red\.\n$/);
});

test('papers search: a paper by Arabic authors prints each name and its Arabic title isolated (U+2068…U+2069), so the year stays after them; --json as written', async () => {
  const root = makeRoot({ 'issues/0001-rtl.md': RIGHT_TO_LEFT_ISSUE });
  const [first, second, third] = ARABIC_AUTHORS.map((name) => `${FSI}${name}${PDI}`);
  const result = await runCli(['papers', 'search', 'NeurIPS'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.ok(result.stdout.includes(`  A Latin title (${first}, ${second} and ${third}, 2022)\n`), result.stdout);
  const titled = await runCli(['papers', 'search', 'attention'], { cwd: root });
  assert.ok(titled.stdout.includes(`  ${FSI}${ARABIC_TITLE}${PDI} (Alice Smith, ${FSI}${HEBREW_AUTHOR}${PDI} and Bob Jones, 2023)\n`), titled.stdout);
  const json = await runCli(['papers', 'search', 'NeurIPS', '--json'], { cwd: root });
  assert.ok(!json.stdout.includes(FSI) && json.stdout.includes(ARABIC_AUTHORS[0]), json.stdout);
});

test('papers search names a draft issue holding a paper the query finds, apart from the published results', async () => {
  const root = archiveRoot();
  const byTitle = await runCli(['papers', 'search', 'draft', 'pap'], { cwd: root });
  assert.equal(byTitle.code, 0, byTitle.stderr);
  assert.match(byTitle.stdout, /^No published paper matches "draft pap"\.\nNot published yet, in a draft:\n {2}draft #4 {2}A draft paper {2}\(issues\/0004-d\.md:\d+:\d+\)\n$/);
  // By its identity, as a published paper is found: an arXiv id as people write it.
  const byId = await runCli(['papers', 'search', 'arXiv:2401.00001v2'], { cwd: root });
  assert.match(byId.stdout, /in a draft:\n {2}draft #4 {2}A draft paper/);
  // With --json, stdout is the array alone.
  const json = await runCli(['papers', 'search', '--json', 'draft', 'paper'], { cwd: root });
  assert.deepEqual(JSON.parse(json.stdout), []);
  assert.match(json.stderr, /in a draft:\n {2}draft #4 {2}A draft paper/);
  // A search no draft paper answers says nothing of drafts; neither does one by author, which a draft's facts do not hold.
  for (const argv of [['quokkaformer'], ['draft', '--author', 'Draft Author'], ['draft', '--tag', 'transformers']]) {
    const result = await runCli(['papers', 'search', ...argv], { cwd: root });
    assert.doesNotMatch(result.stdout + result.stderr, /draft #4/, argv.join(' '));
  }
});

test('papers search: a draft paper found by its identity before it has a title says "(no title yet)", and a draft without a number is "draft"', async () => {
  const root = archiveRoot();
  const file = join(root, 'issues', '0004-d.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^number: 4\n/m, '').replace('  - title: A draft paper\n    url:', '  - url:'));
  const result = await runCli(['papers', 'search', '2401.00001'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /in a draft:\n {2}draft {2}\(no title yet\) {2}\(issues\/0004-d\.md:\d+:\d+\)\n$/);
});

test('papers search: a draft paper already published (the same arXiv id as #1 and #2 covered) is said as covered before, again in a draft, not as "not published yet"', async () => {
  const root = archiveRoot();
  const file = join(root, 'issues', '0004-d.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('https://arxiv.org/abs/2401.00001', 'https://arxiv.org/abs/2304.15004'));
  const result = await runCli(['papers', 'search', '2304.15004'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /1 paper matches\.\nCovered before, again in a draft:\n {2}draft #4 {2}A draft paper {2}\(issues\/0004-d\.md:\d+:\d+\)\n$/);
  assert.doesNotMatch(result.stdout, /Not published yet/);
});

test('papers search says which issue the first line of a paper covered in several issues is from ("#2: "), and --json as firstLineIssue', async () => {
  const root = archiveRoot();
  const result = await runCli(['papers', 'search', 'mirage'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  // The mirage paper: covered in #1 and #2, its first line from #2's summary.
  assert.match(result.stdout, /^#1 2023-05-29, #2 2023-06-05 {2}Are Emergent Abilities[^\n]*\n {4}#2: A second look at the mirage: the metrics again\.\n/m);
  // A paper covered once has its first line as it was.
  const once = await runCli(['papers', 'search', SEARCH_WORD], { cwd: root });
  assert.match(once.stdout, /\n {4}=SUM\(1,2\)/);
  const json = await runCli(['papers', 'search', '--json', 'mirage'], { cwd: root });
  const matches = JSON.parse(json.stdout) as { id: string; firstLine: string; firstLineIssue: number }[];
  const mirage = matches.find((match) => match.id === 'arxiv:2304.15004')!;
  assert.deepEqual([mirage.firstLine, mirage.firstLineIssue], ['A second look at the mirage: the metrics again.', 2]);
});
