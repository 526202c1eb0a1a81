import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMarkdown } from '../../../src/issue/markdown.js';
import { FootnoteCollector, formatReferences, plainStyle, ReferenceList, renderBlocks, type TextStyle } from '../../../src/render/text/index.js';
import { BASE_URL, issueFacts, linkContext, render } from './fixture.js';

test('links are numbered references; the same URL twice keeps its number', () => {
  const references = new ReferenceList();
  const text = render('[a paper](https://a.example/x), [a blog](https://b.example/) and [the paper again](https://a.example/x).', { references });
  assert.equal(text, 'a paper [1], a blog [2] and the paper again [1].');
  assert.equal(formatReferences(references), '[1] https://a.example/x\n[2] https://b.example/');
});

test('texts sharing a reference scope (a paper) continue its numbers; a new scope starts at 1', () => {
  const paper = new ReferenceList();
  assert.equal(render('Summary with [a](https://a.example/).', { references: paper }), 'Summary with a [1].');
  assert.equal(render('Opinion with [b](https://b.example/) and [a](https://a.example/).', { references: paper }), 'Opinion with b [2] and a [1].');
  assert.equal(render('Next paper: [b](https://b.example/).', { references: new ReferenceList() }), 'Next paper: b [1].');
});

test("a number the texts show in brackets (a citation, `[1]`) is never a link's: the links number past it; a reference-style label is no such number", () => {
  const prose = 'Prior work [1] and [3] shows it; see [the paper](https://a.example/x) and [a blog](https://b.example/).';
  const references = new ReferenceList([parseMarkdown(prose)]);
  assert.equal(render(prose, { references }), 'Prior work [1] and [3] shows it; see the paper [2] and a blog [4].');
  assert.equal(formatReferences(references), '[2] https://a.example/x\n[4] https://b.example/');
  const labelled = 'See [the paper][1].\n\n[1]: https://a.example/x';
  const byLabel = new ReferenceList([parseMarkdown(labelled)]);
  assert.equal(render(labelled, { references: byLabel }), 'See the paper [1].');
});

test("a number in brackets the reader sees in code, math or an image's alt text is never a link's either", () => {
  const prose = 'Table 2 in `results[1]`, $x[3]$ and ![loss, see [2]](https://img.example.org/f.png) show it; see [the code](https://github.com/x/y).\n\n```\ncites [4]\n```';
  const references = new ReferenceList([parseMarkdown(prose)]);
  render(prose, { references });
  assert.equal(formatReferences(references), '[5] https://img.example.org/f.png\n[6] https://github.com/x/y');
});

test('a reference number stays on the line of its link text', () => {
  const text = render(`${'x'.repeat(66)} [link](https://a.example/)`);
  assert.equal(text, `${'x'.repeat(66)}\nlink [1]`);
});

test('the reference list aligns its URLs past [9]', () => {
  const references = new ReferenceList();
  render(Array.from({ length: 10 }, (_, i) => `[${i}](https://example.org/${i})`).join(' '), { references });
  const lines = formatReferences(references).split('\n');
  assert.equal(lines[0], '[1]  https://example.org/0');
  assert.equal(lines[9], '[10] https://example.org/9');
});

test('autolinks print their URL and take no reference', () => {
  const references = new ReferenceList();
  assert.equal(render('See <https://example.org/paper> or www.example.com or ask editor@example.org.', { references }), 'See https://example.org/paper or www.example.com or ask\neditor@example.org.');
  assert.equal(references.size, 0);
});

test('plaintext shows a www. autolink as written, like every autolink', () => {
  const references = new ReferenceList();
  const text = render('Or www.example.com/baz? Or <HTTPS://Example.org/ä>, <mailto:editor@example.org> and [](mailto:desk@example.org).', { references });
  assert.equal(text, 'Or www.example.com/baz? Or HTTPS://Example.org/ä [1],\nmailto:editor@example.org and desk@example.org.');
  assert.equal(formatReferences(references), '[1] https://example.org/%C3%A4');
});

test('a non-ASCII autolink shows as written, then a reference whose line has it percent-encoded, which every mail program follows whole', () => {
  const references = new ReferenceList();
  const markdown = 'See https://de.wikipedia.org/wiki/Überwachung, <https://例え.jp/パス> and www.bücher.de/ü; [the page](https://de.wikipedia.org/wiki/Überwachung) again.';
  assert.equal(
    render(markdown, { references }),
    'See https://de.wikipedia.org/wiki/Überwachung [1],\nhttps://例え.jp/パス [2] and www.bücher.de/ü [3]; the page [1] again.',
  );
  assert.equal(
    formatReferences(references),
    '[1] https://de.wikipedia.org/wiki/%C3%9Cberwachung\n[2] https://xn--r8jz45g.jp/%E3%83%91%E3%82%B9\n[3] http://www.xn--bcher-kva.de/%C3%BC',
  );
  const ascii = new ReferenceList();
  assert.equal(render('Encoded: <https://de.wikipedia.org/wiki/%C3%9Cberwachung>, https://example.org/a.', { references: ascii }), 'Encoded: https://de.wikipedia.org/wiki/%C3%9Cberwachung,\nhttps://example.org/a.');
  assert.equal(ascii.size, 0);
});

