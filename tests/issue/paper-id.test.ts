import assert from 'node:assert/strict';
import { test } from 'node:test';
import { arxivIdFromUrl, normalizePaperId, normalizeUrl, paperIdFromReference, parseArxivId, urlFormIdentity } from '../../src/issue/paper-id.js';

test('arXiv ids: new and old style, versions stripped, malformed refused', () => {
  assert.equal(parseArxivId('2304.15004v2'), '2304.15004');
  assert.equal(parseArxivId('hep-th/9901001'), 'hep-th/9901001');
  assert.equal(parseArxivId('2304.1500x'), undefined);
});

test('an old-style arXiv id names its paper with or without its subject class (math.GT/0309136 is math/0309136)', () => {
  assert.equal(parseArxivId('math.GT/0309136'), 'math/0309136');
  assert.equal(parseArxivId('arXiv:math.CA/0611800v2'), 'math/0611800');
  assert.deepEqual(arxivIdFromUrl('https://arxiv.org/abs/math.GT/0309136'), { id: 'math/0309136', canonical: false });
  assert.deepEqual(arxivIdFromUrl('https://arxiv.org/abs/math/0309136'), { id: 'math/0309136', canonical: true });
  const place = { issue: 1, index: 0 };
  const bare = normalizePaperId({ url: 'https://arxiv.org/abs/math/0309136' }, place);
  assert.equal(bare, 'arxiv:math/0309136');
  assert.equal(normalizePaperId({ url: 'https://arxiv.org/pdf/math.GT/0309136v1', arxiv: 'math.GT/0309136' }, place), bare);
  assert.equal(paperIdFromReference('arXiv:math.GT/0309136'), bare);
  // An archive without subject classes keeps its name, hyphen included.
  assert.equal(parseArxivId('hep-th/9901001v3'), 'hep-th/9901001');
});

test('arXiv URLs: abs, pdf and versioned links name the same paper', () => {
  assert.deepEqual(arxivIdFromUrl('https://arxiv.org/abs/2304.15004'), { id: '2304.15004', canonical: true });
  assert.deepEqual(arxivIdFromUrl('https://arxiv.org/pdf/2304.15004v2.pdf'), { id: '2304.15004', canonical: false });
  assert.deepEqual(arxivIdFromUrl('http://www.arxiv.org/abs/2304.15004v1'), { id: '2304.15004', canonical: false });
  assert.equal(arxivIdFromUrl('https://example.org/abs/2304.15004'), undefined);
});

test('URLs lose scheme, www., trailing slash, fragment and tracking parameters', () => {
  assert.equal(normalizeUrl('https://www.LessWrong.com/posts/abc/?utm_source=x&id=3#comments'), 'lesswrong.com/posts/abc?id=3');
  assert.equal(normalizeUrl('http://lesswrong.com/posts/abc'), 'lesswrong.com/posts/abc');
});

test('URLs that differ only in default port, doubled slashes, query order or escaped unreserved characters name one page', () => {
  const page = normalizeUrl('https://example.org/~jane/paper?a=1&b=2');
  assert.equal(normalizeUrl('https://example.org:443/%7Ejane//paper/?b=2&a=1'), page);
  assert.equal(normalizeUrl('http://example.org:8080/x'), 'example.org:8080/x');
  assert.equal(normalizeUrl('  Not a URL  '), 'not a url');
});

const place = { issue: 5, index: 0 };

test('identity prefers the arXiv id, from the field or the URL', () => {
  assert.equal(normalizePaperId({ url: 'https://example.org/x', arxiv: '2304.15004v3' }, place), 'arxiv:2304.15004');
  assert.equal(normalizePaperId({ url: 'https://arxiv.org/pdf/2304.15004' }, place), 'arxiv:2304.15004');
  assert.equal(normalizePaperId({ url: 'https://www.example.org/x/' }, place), 'url:example.org/x');
});

test('a paper without an arXiv id or a URL is a paper of its own, named by its issue and place', () => {
  assert.equal(normalizePaperId({ url: '' }, { issue: 5, index: 0 }), 'issue:5/1');
  assert.equal(normalizePaperId({ url: '' }, { issue: 6, index: 2 }), 'issue:6/3');
  // A text that is no URL is shared by unrelated papers: it names none of them.
  for (const url of ['TBD', 'n/a', 'example.org/x', 'https:/example.org/x']) {
    assert.equal(normalizePaperId({ url }, { issue: 5, index: 1 }), 'issue:5/2', url);
  }
  assert.equal(normalizePaperId({ url: 'TBD', arxiv: '2304.15004' }, { issue: 5, index: 1 }), 'arxiv:2304.15004');
});

