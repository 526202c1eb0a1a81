import assert from 'node:assert/strict';
import { test } from 'node:test';
import { terminalStyle } from '../../../src/render/terminal/style.js';
import type { ListItem, RootContent } from 'mdast';
import { formatHeading } from '../../../src/render/text/index.js';
import { render, renderNodes } from './fixture.js';

test('headings: one underline style per level: = for depth 1, - for 2, ~ for 3, . deeper (never raw ###)', () => {
  assert.equal(render('# Steering vectors\n\n## Results\n\n### Caveats'), 'Steering vectors\n================\n\nResults\n-------\n\nCaveats\n~~~~~~~');
});

test('a heading underline is as long as its display width', () => {
  assert.equal(render('## 日本語の見出し'), '日本語の見出し\n--------------');
  assert.equal(formatHeading('Interpretability', 1, 72), 'Interpretability\n================');
});

test('a long heading wraps, underlined to its widest line', () => {
  assert.equal(formatHeading('word '.repeat(8).trim(), 2, 20), 'word word word word\nword word word word\n-------------------');
  assert.equal(formatHeading('word '.repeat(8).trim(), 3, 20), 'word word word word\nword word word word\n~~~~~~~~~~~~~~~~~~~');
  assert.equal(formatHeading('Deeper', 5, 20), 'Deeper\n......');
});

test('emphasis, strong, strikethrough and inline code keep plaintext conventions', () => {
  assert.equal(render('An _emphasis_, a **strong** word, ~~gone~~ and `x = 1`.'), 'An _emphasis_, a *strong* word, ~~gone~~ and `x = 1`.');
});

test('emphasis within a word keeps its asterisks: a `_` between letters or digits is part of the word, not emphasis', () => {
  assert.equal(render('2*3*4 and un*frigging*believable, *x*y and x*y*.'), '2*3*4 and un*frigging*believable, *x*y and x*y*.');
  assert.equal(render('# un*frig*able'), 'un*frig*able\n============');
  assert.equal(render('| product |\n| --- |\n| 2*3*4 |'), 'product\n-------\n2*3*4');
  // A link's text is followed by its reference: no letter touches the emphasis.
  assert.equal(render('x[*a*](https://example.org/)'), 'x*a* [1]');
});

test('emphasis between spaces or punctuation keeps its underscores, and an underscore within a word is left as written', () => {
  assert.equal(render('A word *apart*, "*quoted*", _this_ and snake_case_name.'), 'A word _apart_, "_quoted_", _this_ and snake_case_name.');
});

test('the preview without colour writes emphasis within a word as the plaintext does; with colour, in italics and no asterisks', () => {
  assert.equal(render('2*3*4 and *apart*', { style: terminalStyle({ color: false, hyperlinks: false }) }), '2*3*4 and _apart_');
  assert.equal(render('2*3*4', { style: terminalStyle({ color: true, hyperlinks: false }) }), '2\u001b[3m3\u001b[0m4');
});

test('plaintext writes a code span containing backticks with a longer fence, as written', () => {
  assert.equal(render('A `` `tick` `` and ```a``b```.'), 'A `` `tick` `` and ```a``b```.');
  assert.equal(render('Spaces kept: `  x  ` and ` `` `.'), 'Spaces kept: `  x  ` and ``` `` ```.');
});

test('a long code span wraps at its spaces; a fence keeps its padding and stays with its code', () => {
  const code = '`x` '.repeat(12).trim();
  assert.equal(render(`See \`\` ${code} \`\` here.`, { width: 30 }), ['See `` `x` `x` `x` `x` `x` `x`', '`x` `x` `x` `x` `x` `x` ``', 'here.'].join('\n'));
});

test('a line ending inside a code span is a space, as CommonMark reads it', () => {
  assert.equal(render('Run `git\nlog` now.'), 'Run `git log` now.');
});

test('plaintext keeps the dollars inline math was written with', () => {
  assert.equal(render('Math $$x^2$$ and $y$ and $$$z$$$, or $$ $p$ $$.'), 'Math $$x^2$$ and $y$ and $$$z$$$, or $$ $p$ $$.');
});

test('plaintext shows display math between the $$ lines it was written with, set apart like code; a formula holding a line of dollars gets a longer fence', () => {
  assert.equal(render('Before.\n\n$$\n\\sum_i x_i\n$$\n\nAfter.'), 'Before.\n\n    $$\n    \\sum_i x_i\n    $$\n\nAfter.');
  assert.equal(render('$$$\na\n$$\nb\n$$$'), '    $$$\n    a\n    $$\n    b\n    $$$');
});

test('a hard break starts a new line; a soft break is a space', () => {
  assert.equal(render('one\ntwo\\\nthree'), 'one two\nthree');
});

test('lists: bullets, numbers from the start number, nested lists indented under the text', () => {
  const markdown = ['- apples', '- pears', '  1. conference', '  2. williams', '     - ripe', '- plums', '', '3. third', '4. fourth'].join('\n');
  assert.equal(
    render(markdown),
    ['- apples', '- pears', '  1. conference', '  2. williams', '     - ripe', '- plums', '', '3. third', '4. fourth'].join('\n'),
  );
});

test('plaintext keeps the delimiter an ordered list was written with', () => {
  assert.equal(render('1) first item\n2) second item\n\n7. another list'), '1) first item\n2) second item\n\n7. another list');
});

