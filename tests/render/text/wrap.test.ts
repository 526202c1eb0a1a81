import assert from 'node:assert/strict';
import { test } from 'node:test';
import { displayWidth, limitLineOctets, wrapText } from '../../../src/render/text/index.js';
import { render } from './fixture.js';
import { terminalStyle } from '../../../src/render/terminal/style.js';
import { segmentedLengths } from '../../helpers/segmenter-spy.js';

const widths = (text: string): number[] => text.split('\n').map(displayWidth);
const octets = (text: string): number[] => text.split('\n').map((line) => Buffer.byteLength(line));

test('paragraphs wrap at 72 columns, filling each line', () => {
  const text = render('lorem ipsum dolor sit amet '.repeat(20));
  const lines = text.split('\n');
  assert.ok(lines.length > 5);
  assert.ok(widths(text).every((width) => width <= 72));
  assert.ok(widths(text).slice(0, -1).every((width) => width > 60), 'greedy: no short lines before the last');
  assert.equal(lines.join(' '), 'lorem ipsum dolor sit amet '.repeat(20).trim());
});

test('a URL is never broken: it moves to the next line whole', () => {
  const url = 'https://example.org/a/rather/long/path/that/would/not/fit/at/the/end';
  assert.equal(url.length, 68);
  const lines = render(`${'word '.repeat(10)}${url} and more`).split('\n');
  assert.deepEqual(lines, ['word '.repeat(10).trim(), `${url} and`, 'more']);
});

test('a URL longer than the width stays on one line and overflows', () => {
  const url = `https://example.org/${'x'.repeat(120)}`;
  const lines = render(`see ${url} here`).split('\n');
  assert.deepEqual(lines, ['see', url, 'here']);
});

test('wide CJK characters count two columns: a line of 日本語 wraps at 36 characters for width 72', () => {
  const text = render('日本語'.repeat(30));
  const lines = text.split('\n');
  assert.deepEqual(
    lines.map((line) => [...line].length),
    [36, 36, 18],
  );
  assert.ok(widths(text).every((width) => width <= 72));
});

test('Japanese never starts a line with closing punctuation', () => {
  const lines = render(`${'あ'.repeat(35)}。続き`).split('\n');
  assert.ok(lines.every((line) => !line.startsWith('。')));
  assert.ok(widths(lines.join('\n')).every((width) => width <= 72));
});

test('emoji count two columns, combining marks none', () => {
  assert.equal(displayWidth('😀'), 2);
  assert.equal(displayWidth('e\u0301'), 1);
  const text = render('😀 '.repeat(40));
  assert.deepEqual(widths(text), [71, 47]);
  const accented = render('cafe\u0301 '.repeat(20));
  assert.deepEqual(widths(accented), [69, 29]);
});

test('a 5000-character word is hard-split so no line exceeds 998 octets', () => {
  const text = render(`before ${'a'.repeat(5000)} after`);
  assert.ok(octets(text).every((size) => size <= 998));
  assert.equal(text.replaceAll('\n', ''), `before${'a'.repeat(5000)}after`);
});

test('the hard split at 998 octets keeps a link\'s number, a cross-reference and a note marker whole with the character before them, never cut in two nor starting a line', () => {
  // The word fills the line: " [1]" would straddle octet 998.
  const linked = render(`[${'a'.repeat(996)}](https://example.org/x)`).split('\n');
  assert.deepEqual(linked.slice(0, 2), ['a'.repeat(995), 'a [1]']);
  for (const marker of [' [12]', ' (#3)', ' ¹²']) {
    const lines = limitLineOctets(`${'b'.repeat(995)}${marker} after`, 998).split('\n');
    assert.deepEqual(lines, ['b'.repeat(994), `b${marker} after`], marker);
  }
});

test('the hard split never cuts a multi-byte character', () => {
  const word = '日'.repeat(400) + 'é'.repeat(400) + '👍🏽'.repeat(100);
  const split = limitLineOctets(word, 998);
  assert.ok(octets(split).every((size) => size <= 998));
  assert.equal(split.replaceAll('\n', ''), word);
  assert.ok(!split.includes('\ufffd'));
  assert.ok(split.split('\n').every((line) => Buffer.from(line).toString() === line));
});

test('a 200 KB word is hard-split and measured with Intl.Segmenter given a few kilobytes at a time (whole, it took minutes)', (t) => {
  const lengths = segmentedLengths(t);
  const word = `${'x'.repeat(100_000)}é${'日'.repeat(100_000)}`;
  const split = limitLineOctets(word, 998);
  assert.ok(octets(split).every((size) => size <= 998));
  assert.equal(split.replaceAll('\n', ''), word);
  assert.equal(displayWidth(word), 100_000 + 1 + 200_000);
  assert.ok(Math.max(...lengths) <= 8192, `the longest piece: ${Math.max(...lengths)} code units`);
});

