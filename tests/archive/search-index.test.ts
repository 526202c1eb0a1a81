import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { readCacheFile, writeCacheFile } from '../../src/cache-file.js';
import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { summarizeIssue, type IssueOutput, type PaperRecord } from '../../src/archive/issue-output.js';
import type { TextSource } from '../../src/archive/pages.js';
import { buildPaperDatabase, papersByYear, type PaperDatabase } from '../../src/archive/paper-database.js';
import { buildSearchIndex, searchShard } from '../../src/archive/search-index.js';
import indexOptions from '../../templates/web/search-options.cjs';
import { summaryText } from './fixture.js';
import { segmentedLengths } from '../helpers/segmenter-spy.js';

const { processTerm, searchOptions, tokenize } = indexOptions;

function record(n: number, fields: Partial<PaperRecord> = {}): PaperRecord {
  return {
    id: `arxiv:2301.${String(n).padStart(5, '0')}`,
    title: `Paper ${n}`,
    url: `https://arxiv.org/abs/2301.${String(n).padStart(5, '0')}`,
    authors: ['Ada Lovelace'],
    year: 2023,
    venue: undefined,
    arxiv: `2301.${String(n).padStart(5, '0')}`,
    formerly: [],
    tags: ['scaling'],
    section: ['Evaluations'],
    highlight: false,
    summarizer: undefined,
    via: undefined,
    issue: { number: 1, date: '2023-01-02', title: 'One' },
    number: n,
    anchor: `paper-${n}`,
    summary: summaryText(`Summary of paper ${n}. More detail follows.`),
    opinion: undefined,
    prerequisites: undefined,
    footnotes: undefined,
    ...fields,
  };
}

function issueOf(records: PaperRecord[]): IssueOutput {
  return { number: 1, formerly: [], title: 'One', date: '2023-01-02', subject: '#1: One', draft: false, content: {} as IssueOutput['content'], email: { html: '', text: '' }, papers: records };
}

function database(records: PaperRecord[]): PaperDatabase {
  return buildPaperDatabase([issueOf(records)]);
}

const papers = () => [
  record(1),
  record(2, { year: 2017, title: 'Attention', authors: ['Ashish Vaswani'], summary: summaryText('The quokkaformer variant is faster.') }),
  record(3, { year: 2017, authors: ['Bernhard Schölkopf'] }),
  record(4, { year: undefined }),
];

/** The shards of one issue of `records`, indexed from their summaries (records without texts), the texts read where needed, as a build does. */
function shards(records: PaperRecord[], cacheDir?: string, language?: string): Map<string, string> {
  const issue = issueOf(records);
  const texts: TextSource = {
    records: () => issue.papers,
    rendering: () => assert.fail('a shard reads no rendering'),
  };
  const index = buildSearchIndex(buildPaperDatabase([summarizeIssue(issue, { pageHash: 'hash', email: { html: 'html', text: 'text' } }, [])]), texts, cacheDir, language);
  return new Map(index.map((shard) => [shard.year, shard.contents.toString('utf8')]));
}

test('the search index has one shard per year, newest first, papers without a year last', () => {
  assert.deepEqual([...shards(papers()).keys()], ['2023', '2017', 'undated']);
});

test('a shard is byte-identical for the same papers, built twice from scratch', () => {
  const first = database(papers());
  const again = database(papers());
  for (const [[year, a], [, b]] of papersByYear(first.papers).map((entry, i) => [entry, papersByYear(again.papers)[i]!] as const)) {
    assert.equal(searchShard(a), searchShard(b), year);
  }
  assert.deepEqual(shards(papers()), shards(papers()));
  // Indexed from the papers' summaries, their texts read where needed: the shard of the papers with their texts.
  assert.deepEqual(shards(papers()), new Map(papersByYear(first.papers).map(([year, entries]) => [year, searchShard(entries)])));
});

test('a paper added to one year changes that year’s shard only', () => {
  const before = shards(papers());
  const after = shards([...papers(), record(5, { year: 2017, title: 'Another paper of 2017' })]);
  assert.notEqual(after.get('2017'), before.get('2017'));
  assert.equal(after.get('2023'), before.get('2023'));
  assert.equal(after.get('undated'), before.get('undated'));
});

