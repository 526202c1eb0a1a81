import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarizeIssue, type IssueOutput, type PaperRecord } from '../../src/archive/issue-output.js';
import type { TextSource } from '../../src/archive/pages.js';
import { buildPaperDatabase } from '../../src/archive/paper-database.js';
import { searchPapers } from '../../src/archive/paper-search.js';
import { buildSearchIndex } from '../../src/archive/search-index.js';
import MiniSearch from 'minisearch';
import indexOptions from '../../templates/web/search-options.cjs';
import { paperRecord, summaryText } from './fixture.js';

const plain = summaryText;

/** Paper `n` of example.org (no arXiv id), tagged `scaling` in Evaluations, `fields` over it. */
function record(n: number, fields: Partial<PaperRecord> = {}): PaperRecord {
  const url = `https://example.org/paper-${n}`;
  const facts = { id: `url:example.org/paper-${n}`, url, arxiv: undefined, tags: ['scaling'], section: ['Evaluations'] };
  return paperRecord(n, { ...facts, summary: plain(`Summary of paper ${n}.`), ...fields });
}

/** The paper database of one issue of `records`, and its texts, as `paperboy papers search` reads them. */
function oneIssue(records: PaperRecord[]) {
  const issue: IssueOutput = { number: 1, formerly: [], title: 'One', date: '2023-01-02', subject: '#1: One', draft: false, content: {} as IssueOutput['content'], email: { html: '', text: '' }, papers: records };
  const texts: TextSource = { records: () => issue.papers, rendering: () => assert.fail('a search reads no rendering') };
  return { database: buildPaperDatabase([summarizeIssue(issue, { pageHash: 'hash', email: { html: 'html', text: 'text' } }, [])]), texts };
}

/** The titles `query` finds among `records` (one issue), best first, as `paperboy papers search` lists them. */
function titles(records: PaperRecord[], query: string): string[] {
  const { database, texts } = oneIssue(records);
  return searchPapers(database, texts, query).map((match) => match.paper.latest.title);
}

test('a paper is found first by its identity: its arXiv id with or without a version or an arXiv: prefix, or any URL paperboy takes for the paper', () => {
  const papers = [
    record(1, { id: 'arxiv:2307.15217', title: 'Open Problems of RLHF', url: 'https://arxiv.org/abs/2307.15217', arxiv: '2307.15217' }),
    // A paper whose text cites the other's id: found too, after it.
    record(2, { title: 'A reply', summary: plain('A reply to arXiv 2307.15217 and https://arxiv.org/abs/2307.15217 in full.') }),
    record(3, { id: 'url:lesswrong.com/posts/5spBue/steering', title: 'Steering', url: 'https://www.lesswrong.com/posts/5spBue/steering' }),
  ];
  for (const query of ['2307.15217', ' 2307.15217v2 ', 'arXiv:2307.15217', 'https://arxiv.org/abs/2307.15217', 'https://arxiv.org/pdf/2307.15217v3.pdf', 'arxiv.org/abs/2307.15217']) {
    assert.equal(titles(papers, query)[0], 'Open Problems of RLHF', query);
  }
  assert.deepEqual(titles(papers, '2307.15217'), ['Open Problems of RLHF', 'A reply']);
  for (const query of ['https://lesswrong.com/posts/5spBue/steering/?utm_source=x#top', 'http://www.lesswrong.com/posts/5spBue/steering', 'lesswrong.com/posts/5spBue/steering']) {
    assert.deepEqual(titles(papers, query), ['Steering'], query);
  }
  // A query of words is no identity, whatever it holds.
  assert.deepEqual(titles(papers, '2307.15217 steering'), []);
});