test('decomposed kana (dakuten as combining marks) and runs of emoji wrap at the width like their composed forms, never inside a character or an emoji sequence', () => {
  const kana = 'がぎぐげござじずぜぞだぢづでど'.repeat(4);
  for (const text of [`Kana: ${kana.normalize('NFD')}`, `Emoji: ${'👍🏽'.repeat(40)}`, `Joined: ${'👩\u200d💻'.repeat(40)}`, `Hearts: ${'\u2764\ufe0f'.repeat(50)}`]) {
    const wrapped = render(text);
    assert.ok(wrapped.includes('\n'), `${text.slice(0, 10)} wraps`);
    assert.ok(widths(wrapped).every((width) => width <= 72), `${text.slice(0, 10)}: ${widths(wrapped).join(' ')}`);
    assert.equal(wrapped.replace(/[\n ]/g, ''), text.replace(/ /g, ''));
    // Each line starts with a character of its own, never a mark, modifier, selector or what a joiner joins.
    for (const line of wrapped.split('\n').slice(1)) assert.doesNotMatch(line, /^(?:\p{M}|\u200d|\ufe0f|\p{Emoji_Modifier}|💻)/u);
  }
  assert.equal(render(`Kana: ${kana.normalize('NFD')}`).normalize('NFC'), render(`Kana: ${kana}`));
});

test('wrapText wraps a title or metadata line with a hanging indent', () => {
  const authors = 'Authors: Alex Turner, Lisa Thiergart, David Udell, Gavin Leech, Ulisse Mini, Monte MacDiarmid';
  assert.equal(
    wrapText(authors, 40, { subsequentIndent: '  ' }),
    ['Authors: Alex Turner, Lisa Thiergart,', '  David Udell, Gavin Leech, Ulisse Mini,', '  Monte MacDiarmid'].join('\n'),
  );
  assert.equal(wrapText('short', 72, { initialIndent: '* ' }), '* short');
});

test('rendering is deterministic', () => {
  const markdown = 'Some [link](https://a.example) and 日本語 and a table\n\n| a | b |\n| - | - |\n| 1 | 2 |\n';
  assert.equal(render(markdown), render(markdown));
});

test('a title wrapped with noOrphan never leaves its last word alone on the last line', () => {
  const title = '2. Universal and Transferable Adversarial Attacks on Aligned Language Models';
  assert.equal(wrapText(title, 72, { subsequentIndent: '   ' }), '2. Universal and Transferable Adversarial Attacks on Aligned Language\n   Models');
  assert.equal(wrapText(title, 72, { subsequentIndent: '   ', noOrphan: true }), '2. Universal and Transferable Adversarial Attacks on Aligned\n   Language Models');
  assert.equal(wrapText('One line only', 72, { noOrphan: true }), 'One line only');
});

test('a title wrapped with noOrphan inside a run of Chinese or Japanese moves nothing and adds no space', () => {
  const mixed = '1. Emergent abilities in large language models: 大型语言模型中的涌现能力研究';
  assert.equal(wrapText(mixed, 72, { subsequentIndent: '   ', noOrphan: true }), wrapText(mixed, 72, { subsequentIndent: '   ' }));
  assert.equal(wrapText(mixed, 72, { subsequentIndent: '   ', noOrphan: true }).replace(/\n {3}/g, ''), mixed);
  const han = `1. ${'中文'.repeat(17)}`;
  assert.equal(wrapText(han, 72, { subsequentIndent: '   ', noOrphan: true }), wrapText(han, 72, { subsequentIndent: '   ' }));
  assert.match(wrapText(han, 72, { subsequentIndent: '   ', noOrphan: true }), /^1\. 中文/);
});

/** A paragraph whose `word` is the first that does not fit on the first line of 72 columns. */
function landingAtTheWrap(word: string): string {
  const prefix = 'Aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmmmmmmmmmmmmmmmm'.slice(0, 72 - word.length);
  return `${prefix} ${word} nnnn oooo.`;
}

const STRUCTURE_WORDS = ['>', '>>', '-', '+', '*', '#', '###', '2023.', '007)', '~~~', '```', '$$', '[1]', '[x]', '¹²', '---', '==='];