test('a non-ASCII autolink wider than the line keeps its reference on its line', () => {
  const url = `https://de.wikipedia.org/wiki/${'Ü'.repeat(70)}`;
  assert.equal(render(`See ${url} now.`), `See\n${url} [1]\nnow.`);
});

test('reference-style links and images resolve through their definitions', () => {
  assert.equal(render('The [paper][p] and ![chart][c].\n\n[p]: https://a.example/p\n[c]: img/chart.png'), 'The paper [1] and [image: chart] [2].');
});

test('relative links resolve against baseUrl; unsafe or unresolvable links print their text only', () => {
  const references = new ReferenceList();
  const text = render('[archive](issues/) [evil](javascript:alert(1)) [ghost](paper:9999.99999) [top](#intro)', { references });
  assert.equal(text, 'archive [1] evil ghost top');
  assert.deepEqual(references.references, [{ number: 1, href: `${BASE_URL}issues/` }]);
});

test("a link's address in the plaintext is the one its HTML links to: a backslash, a pipe or a caret in it encoded as mdast-util-to-hast encodes it", () => {
  const references = new ReferenceList();
  render('[x](a\\\\b), [y](https://a.example/x|y) and ![z](https://a.example/z^.png)', { references });
  assert.deepEqual(
    references.references.map((reference) => reference.href),
    [`${BASE_URL}a%5Cb`, 'https://a.example/x%7Cy', 'https://a.example/z%5E.png'],
  );
});

test('cross-references show the issue they lead to, then their reference', () => {
  const mirage = { id: 'arxiv:2304.15004', title: 'Are Emergent Abilities a Mirage?', anchor: 'are-emergent-abilities-a-mirage' };
  const links = linkContext([issueFacts(3, [mirage]), issueFacts(7, [])]);
  const references = new ReferenceList();
  const text = render('As [the mirage paper](paper:2304.15004) argued ([last month](issue:7)), see also <paper:2304.15004>.', { links, references });
  const paperHref = `${BASE_URL}issues/3/#are-emergent-abilities-a-mirage`;
  assert.equal(text, `As the mirage paper (#3) [1] argued (last month (#7) [2]), see also\n${paperHref} (#3).`);
  assert.equal(formatReferences(references), `[1] ${paperHref}\n[2] ${BASE_URL}issues/7/`);
});

// What the terminal preview plugs in: OSC 8 hyperlinks and SGR bold, no delimiters.
const ESC = '\u001b';
const terminalLike: TextStyle = {
  ...plainStyle,
  delimiters: { strong: ['', ''], emphasis: ['', ''], strikethrough: ['', ''], code: ['', ''] },
  links: 'hyperlinks',
  maxLineOctets: Infinity,
  decorate: (text, format) => {
    const bold = format.strong ? `${ESC}[1m${text}${ESC}[22m` : text;
    return format.link ? `${ESC}]8;;${format.link}${ESC}\\${bold}${ESC}]8;;${ESC}\\` : bold;
  },
};
const ESCAPES = new RegExp(`${ESC}\\]8;;[^${ESC}]*${ESC}\\\\|${ESC}\\[\\d+m`, 'g');
const stripEscapes = (text: string): string => text.replace(ESCAPES, '');

test('a decorating style reuses the layout: escapes never span a line, widths ignore them', () => {
  const markdown = 'Read **the whole [long linked title of a paper](https://a.example/) today** please.';
  const options = { style: terminalLike, links: linkContext(), references: new ReferenceList(), footnotes: new FootnoteCollector() };
  const styled = renderBlocks(parseMarkdown(markdown).children, { ...options, width: 24 });
  const plain = renderBlocks(parseMarkdown(markdown).children, { ...options, style: { ...terminalLike, decorate: (text) => text }, width: 24 });
  assert.equal(stripEscapes(styled), plain);
  assert.equal(plain, 'Read the whole long\nlinked title of a paper\ntoday please.');
  for (const line of styled.split('\n')) {
    assert.equal(line.split(`${ESC}]8;;${ESC}\\`).length - 1, line.split(`${ESC}]8;;https`).length - 1, 'every hyperlink opened on a line is closed on it');
  }
  assert.ok(styled.includes(`${ESC}]8;;https://a.example/${ESC}\\${ESC}[1mlinked title of a paper${ESC}[22m${ESC}]8;;${ESC}\\`));
});

test('an address holding Chinese or Japanese characters is never broken between them', () => {
  const text = render(`${'x'.repeat(60)} <https://例え.jp/パス>, then ${'y'.repeat(30)} https://中文.cn/页面页面 now.`);
  assert.equal(text, `${'x'.repeat(60)}\nhttps://例え.jp/パス [1], then ${'y'.repeat(30)}\nhttps://中文.cn/页面页面 [2] now.`);
});

test('a cross-reference to a paper whose anchor is not ASCII is written as the URL Standard serializes it, its anchor percent-encoded', () => {
  const resume = { id: 'arxiv:2304.15004', title: 'Résumé', anchor: 'résumé' };
  const links = linkContext([issueFacts(3, [resume])]);
  const references = new ReferenceList();
  const text = render('See [that paper](paper:2304.15004) and <paper:2304.15004>.', { links, references });
  const encoded = `${BASE_URL}issues/3/#r%C3%A9sum%C3%A9`;
  assert.equal(text, `See that paper [1] and\n${encoded} (#3).`);
  assert.equal(formatReferences(references), `[1] ${encoded}`);
});