test('a shard read with the shared options finds a word of one summary, and carries what a result shows and filters by', () => {
  const index = MiniSearch.loadJSON(shards(papers()).get('2017')!, searchOptions);
  const results = index.search('quokkaformer');
  assert.equal(results.length, 1);
  const { id, title, authors, url, issue, anchor, excerpt, year, section, tags } = results[0]!;
  assert.deepEqual(
    { id, title, authors, url, issue, anchor, excerpt, year, section, tags },
    { id: 0, title: 'Attention', authors: [['Ashish Vaswani', '']], url: 'papers/2301.00002/', issue: 1, anchor: 'paper-2', excerpt: 'The quokkaformer variant is faster.', year: 2017, section: 'Evaluations', tags: ['scaling'] },
  );
  // The last word is a prefix (it may be half typed); accents fold both ways.
  assert.deepEqual(index.search('quokka').map((result) => result.title), ['Attention']);
  assert.deepEqual(index.search('scholkopf').map((result) => result.authors), [[['Bernhard Schölkopf', '']]]);
  assert.deepEqual(index.search('Schölkopf').map((result) => result.authors), [[['Bernhard Schölkopf', '']]]);
  // Every word must occur.
  assert.deepEqual(index.search('quokkaformer schölkopf'), []);
});

test('an unchanged shard comes from the cache; a stale, cut-short or changed one is indexed again and stored', () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'paperboy-search-cache-'));
  const clean = shards(papers());
  assert.deepEqual(shards(papers(), cacheDir), clean);
  assert.deepEqual(readdirSync(cacheDir).sort(), ['2017.json', '2017.parts.json', '2023.json', '2023.parts.json', 'undated.json', 'undated.parts.json']);
  // A stored shard is used as it is when its papers did not change: a marked one (stored with its own hash) proves it was read.
  const stored = readFileSync(join(cacheDir, '2023.json'), 'utf8');
  const contents = readCacheFile(join(cacheDir, '2023.json'))!.toString();
  writeCacheFile(join(cacheDir, '2023.json'), contents.replace('"Paper 1"', '"Paper X"'));
  assert.match(shards(papers(), cacheDir).get('2023')!, /"Paper X"/);
  // Cut short (a power cut after its rename) or changed since it was stored: indexed anew, never published broken.
  writeFileSync(join(cacheDir, '2023.json'), stored.slice(0, Math.floor(stored.length / 2)));
  assert.deepEqual(shards(papers(), cacheDir), clean);
  writeFileSync(join(cacheDir, '2023.json'), stored.replace('"Paper 1"', '"Paper X"'));
  assert.deepEqual(shards(papers(), cacheDir), clean);
  // Another key (the papers changed) or a file that is not a stored shard: indexed anew and stored again.
  writeCacheFile(join(cacheDir, '2023.json'), `0000\n${contents.slice(contents.indexOf('\n') + 1)}`);
  writeFileSync(join(cacheDir, '2017.json'), 'not a shard');
  assert.deepEqual(shards(papers(), cacheDir), clean);
  assert.equal(readFileSync(join(cacheDir, '2023.json'), 'utf8'), stored);
});

test('an edit of one paper indexes that paper alone: its year’s shard is put together from the others’ stored parts, the shard a clean build makes', () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'paperboy-search-cache-'));
  const many = () => [...papers(), ...Array.from({ length: 6 }, (_, i) => record(10 + i, { year: 2017, title: `More of 2017, ${i}` }))];
  /** The shards as a build makes them with `cacheDir`, and how many papers' texts were read to index them (one record each). */
  const indexed = (records: PaperRecord[]) => {
    const issue = issueOf(records);
    let read = 0;
    const texts: TextSource = {
      records: () => (read++, issue.papers),
      rendering: () => assert.fail('a shard reads no rendering'),
    };
    const index = buildSearchIndex(buildPaperDatabase([summarizeIssue(issue, { pageHash: 'hash', email: { html: 'html', text: 'text' } }, [])]), texts, cacheDir);
    return { shards: new Map(index.map((shard) => [shard.year, shard.contents.toString('utf8')])), read };
  };
  assert.equal(indexed(many()).read, many().length);
  const edited = many().map((paper) => (paper.number === 12 ? { ...paper, summary: summaryText('A quokkaformer, edited.') } : paper));
  const rebuilt = indexed(edited);
  assert.equal(rebuilt.read, 1);
  assert.deepEqual(rebuilt.shards, shards(edited));
  assert.equal(MiniSearch.loadJSON(rebuilt.shards.get('2017')!, searchOptions).search('quokkaformer').length, 2);
  // Nothing changed: no text read at all.
  assert.equal(indexed(edited).read, 0);
});