test('a wrapped line never starts with a word that reads as structure (a quote, list item, heading, fence, reference or note): the word before it goes down with it', () => {
  for (const word of STRUCTURE_WORDS) {
    const markdown = landingAtTheWrap(word);
    const text = render(markdown.replace(/[*#[\]`$~>_-]/g, (c) => `\\${c}`));
    const lines = text.split('\n');
    assert.equal(lines.length, 2, `${word}: ${text}`);
    assert.ok(!lines[1]!.startsWith(`${word} `), `${word} starts a line: ${text}`);
    assert.ok(lines[1]!.endsWith(` ${word} nnnn oooo.`), `${word}: ${text}`);
    assert.ok(widths(text).every((width) => width <= 72));
    assert.equal(lines.join(' '), markdown, `${word}: no character lost or added`);
  }
});

test('prose that only begins with a structure character wraps as any word does', () => {
  for (const word of ['-log', '*emphasis*', '...', '2023', '#tag', '~~']) {
    const lines = render(landingAtTheWrap(word).replace(/[*#~-]/g, (c) => `\\${c}`)).split('\n');
    assert.equal(lines[1], `${word} nnnn oooo.`, word);
  }
});

test('a structure word starts a line only when the word before it cannot go down with it', () => {
  const long = 'x'.repeat(71);
  const text = wrapText(`${long} - after`, 72);
  assert.deepEqual(text.split('\n'), [long, '- after']);
  const fence = `~~~${'x'.repeat(68)}`;
  assert.deepEqual(wrapText(`aa bb ${fence} after`, 72).split('\n'), ['aa bb', fence, 'after'], 'no room for "bb" beside it');
});

test('a title wrapped with noOrphan never moves a structure word to the start of the last line', () => {
  const title = 'Aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmmmm - Tail';
  const wrapped = wrapText(title, 72, { noOrphan: true });
  assert.ok(!wrapped.split('\n').some((line) => line.startsWith('- ')), wrapped);
  assert.equal(wrapped.replace('\n', ' '), title);
});

test("the terminal preview wraps by the same rule, its own glyphs included (•, │, ☐)", () => {
  const style = terminalStyle({ color: false, hyperlinks: false });
  for (const word of ['>', '-', '2023.', '•', '│', '☐']) {
    const markdown = landingAtTheWrap(word);
    const lines = render(markdown.replace(/[>-]/g, (c) => `\\${c}`), { style }).split('\n');
    assert.ok(!lines[1]!.startsWith(`${word} `), `${word}: ${lines.join('\n')}`);
    assert.equal(lines.join(' '), markdown);
  }
});

const THAI = 'ภาษาไทยเป็นภาษาที่ไม่มีการเว้นวรรคระหว่างคำ';
/** The ends of the words Intl.Segmenter finds in `text`, as offsets. */
const wordEnds = (text: string): Set<number> => new Set(Array.from(new Intl.Segmenter('en', { granularity: 'word' }).segment(text), ({ index, segment }) => index + segment.length));

test('wrap: Thai, Lao, Khmer and Burmese, written without spaces, wrap at the width between their words, never inside one, nothing added', () => {
  for (const run of [THAI.repeat(6), 'ພາສາລາວບໍ່ມີການຍະຫວ່າງລະຫວ່າງຄໍາ'.repeat(8), 'ភាសាខ្មែរមិនមានដកឃ្លារវាងពាក្យទេ'.repeat(8), 'မြန်မာဘာသာစကားသည်စကားလုံးများကြားတွင်နေရာလွတ်မရှိပါ'.repeat(6)]) {
    for (const style of [undefined, terminalStyle({ color: false, hyperlinks: false })]) {
      const text = render(run, style ? { style } : {});
      const lines = text.split('\n');
      assert.ok(lines.length > 1, text);
      assert.ok(widths(text).every((width) => width <= 72), text);
      assert.equal(lines.join(''), run, 'no character added or lost');
      const ends = wordEnds(run);
      let at = 0;
      for (const line of lines.slice(0, -1)) assert.ok(ends.has((at += line.length)), `a line ends inside a word: ${line}`);
    }
  }
  assert.ok(!render(`${THAI.repeat(3)}ๆ${THAI}`).split('\n').some((line) => line.startsWith('ๆ')), 'a repetition mark never starts a line');
});

test('the hard split at 998 octets cuts a line of Thai between its words', () => {
  const line = THAI.repeat(12);
  const split = limitLineOctets(line, 998);
  assert.ok(octets(split).every((size) => size <= 998));
  assert.equal(split.replaceAll('\n', ''), line);
  assert.ok(wordEnds(line).has(split.indexOf('\n')), split.split('\n')[0]);
});

test('octets: a line cut at 998 octets inside an isolated right-to-left value (a 700-letter Arabic word) closes the isolate at the cut and opens it again after it, no line over 998 octets', () => {
  const [FSI, PDI] = ['\u2068', '\u2069'];
  const line = `   ${FSI}${'ب'.repeat(700)}${PDI}, 2023`;
  const lines = limitLineOctets(line, 998).split('\n');
  assert.ok(lines.length > 1);
  for (const piece of lines) {
    assert.ok(Buffer.byteLength(piece) <= 998, `${Buffer.byteLength(piece)} octets`);
    assert.equal([...piece].filter((char) => char === FSI).length, [...piece].filter((char) => char === PDI).length, 'each piece closes what it opens');
  }
  assert.equal(lines.join('').replaceAll(FSI, '').replaceAll(PDI, ''), line.replaceAll(FSI, '').replaceAll(PDI, ''), 'no letter lost');
  assert.ok(lines.at(-1)!.endsWith(`${PDI}, 2023`));
});