test('papers search finds a paper first by its arXiv id as people write it: "arXiv: " with a space, "arxiv" and a space, a version, its category, a PDF URL', () => {
  const papers = [
    record(1, { id: 'arxiv:2307.15217', title: 'Open Problems of RLHF', url: 'https://arxiv.org/abs/2307.15217', arxiv: '2307.15217' }),
    record(2, { title: 'A reply', summary: plain('A reply to arXiv 2307.15217 in full.') }),
    record(3, { id: 'arxiv:hep-th/9901001', title: 'An old-style id', url: 'https://arxiv.org/abs/hep-th/9901001', arxiv: 'hep-th/9901001' }),
  ];
  for (const query of ['arXiv: 2307.15217', 'arxiv 2307.15217', 'arXiv : 2307.15217', ' arXiv:2307.15217v2 ', 'arxiv 2307.15217v3', 'arXiv:2307.15217 [cs.AI]', 'https://arxiv.org/pdf/2307.15217.pdf']) {
    assert.equal(titles(papers, query)[0], 'Open Problems of RLHF', query);
  }
  // The paper whose text cites the id in the same words follows.
  assert.deepEqual(titles(papers, 'arXiv: 2307.15217'), ['Open Problems of RLHF', 'A reply']);
  assert.deepEqual(titles(papers, 'arXiv: hep-th/9901001'), ['An old-style id']);
  // "arxiv" before words that are no id is a search for those words.
  assert.deepEqual(titles(papers, 'arxiv reply'), ['A reply']);
});

test('papers search finds a paper first by any link paperboy takes for it: its arXiv id on Hugging Face, ar5iv, alphaXiv or its arXiv DOI, its DOI in any case or host or written `doi:10.…`, its OpenReview PDF, its NeurIPS PDF', () => {
  const papers = [
    record(1, { id: 'arxiv:2307.15217', title: 'Open Problems of RLHF', url: 'https://arxiv.org/abs/2307.15217', arxiv: '2307.15217' }),
    record(2, { id: 'url:doi.org/10.1016/j.apm.2020.03.018', title: 'A journal paper', url: 'https://doi.org/10.1016/j.apm.2020.03.018' }),
    record(3, { id: 'url:openreview.net/forum?id=HkxjYoCqKX', title: 'Relaxed quantization', url: 'https://openreview.net/forum?id=HkxjYoCqKX' }),
  ];
  for (const query of ['https://huggingface.co/papers/2307.15217', 'https://ar5iv.labs.arxiv.org/html/2307.15217', 'alphaxiv.org/abs/2307.15217v2', 'https://doi.org/10.48550/arXiv.2307.15217', 'https://browse.arxiv.org/abs/2307.15217']) {
    assert.deepEqual(titles(papers, query), ['Open Problems of RLHF'], query);
  }
  for (const query of ['http://dx.doi.org/10.1016/J.APM.2020.03.018', 'https://doi.org/10.1016/j.apm.2020.03.018', 'doi:10.1016/j.apm.2020.03.018', 'DOI: 10.1016/J.APM.2020.03.018']) {
    assert.deepEqual(titles(papers, query), ['A journal paper'], query);
  }
  for (const query of ['https://openreview.net/pdf?id=HkxjYoCqKX', 'https://openreview.net/forum?id=HkxjYoCqKX&noteId=r1lB2f5QJN']) {
    assert.deepEqual(titles(papers, query), ['Relaxed quantization'], query);
  }
  const neurips = record(4, { id: 'url:proceedings.neurips.cc/paper/2020/hash/1457c0d6bfcb4967418bfb8ac142f64a-Abstract.html', title: 'Few-shot learners', url: 'https://proceedings.neurips.cc/paper/2020/hash/1457c0d6bfcb4967418bfb8ac142f64a-Abstract.html' });
  assert.deepEqual(titles([...papers, neurips], 'https://proceedings.neurips.cc/paper/2020/file/1457c0d6bfcb4967418bfb8ac142f64a-Paper.pdf'), ['Few-shot learners']);
});