test('a newsletter whose language changes gets shards of papers whose authors are joined in the new language, none assembled from the parts stored in the other', () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'paperboy-search-cache-'));
  const two = () => [...papers(), record(7, { year: 2017, authors: ['Ada Lovelace', 'Charles Babbage'] })];
  assert.match(shards(two(), cacheDir).get('2017')!, /"Ada Lovelace"," and "/);
  const german = shards(two(), cacheDir, 'de');
  assert.deepEqual(german, shards(two(), undefined, 'de'));
  assert.match(german.get('2017')!, /"Ada Lovelace"," und "/);
});

test('a cache folder that cannot be written costs the indexing, not the build', () => {
  const parent = mkdtempSync(join(tmpdir(), 'paperboy-search-cache-'));
  const notAFolder = join(parent, 'file');
  writeFileSync(notAFolder, '');
  assert.deepEqual(shards(papers(), notAFolder), shards(papers()));
});

test('processTerm, remembered per word, gives what it computes afresh: asked again, and after many other words', () => {
  // A fresh copy of the options, whose memory holds nothing yet.
  const require = createRequire(import.meta.url);
  const file = require.resolve('../../templates/web/search-options.cjs');
  const afresh = (term: string) => {
    delete require.cache[file];
    return (require(file) as typeof indexOptions).processTerm(term);
  };
  fc.assert(
    fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 8 }), { maxLength: 30 }), (terms) => {
      for (const term of [...terms, ...terms]) assert.equal(processTerm(term), afresh(term));
    }),
  );
  assert.equal(processTerm('Schölkopf'), 'scholkopf');
  for (let i = 0; i < 100_001; i++) processTerm(`word${i}`);
  assert.equal(processTerm('Schölkopf'), 'scholkopf');
  assert.equal(processTerm('ÉTÉ'), 'ete');
});

test('a paper summarized again under a new title and with its authors written otherwise is found by every title and name it was given, and shown with the newest', () => {
  const first = record(7, { title: 'Are Emergent Abilities a Mirage?', authors: ['Rylan Schaeffer', 'Sanmi Koyejo'], issue: { number: 1, date: '2023-01-02', title: 'One' } });
  const again = record(7, { title: 'Emergence revisited', authors: ['R. Schaeffer'], issue: { number: 2, date: '2023-02-06', title: 'Two' }, summary: summaryText('Revisited.') });
  const issues = [issueOf([first]), { ...issueOf([again]), number: 2 }];
  const entries = buildPaperDatabase(issues);
  const index = MiniSearch.loadJSON(searchShard(papersByYear(entries.papers)[0]![1]), searchOptions);
  for (const query of ['mirage', 'koyejo', 'rylan', 'revisited', 'schaeffer']) {
    assert.deepEqual(
      index.search(query).map((result) => [result.title, result.authors, result.authorNames]),
      [['Emergence revisited', [['R. Schaeffer', '']], 'R. Schaeffer\nRylan Schaeffer\nSanmi Koyejo']],
      query,
    );
  }
  // Both names have the paper on their page.
  assert.deepEqual(entries.authors.map((author) => [author.name, author.papers.length]), [['R. Schaeffer', 1], ['Rylan Schaeffer', 1], ['Sanmi Koyejo', 1]]);
});

test('a text in scripts written with spaces is split into its runs of letters and digits, an apostrophe between letters inside its word', () => {
  const runs = (text: string) => text.match(/[\p{L}\p{M}\p{N}]+(?:(?:['’]|(?<=\p{N})\.(?=\p{N}))[\p{L}\p{M}\p{N}]+)*/gu) ?? [];
  const unspaced = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}\p{DI}]/u;
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
      // Words joined by hyphens are followed by their compounds: the next test's.
      fc.pre(!unspaced.test(text) && !/[-\u2010\u2011]/u.test(text));
      assert.deepEqual(tokenize(text), runs(text));
    }),
  );
  assert.deepEqual(tokenize("=SUM(1,2) x² don’t O'Neil's 'quoted' Schölkopf, GPT-4; Ἀθῆναι 한국어 문장 العربية"), ['SUM', '1', '2', 'x²', 'don’t', "O'Neil's", 'quoted', 'Schölkopf', 'GPT', '4', 'GPT4', 'Ἀθῆναι', '한국어', '문장', 'العربية']);
});

