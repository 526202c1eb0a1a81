import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMarkdown } from '../../../src/issue/markdown.js';
import { PAPERS_MARKER } from '../../../src/issue/model.js';
import { collectDefinitions, FootnoteCollector, formatReferences, plainStyle, ReferenceList, renderBlocks, renderFootnotes } from '../../../src/render/text/index.js';
import { linkContext, render } from './fixture.js';

const footnotesOf = (footnotes: FootnoteCollector, references = new ReferenceList(), width = 72): string =>
  renderFootnotes(footnotes.takeNew(), { width, style: plainStyle, links: linkContext(), references, footnotes });

test('two papers both using [^1] get distinct numbers across the email, written as superscripts', () => {
  const footnotes = new FootnoteCollector();
  const first = render('First paper.[^1]\n\n[^1]: The first note.', { footnotes });
  const second = render('Second paper.[^1] Again.[^1]\n\n[^1]: The second note.', { footnotes });
  assert.equal(first, 'First paper.¹');
  assert.equal(second, 'Second paper.² Again.²');
  assert.equal(footnotesOf(footnotes), '¹ The first note.\n\n² The second note.');
});

test('a footnote marker after a number or a superscript is set apart by a space, so it never reads as an exponent or a longer number', () => {
  const footnotes = new FootnoteCollector();
  const notes = '\n\n[^a]: a\n[^b]: b\n[^c]: c\n[^d]: d';
  assert.equal(render(`It cost 1,000[^a], grows as x²[^b] or 10^3[^c] (E = mc^2[^d]).${notes}`, { footnotes }), 'It cost 1,000 ¹, grows as x² ² or 10^3 ³ (E = mc^2 ⁴).');
  assert.equal(footnotesOf(footnotes), '¹ a\n\n² b\n\n³ c\n\n⁴ d');
  // Two notes in a row read as notes 1 and 2, not note 12.
  assert.equal(render(`Both.[^a][^b]${notes}`), 'Both.¹ ²');
  // After a word, a note's marker is where a reader expects it, and it moves to the next line with the number it follows.
  assert.equal(render(`A word[^a], H₂O[^b].${notes}`), 'A word¹, H₂O².');
  assert.equal(render(`${'word '.repeat(13)}in 2023[^a].${notes}`), `${'word '.repeat(13)}in\n2023 ¹.`);
});

test('a footnote marker after a closing bracket, a percent sign or a degree is set apart too, as anything that can be the base of a power; after a word or a quote it is not', () => {
  const notes = '\n\n[^a]: a\n[^b]: b\n[^c]: c\n[^d]: d\n[^e]: e\n[^f]: f';
  assert.equal(render(`In (7)[^a], [3][^b], 50%[^c] of runs (10⁶)[^d], at 90°[^e] and ⌊n/2⌋[^f].${notes}`), 'In (7) ¹, [3] ², 50% ³ of runs (10⁶) ⁴, at 90° ⁵ and ⌊n/2⌋ ⁶.');
  // A link's reference number is in brackets too.
  assert.equal(render(`See [the code](https://a.example/)[^a].${notes}`), 'See the code [1] ¹.');
  // Words, quotes and a CJK quotation's bracket are no base: the marker stays where a reader expects it.
  assert.equal(render(`A word[^a], "a quote"[^b], 「引用」[^c].${notes}`), 'A word¹, "a quote"², 「引用」³.');
  // Set apart, the marker still goes down with what it follows.
  assert.equal(render(`${'word '.repeat(13)}in (2023)[^a].${notes}`), `${'word '.repeat(13)}in\n(2023) ¹.`);
});

test('footnotes are numbered in order of first reference, not of definition', () => {
  const footnotes = new FootnoteCollector();
  assert.equal(render('B[^b] then A[^a].\n\n[^a]: note a\n[^b]: note b', { footnotes }), 'B¹ then A².');
  assert.equal(footnotesOf(footnotes), '¹ note b\n\n² note a');
});

test('the body split at the papers marker shares the definitions of the whole body', () => {
  const tree = parseMarkdown(`Intro.[^later]\n\n${PAPERS_MARKER}\n\nOutro.[^later][^other]\n\n[^later]: Defined at the end.\n[^other]: Another.`);
  const marker = tree.children.findIndex((node) => node.type === 'html' && node.value.trim() === PAPERS_MARKER);
  const footnotes = new FootnoteCollector();
  const definitions = collectDefinitions(tree.children);
  const options = { width: 72, style: plainStyle, links: linkContext(), footnotes, definitions };
  assert.equal(renderBlocks(tree.children.slice(0, marker), { ...options, references: new ReferenceList() }), 'Intro.¹');
  assert.equal(renderBlocks(tree.children.slice(marker + 1), { ...options, references: new ReferenceList() }), 'Outro.¹ ²');
  assert.equal(footnotesOf(footnotes), '¹ Defined at the end.\n\n² Another.');
});

test('notes wrap with a hanging indent; their links number into the scope given', () => {
  const footnotes = new FootnoteCollector();
  render(`Text.[^1]\n\n[^1]: ${'word '.repeat(10)}[source](https://a.example/).\n\n    Second paragraph.`, { footnotes });
  const references = new ReferenceList();
  assert.equal(footnotesOf(footnotes, references, 30), ['¹ word word word word word', '  word word word word word', '  source [1].', '', '  Second paragraph.'].join('\n'));
  assert.equal(formatReferences(references), '[1] https://a.example/');
});

test('a note that references another note brings it along', () => {
  const footnotes = new FootnoteCollector();
  render('Text.[^a]\n\n[^a]: See also.[^b]\n[^b]: The other.', { footnotes });
  assert.equal(footnotesOf(footnotes), '¹ See also.²\n\n² The other.');
});

test('no footnotes, no notes', () => {
  assert.equal(footnotesOf(new FootnoteCollector()), '');
});

test('notes are taken where they are placed: each batch holds the notes first referenced since the last', () => {
  const footnotes = new FootnoteCollector();
  render('Intro.[^a]\n\n[^a]: Body note.', { footnotes });
  const body = footnotes.takeNew();
  render('Paper.[^a]\n\n[^a]: Paper note.', { footnotes });
  assert.equal(footnotesOf(footnotes), '² Paper note.');
  assert.equal(renderFootnotes(body, { width: 72, style: plainStyle, links: linkContext(), references: new ReferenceList(), footnotes }), '¹ Body note.');
});