test('a paper with a placeholder URL (`paperboy new`s) is a paper of its own, named by its place', () => {
  // Every fresh skeleton holds the same placeholder URL: it names none of their papers.
  for (const url of ['https://example.org/TODO-the-paper', ' https://example.com/lorem-ipsum ', 'http://paper.test/FIXME']) {
    assert.equal(normalizePaperId({ url }, { issue: 5, index: 1 }), 'issue:5/2', url);
  }
  assert.equal(paperIdFromReference('https://example.org/TODO-the-paper'), undefined);
  // A marker on a real host is a file's name, and a plain example URL holds no marker: both name their page.
  assert.equal(normalizePaperId({ url: 'https://github.com/org/repo/blob/main/TODO.md' }, place), 'url:github.com/org/repo/blob/main/TODO.md');
  assert.equal(normalizePaperId({ url: 'https://example.org/todo-list' }, place), 'url:example.org/todo-list');
});

test('a reference that is neither an arXiv id nor a URL names no paper', () => {
  assert.equal(paperIdFromReference('2304.15004v2'), 'arxiv:2304.15004');
  assert.equal(paperIdFromReference('https://www.example.org/x/'), 'url:example.org/x');
  assert.equal(paperIdFromReference('TBD'), undefined);
});

const first = { issue: 1, index: 0 };

test("an arXiv paper linked on another site that is its page (browse.arxiv.org, ar5iv, alphaXiv, Hugging Face's papers, arXiv's DOI) is the arXiv paper", () => {
  for (const url of [
    'https://browse.arxiv.org/abs/2304.15004v2',
    'https://ar5iv.labs.arxiv.org/html/2304.15004',
    'https://ar5iv.org/abs/2304.15004',
    'https://ar5iv.org/html/2304.15004v1/',
    'https://www.alphaxiv.org/abs/2304.15004',
    'https://alphaxiv.org/overview/2304.15004v3',
    'https://huggingface.co/papers/2304.15004',
    'https://doi.org/10.48550/arXiv.2304.15004',
    'http://dx.doi.org/10.48550/ARXIV.2304.15004',
  ]) {
    assert.equal(normalizePaperId({ url }, first), 'arxiv:2304.15004', url);
    assert.equal(paperIdFromReference(url), 'arxiv:2304.15004', url);
  }
  assert.equal(normalizePaperId({ url: 'https://ar5iv.org/abs/hep-th/9901001' }, first), 'arxiv:hep-th/9901001');
  assert.equal(normalizePaperId({ url: 'https://doi.org/10.48550/arXiv.math/0309136' }, first), 'arxiv:math/0309136');
});

test('a page of such a site that names no arXiv id is its own URL, and another site with an arXiv-like path is no arXiv paper', () => {
  assert.equal(normalizePaperId({ url: 'https://huggingface.co/papers' }, first), 'url:huggingface.co/papers');
  assert.equal(normalizePaperId({ url: 'https://huggingface.co/papers/trending' }, first), 'url:huggingface.co/papers/trending');
  assert.equal(normalizePaperId({ url: 'https://huggingface.co/models/2304.15004' }, first), 'url:huggingface.co/models/2304.15004');
  assert.equal(normalizePaperId({ url: 'https://example.org/papers/2304.15004' }, first), 'url:example.org/papers/2304.15004');
  assert.equal(normalizePaperId({ url: 'https://doi.org/10.1145/2304.15004' }, first), 'url:doi.org/10.1145/2304.15004');
});

test('a DOI link is one paper however its resolver host and case are written (DOIs are case-insensitive)', () => {
  const doi = 'url:doi.org/10.1000/abc.def';
  for (const url of ['https://doi.org/10.1000/ABC.def', 'http://dx.doi.org/10.1000/abc.DEF', 'https://www.doi.org/10.1000/abc.def/', 'https://doi.org/10.1000/abc.def']) {
    assert.equal(normalizePaperId({ url }, first), doi, url);
    assert.equal(paperIdFromReference(url), doi, url);
  }
  // Another host's path keeps its case: only a DOI is case-insensitive.
  assert.equal(normalizePaperId({ url: 'https://example.org/10.1000/ABC' }, first), 'url:example.org/10.1000/ABC');
});

test("an OpenReview submission's forum and PDF are one paper, whatever comment or referrer the link carries", () => {
  const forum = 'url:openreview.net/forum?id=HkxjYoCqKX';
  for (const url of [
    'https://openreview.net/forum?id=HkxjYoCqKX',
    'https://openreview.net/pdf?id=HkxjYoCqKX',
    'https://openreview.net/forum?id=HkxjYoCqKX&noteId=r1lB2f5QJN',
    'https://openreview.net/forum?id=HkxjYoCqKX&referrer=%5BAuthor%20Console%5D(%2Fgroup%3Fid%3DICLR.cc)',
    'http://www.openreview.net/pdf?id=HkxjYoCqKX#page=2',
  ]) {
    assert.equal(normalizePaperId({ url }, first), forum, url);
  }
  // Another submission, and a page of OpenReview that is no paper, stay apart.
  assert.notEqual(normalizePaperId({ url: 'https://openreview.net/forum?id=Byx83s09Km' }, first), forum);
  assert.equal(normalizePaperId({ url: 'https://openreview.net/group?id=ICLR.cc/2019/Conference' }, first), 'url:openreview.net/group?id=ICLR.cc/2019/Conference');
});