test('search: a number with a point in it is one word: "3.5" and "GPT-3.5" find the paper that says GPT-3.5, not one with a 3 and a 5 apart (nor an arXiv id beginning 5…), and "1.23" the paper with 1.23', () => {
  assert.deepEqual(tokenize('GPT-3.5 scored 1.23 (v1.2), arXiv:2309.08600, f(1,2) at the end: 3.'), ['GPT', '3.5', 'GPT3.5', 'scored', '1.23', 'v1.2', 'arXiv', '2309.08600', 'f', '1', '2', 'at', 'the', 'end', '3']);
  const entries = [
    record(1, { title: 'The one', summary: summaryText('GPT-3.5 scored 1.23 on the test.') }),
    record(2, { title: 'Apart', summary: summaryText('GPT-2 with 3 layers and 5 heads, 1 run of 23 steps, after arXiv 2305.12345.') }),
  ];
  const index = MiniSearch.loadJSON(shards(entries).get('2023')!, searchOptions);
  const titles = (query: string) => indexOptions.searchShard(index, query, () => true).map((result) => result.title);
  for (const query of ['3.5', 'GPT-3.5', 'gpt 3.5', '1.23', '1.2']) assert.deepEqual(titles(query), ['The one'], query);
  // The parts still find what has them as words; an arXiv id is found whole.
  assert.deepEqual(titles('3 5'), ['Apart']);
  assert.deepEqual(titles('2305.12345'), ['Apart']);
});

test('search: "gpt4" and "GPT4", as people type them, find the paper that writes GPT-4, and "llama2" the one that writes Llama-2-7B; a query written with hyphens ("Llama-2") still finds the words written apart ("Llama 2")', () => {
  assert.deepEqual(tokenize('GPT-4 and Llama-2-7B, weak‑to‑strong, x - y'), ['GPT', '4', 'GPT4', 'and', 'Llama', '2', '7B', 'Llama2', 'Llama27B', 'weak', 'to', 'strong', 'weakto', 'weaktostrong', 'x', 'y']);
  const entries = [
    record(1, { title: 'On GPT-4', summary: summaryText('GPT-4 scored well, as did Llama-2-7B.') }),
    record(2, { title: 'Apart', summary: summaryText('GPT-2 with 4 layers; Llama 2 too.') }),
  ];
  const index = MiniSearch.loadJSON(shards(entries).get('2023')!, searchOptions);
  const titles = (query: string) => indexOptions.searchShard(index, query, () => true).map((result) => result.title);
  for (const query of ['gpt4', 'GPT4', 'llama2', 'Llama27B']) assert.deepEqual(titles(query), ['On GPT-4'], query);
  // Words apart in a query find the papers with each of them, the one that writes them joined first.
  assert.deepEqual(titles('GPT-4'), ['On GPT-4', 'Apart']);
  assert.deepEqual(titles('Llama-2').sort(), ['Apart', 'On GPT-4']);
});

test('a Japanese or Chinese sentence is split into its words, so a word inside it is found', () => {
  assert.deepEqual(tokenize('この論文は能力を要約しています。'), ['この', '論文', 'は', '能力', 'を', '要約', 'し', 'てい', 'ます']);
  assert.deepEqual(tokenize('本文总结了语言模型的涌现能力'), ['本文', '总结', '了', '语言', '模型', '的', '涌现', '能力']);
  // Latin letters written against them are a word of their own.
  assert.deepEqual(tokenize('GPT4は強い'), ['GPT4', 'は', '強い']);
  const index = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], tokenize, processTerm });
  index.addAll([
    { id: 1, text: 'この論文は大規模言語モデルの能力を要約しています。' },
    { id: 2, text: '本文总结了语言模型的涌现能力。' },
  ]);
  for (const [query, ids] of [['要約', [1]], ['言語モデル', [1]], ['涌现', [2]], ['语言模型', [2]], ['能力', [1, 2]]] as const) {
    assert.deepEqual(index.search(query, { combineWith: 'AND' }).map((result) => result.id).sort(), ids, query);
  }
});

test('a run of Chinese with no punctuation for 100,000 characters is tokenized with the segmenter given at most 8,192 at a time (whole, it took minutes); a shorter run as before', (t) => {
  const lengths = segmentedLengths(t);
  const run = '数学的推論'.repeat(20_000);
  assert.equal(tokenize(run).join(''), run);
  assert.ok(Math.max(...lengths) <= 8192, `the longest piece: ${Math.max(...lengths)} code units`);
  assert.deepEqual(tokenize('𠀀'.repeat(5_000)).join(''), '𠀀'.repeat(5_000));
  assert.deepEqual(tokenize('本文总结了语言模型的涌现能力'), ['本文', '总结', '了', '语言', '模型', '的', '涌现', '能力']);
});