test('plaintext keeps the leading zeros of an ordered list\'s number; later items keep its width', () => {
  assert.equal(render('007) item\n008) next'), '007) item\n008) next');
  assert.equal(render('09. nine\n1. ten\n1. eleven'), '09. nine\n10. ten\n11. eleven');
  assert.equal(render('- 0. zero\n  1. one'), '- 0. zero\n  1. one');
  assert.equal(render('099. a\n100. b'), '099. a\n100. b');
});

test('list items wrap under their text; numbers are padded so 9. and 10. line up', () => {
  const items = Array.from({ length: 10 }, (_, i) => `${i + 1}. item ${i + 1}`).join('\n');
  const lines = render(items).split('\n');
  assert.equal(lines[8], '9.  item 9');
  assert.equal(lines[9], '10. item 10');
  assert.equal(render(`- ${'long '.repeat(5).trim()}`, { width: 14 }), '- long long\n  long long\n  long');
});

test('a loose list keeps a blank line between items', () => {
  assert.equal(render('- one\n\n- two'), '- one\n\n- two');
});

test('task list items show their box', () => {
  assert.equal(render('- [x] done\n- [ ] open'), '- [x] done\n- [ ] open');
});

test('code blocks are verbatim, indented four spaces, never wrapped', () => {
  const code = ['def f(x):', '', `    return x  # ${'a very long comment '.repeat(5)}`].join('\n');
  assert.equal(render(`Before.\n\n\`\`\`python\n${code}\n\`\`\`\n\nAfter.`), ['Before.', '', ...code.split('\n').map((line) => (line ? `    ${line}` : '')), '', 'After.'].join('\n'));
});

test('tab-aligned code stays aligned: tabs become spaces to 8-column stops counted from the code, before its indentation', () => {
  const code = ['id\tscore', 'gpt4\t0.91', 'llama-2\t0.85', '\tindented', '日本語\tx', 'exactly8\ty'];
  assert.deepEqual(render(`\`\`\`\n${code.join('\n')}\n\`\`\`\n`).split('\n'), [
    '    id      score',
    '    gpt4    0.91',
    '    llama-2 0.85',
    '            indented',
    '    日本語  x',
    '    exactly8        y',
  ]);
});

test('block quotes are prefixed with "> ", blank lines inside with ">"', () => {
  assert.equal(render('> first\n>\n> second that is long', { width: 12 }), '> first\n>\n> second\n> that is\n> long');
});

test('a thematic break is centered', () => {
  assert.equal(render('a\n\n---\n\nb', { width: 11 }), 'a\n\n   * * *\n\nb');
});

test('images show their alt text and their URL as a reference', () => {
  assert.equal(render('![a cat on a mat](img/cat.png)'), '[image: a cat on a mat] [1]');
  assert.equal(render('![](img/cat.png)'), '[image] [1]');
});

test("an image is labelled in the newsletter's word (`words.image`), a reference-style one and one without alt text too", () => {
  const words = { image: 'Bild' };
  assert.equal(render('![eine Katze](img/cat.png)', { words }), '[Bild: eine Katze] [1]');
  assert.equal(render('![](img/cat.png)', { words }), '[Bild] [1]');
  assert.equal(render('Siehe ![Diagramm][d].\n\n[d]: img/d.png', { words }), 'Siehe [Bild: Diagramm] [1].');
  assert.equal(render('![図](img/z.png)', { words: { image: '画像' } }), '[画像: 図] [1]');
});

test('raw HTML never reaches the output, nor leaves a gap', () => {
  const text = render('before\n\n<script>alert(1)</script>\n\n<!-- papers -->\n\nafter <b onclick="x()">bold</b> <script>alert(2)</script>');
  assert.ok(!text.includes('<script>'));
  assert.ok(!text.includes('alert(1)'));
  assert.ok(!text.includes('<b'));
  assert.ok(!text.includes('papers'));
  assert.match(text, /^before\n\nafter bold/);
});

test('short inline code moves to the next line whole rather than split at its spaces; long code still wraps', () => {
  const text = render('A suffix initialized as a string of exclamation marks like `! ! ! !` is optimized.', { width: 62 });
  assert.ok(text.includes('`! ! ! !`'), text);
  const long = render(`Run \`${'word '.repeat(12).trim()}\` now.`, { width: 30 });
  assert.ok(long.split('\n').length > 2, long);
});

test('a code block of 150,000 lines and a list of 150,000 items are laid out whole, not a stack overflow', () => {
  // Passed as one argument each (`push(...lines)`, `Math.max(...numbers)`), 120,000 or so overflowed V8's stack: a 400 KB issue.
  const lines = 150_000;
  const code: RootContent = { type: 'code', lang: null, meta: null, value: Array.from({ length: lines }, (_, i) => `${i % 10}`).join('\n') };
  const codeText = renderNodes([code]);
  assert.equal(codeText.split('\n').filter((line) => /^\s*\d$/.test(line)).length, lines);
  const item = (i: number): ListItem => ({ type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [{ type: 'text', value: `item ${i}` }] }] });
  const list: RootContent = { type: 'list', ordered: true, start: 1, spread: false, children: Array.from({ length: lines }, (_, i) => item(i)) };
  const listText = renderNodes([list]);
  assert.match(listText, /^\s*150000\. item 149999$/m);
});