test('a paper linked in a form read otherwise now names the identity paperboy 0.8.0 gave it, so its old page leads on; any other paper none', () => {
  assert.equal(urlFormIdentity({ url: 'https://huggingface.co/papers/2304.15004' }), 'url:huggingface.co/papers/2304.15004');
  assert.equal(urlFormIdentity({ url: 'https://browse.arxiv.org/abs/2304.15004' }), 'url:browse.arxiv.org/abs/2304.15004');
  assert.equal(urlFormIdentity({ url: 'http://dx.doi.org/10.1000/ABC' }), 'url:dx.doi.org/10.1000/ABC');
  assert.equal(urlFormIdentity({ url: 'https://openreview.net/pdf?id=HkxjYoCqKX' }), 'url:openreview.net/pdf?id=HkxjYoCqKX');
  // An `arxiv` field named the paper then as now; so did an arxiv.org URL, and a URL read as it was.
  assert.equal(urlFormIdentity({ url: 'https://huggingface.co/papers/2304.15004', arxiv: '2304.15004' }), undefined);
  assert.equal(urlFormIdentity({ url: 'https://arxiv.org/pdf/2304.15004v2.pdf' }), undefined);
  assert.equal(urlFormIdentity({ url: 'https://doi.org/10.1000/abc' }), undefined);
  assert.equal(urlFormIdentity({ url: 'https://openreview.net/forum?id=HkxjYoCqKX' }), undefined);
  assert.equal(urlFormIdentity({ url: 'https://www.lesswrong.com/posts/abc' }), undefined);
  assert.equal(urlFormIdentity({ url: 'TBD' }), undefined);
});

test('a DOI written as text (`doi:10.1000/abc`, `DOI: 10.1000/ABC`) names the paper its DOI link names, in a `paper:` reference or a `formerly`', () => {
  for (const target of ['doi:10.1016/j.apm.2020.03.018', 'DOI: 10.1016/J.APM.2020.03.018', 'https://doi.org/10.1016/j.apm.2020.03.018']) {
    assert.equal(paperIdFromReference(target), 'url:doi.org/10.1016/j.apm.2020.03.018', target);
  }
  assert.equal(paperIdFromReference('doi:10.48550/arXiv.2304.15004'), 'arxiv:2304.15004');
  // Not a DOI: a `doi:` without the `10.` of every DOI names nothing.
  assert.equal(paperIdFromReference('doi:abc'), undefined);
});

test("a NeurIPS paper's PDF is the paper of its abstract page, of the same year, hash and track", () => {
  const pairs = [
    ['https://proceedings.neurips.cc/paper/2020/file/1457c0d6bfcb4967418bfb8ac142f64a-Paper.pdf', 'https://proceedings.neurips.cc/paper/2020/hash/1457c0d6bfcb4967418bfb8ac142f64a-Abstract.html'],
    [
      'https://proceedings.neurips.cc/paper_files/paper/2023/file/adc98a266f45005c403b8311ca7e8bd7-Paper-Conference.pdf',
      'https://proceedings.neurips.cc/paper_files/paper/2023/hash/adc98a266f45005c403b8311ca7e8bd7-Abstract-Conference.html',
    ],
  ];
  for (const [pdf, abstract] of pairs) assert.equal(normalizePaperId({ url: pdf! }, first), normalizePaperId({ url: abstract! }, first), pdf);
  // Another track, another hash, or the supplement are other pages, as written.
  const conference = normalizePaperId({ url: pairs[1]![1]! }, first);
  assert.notEqual(normalizePaperId({ url: 'https://proceedings.neurips.cc/paper_files/paper/2023/file/adc98a266f45005c403b8311ca7e8bd7-Paper-Datasets_and_Benchmarks.pdf' }, first), conference);
  assert.notEqual(normalizePaperId({ url: 'https://proceedings.neurips.cc/paper_files/paper/2023/file/adc98a266f45005c403b8311ca7e8bd7-Supplemental-Conference.pdf' }, first), conference);
  assert.equal(urlFormIdentity({ url: pairs[0]![0]! }), 'url:proceedings.neurips.cc/paper/2020/file/1457c0d6bfcb4967418bfb8ac142f64a-Paper.pdf');
});