test('a Latin letter NFKD leaves whole (ł, ø, đ, ħ, ß, æ, œ, þ, ð, ı) is folded to its ASCII spelling, so either spelling finds it', () => {
  const folded = { Łukasz: 'lukasz', Søren: 'soren', Đorđe: 'dorde', Ħamrun: 'hamrun', Straße: 'strasse', STRAẞE: 'strasse', Æsir: 'aesir', Œuvre: 'oeuvre', Þórður: 'thordur', Ðan: 'dan', Işık: 'isik', Ǿ: 'o' };
  for (const [word, ascii] of Object.entries(folded)) assert.equal(processTerm(word), ascii, word);
  const index = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], tokenize, processTerm });
  index.addAll([
    { id: 1, text: 'Łukasz Kaiser on the Straße' },
    { id: 2, text: 'Lukasz Kaiser on the Strasse' },
  ]);
  for (const query of ['lukasz', 'Łukasz', 'strasse', 'straße']) assert.deepEqual(index.search(query).map((result) => result.id).sort(), [1, 2], query);
  assert.deepEqual(index.search('łuk', { prefix: true }).map((result) => result.id).sort(), [1, 2]);
});

test('an invisible format character inside a word (soft hyphen, zero-width space or joiner, word joiner, bidi control) leaves it one word, found without it', () => {
  for (const char of ['\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\u202a', '\u202e', '\u2066', '\u2069', '\ufeff']) {
    const word = `interpre${char}tability`;
    assert.deepEqual(tokenize(`The ${word} of models`), ['The', word, 'of', 'models'], `U+${char.codePointAt(0)!.toString(16)}`);
    assert.equal(processTerm(word), 'interpretability');
  }
  // Alone, or at a word's edge, it is no word and no part of one.
  assert.deepEqual(tokenize('\u00ad \u200b a\u200b '), ['a']);
  const index = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], tokenize, processTerm });
  index.add({ id: 1, text: 'Mechanistic interpre\u00adtability and zero\u200bwidth spaces' });
  assert.deepEqual(index.search('interpretability').map((result) => result.id), [1]);
  assert.deepEqual(index.search('zerowidth').map((result) => result.id), [1]);
});

test('a result shows its authors joined as the pages join them (semicolons when a name holds a comma), one name at a time, and the author filter finds a "Last, First" name typed "First Last"', () => {
  const paper = record(8, { authors: ["O'Neil, Cathy", 'Nguyễn Văn An', 'Zhang 张伟'], issue: { number: 1, date: '2023-01-02', title: 'One' } });
  const entries = buildPaperDatabase([issueOf([paper])]);
  const index = MiniSearch.loadJSON(searchShard(papersByYear(entries.papers)[0]![1]), searchOptions);
  const [result] = index.search('neil');
  assert.deepEqual(result!.authors, [["O'Neil, Cathy", '; '], ['Nguyễn Văn An', '; and '], ['Zhang 张伟', '']]);
  assert.equal(result!.authorNames, "O'Neil, Cathy\nNguyễn Văn An\nZhang 张伟\nCathy O'Neil");
});

/** Ways people write an arXiv id in a search box (typed, pasted from arXiv's "Cite as" line or a reference list), each naming paper 2301.00001. */
const WRITTEN_ARXIV_IDS = ['arXiv: 2301.00001', 'arxiv 2301.00001', 'arXiv : 2301.00001', 'arXiv:2301.00001v2', 'ARXIV 2301.00001v1', 'arXiv:2301.00001 [cs.LG]', 'https://arxiv.org/pdf/2301.00001.pdf'];

test('the papers page finds a paper first by its arXiv id as people write it: "arXiv: " with a space, "arxiv" and a space, a version, its category, a PDF URL', () => {
  const { searchShard: search, rankResults } = indexOptions;
  // Paper 2 cites paper 1's id in its text: found too, after it.
  const entries = [record(1), record(2, { summary: summaryText('As arXiv 2301.00001 showed.') }), record(3)];
  const index = MiniSearch.loadJSON(shards(entries).get('2023')!, searchOptions);
  for (const query of WRITTEN_ARXIV_IDS) {
    const found = search(index, query, () => true).map((result) => ({ ...result, title: result.title as string, tags: result.tags as string[], venues: result.venues as string[], issue: result.issue as number, url: result.url as string }));
    const titles = rankResults(query, found).map((result) => result.title);
    assert.equal(titles[0], 'Paper 1', query);
    assert.equal(new Set(titles).size, titles.length, `${query}: each paper once`);
  }
  // "arxiv" before words that are no id is a search for those words.
  assert.deepEqual(search(index, 'arxiv showed', () => true).map((result) => result.title), ['Paper 2']);
});