test('a plural finds its singular and the singular its plural, in every field', () => {
  const papers = [
    record(1, { title: 'Steering GPT-2', summary: plain('The steering vector is computed from two passes.') }),
    record(2, { title: 'Policies', authors: ['Ann Jones'], summary: plain('Learned policy search.') }),
    record(3, { title: 'Unrelated' }),
  ];
  assert.deepEqual(titles(papers, 'steering vectors'), ['Steering GPT-2']);
  assert.deepEqual(titles(papers, 'vectors steering'), ['Steering GPT-2']);
  assert.deepEqual(titles(papers, 'policy'), ['Policies']);
  assert.deepEqual(titles(papers, 'searches policies'), ['Policies']);
  // Half typed, the last word is a prefix of the word as written too.
  assert.deepEqual(titles(papers, 'polici'), ['Policies']);
  assert.deepEqual(titles(papers, 'jone'), ['Policies']);
  // A plural in "-es" after "ss", "ch", "sh" or "x"; the plural of a word in "-che" is found by it too.
  const more = [record(4, { title: 'Approaches', summary: plain('Two classes of cache.') }), record(5, { title: 'Box', summary: plain('A box of caches.') })];
  assert.deepEqual(titles(more, 'approach class'), ['Approaches']);
  assert.deepEqual(titles(more, 'boxes'), ['Box']);
  assert.deepEqual(titles(more, 'cache box'), ['Box']);
});

test('the singular and plural of words that end in "s" already find each other: bias and biases, analysis and analyses, axis and axes', () => {
  const papers = [
    record(1, { title: 'Inductive biases', summary: plain('Two analyses of the hypotheses, plotted on two axes.') }),
    record(2, { title: 'One bias', summary: plain('An analysis of one hypothesis along one axis, with its matrices and indices.') }),
    record(3, { title: 'Unrelated', summary: plain('This is about something else: gas and basis.') }),
  ];
  for (const query of ['bias', 'biases', 'analysis', 'analyses', 'hypothesis', 'hypotheses', 'axis', 'axes']) {
    assert.deepEqual(titles(papers, query).sort(), ['Inductive biases', 'One bias'], query);
  }
  assert.deepEqual(titles(papers, 'matrix index'), ['One bias']);
  // Half typed, the plural's stem and the word as written are prefixes.
  assert.deepEqual(titles(papers, 'analys').sort(), ['Inductive biases', 'One bias']);
  assert.deepEqual(titles(papers, 'this'), ['Unrelated'], 'a word in "-is" is no plural of "thi"');
});

test('a paper is found by its venue, as by its authors and tags', () => {
  const papers = [
    record(1, { title: 'Rank collapse', venue: 'ICML 2021', tags: ['attention'] }),
    record(2, { title: 'Other', venue: 'NeurIPS 2023', authors: ['Yihe Dong'] }),
  ];
  assert.deepEqual(titles(papers, 'ICML'), ['Rank collapse']);
  assert.deepEqual(titles(papers, 'neurips dong'), ['Other']);
  assert.deepEqual(titles(papers, 'attention'), ['Rank collapse']);
});

test('a query that names a tag or a venue, punctuation included, ranks the paper with it first; a one-letter word is no prefix of every word', () => {
  const papers = [
    record(1, { title: 'Cats and tigers', summary: plain('Cats at the zoo, counted at t = 0 with C code.') }),
    record(2, { title: 'Compilers', summary: plain('Templates in c and more.'), tags: ['c++', 'compilers'] }),
    record(3, { title: 'The Pile', venue: 'AT&T Labs #42 Report' }),
    record(4, { title: 'Telephony at scale', summary: plain('A talk about telephones.') }),
  ];
  assert.deepEqual(titles(papers, 'c++'), ['Compilers', 'Cats and tigers']);
  assert.deepEqual(titles(papers, 'C++'), ['Compilers', 'Cats and tigers']);
  assert.deepEqual(titles(papers, 'AT&T'), ['The Pile', 'Cats and tigers']);
  assert.deepEqual(titles(papers, 'at&t labs'), ['The Pile']);
  // Two letters may still be half typed.
  assert.deepEqual(titles(papers, 'te').sort(), ['Compilers', 'Telephony at scale']);
});

test('a word with an apostrophe inside is found written without it, with either apostrophe, and by its part after it', () => {
  const papers = [
    record(1, { title: 'Weapons of Math Destruction', authors: ["O'Neil, Cathy"] }),
    record(2, { title: 'Emergence', summary: plain('Jason Wei’s post on emergence; it doesn’t hold.') }),
  ];
  for (const query of ['oneil', "O'Neil", 'O’Neil', 'neil']) assert.deepEqual(titles(papers, query), ['Weapons of Math Destruction'], query);
  for (const query of ['wei emergence', 'Wei’s', "Wei's", 'doesnt', "doesn't"]) assert.deepEqual(titles(papers, query), ['Emergence'], query);
  // The lone letter of "doesn’t" is not a word of the text.
  assert.deepEqual(titles(papers, 'emergence t'), []);
});

test('the tag filter names a tag as the tag pages do: case, accents and runs of spaces aside', () => {
  const { database, texts } = oneIssue([record(1, { title: 'Laws', tags: ['scaling laws'] }), record(2, { title: 'Other', tags: ['interpretability'] })]);
  for (const tag of ['scaling laws', 'Scaling  Laws', ' scaling laws ', 'Scâling laws']) {
    assert.deepEqual(searchPapers(database, texts, '', { tag }).map((match) => match.paper.latest.title), ['Laws'], tag);
    assert.deepEqual(searchPapers(database, texts, 'laws', { tag }).map((match) => match.paper.latest.title), ['Laws'], tag);
  }
  assert.deepEqual(searchPapers(database, texts, '', { tag: 'scaling' }), [], 'a tag is named whole, not in part');
});

test('the author filter names an author as the author pages do: either apostrophe, or none, finds "O’Neil"', () => {
  const { database, texts } = oneIssue([
    record(1, { title: 'Typographic', authors: ['Cathy O’Neil'] }),
    record(2, { title: 'Typed', authors: ["Cathy O'Neil"] }),
    record(3, { title: 'Other', authors: ['Neil Other'] }),
  ]);
  for (const author of ["O'Neil", 'O’Neil', 'oneil', 'Cathy ONeil']) {
    assert.deepEqual(searchPapers(database, texts, '', { author }).map((match) => match.paper.latest.title).sort(), ['Typed', 'Typographic'], author);
  }
  const authors = database.authors.map((author) => [author.name, author.slug, author.papers.length]);
  assert.deepEqual(authors, [["Cathy O'Neil", 'cathy-oneil', 2], ['Neil Other', 'neil-other', 1]], 'one author page for both apostrophes');
});

test('papers of equal score are listed in one order by papers search and the papers page: the paper first covered most recently first, whatever their years', () => {
  const issue = (number: number, records: PaperRecord[]): IssueOutput => ({ number, formerly: [], title: `Issue ${number}`, date: `2023-0${number}-02`, subject: `#${number}`, draft: false, content: {} as IssueOutput['content'], email: { html: '', text: '' }, papers: records });
  // Each alone in its year's shard, with the same words: the same score in each.
  const issues = [
    issue(1, [record(1, { title: 'Paper one', year: 2024, summary: plain('A tie.'), issue: { number: 1, date: '2023-01-02', title: 'Issue 1' } })]),
    issue(2, [record(2, { title: 'Paper two', year: 2020, summary: plain('A tie.'), issue: { number: 2, date: '2023-02-02', title: 'Issue 2' } })]),
    issue(3, [record(3, { title: 'Paper six', year: 2022, summary: plain('A tie.'), issue: { number: 3, date: '2023-03-02', title: 'Issue 3' } })]),
  ];
  const database = buildPaperDatabase(issues.map((output) => summarizeIssue(output, { pageHash: 'hash', email: { html: 'html', text: 'text' } }, [])));
  const texts: TextSource = { records: (number) => issues.find((output) => output.number === number)!.papers, rendering: () => assert.fail('a search reads no rendering') };
  const terminal = searchPapers(database, texts, 'tie').map((match) => match.paper.latest.title);
  // The papers page: each year's shard searched, the newest year first, and the results ranked together (templates/web/papers.js).
  const { rankResults, searchShard, searchOptions } = indexOptions;
  const found = buildSearchIndex(database, texts, undefined).flatMap((shard) => searchShard(MiniSearch.loadJSON(shard.contents.toString('utf8'), searchOptions), 'tie', () => true));
  const page = rankResults('tie', found.map((result) => ({ ...result, title: result.title as string, tags: result.tags as string[], venues: result.venues as string[], issue: result.issue as number, url: result.url as string }))).map((result) => result.title);
  assert.equal(new Set(found.map((result) => result.score)).size, 1, 'one score');
  assert.deepEqual(terminal, ['Paper six', 'Paper two', 'Paper one']);
  assert.deepEqual(page, terminal);
});
