import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMarkdown } from '../../../src/issue/markdown.js';
import { nodesInTree } from '../../../src/issue/tree-index.js';
import rule from '../../../src/lint/rules/math-syntax.js';
import { cleanIssueWithMarkdown, lintWith, places } from '../../helpers/fixture.js';

test('math-syntax: TeX that KaTeX typesets passes, inline and display, and dollars that are not math are ignored', async () => {
  const summary = 'The model $p_\\theta(x_t \\mid x_{<t})$ costs \\$5 or 6$.\n\n$$\n\\mathbb{E}_{x \\sim p}[f_i(x)]\n$$';
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssueWithMarkdown({ summary }) }), []);
});

test('math-syntax: TeX KaTeX cannot parse is reported at the place KaTeX names, in a summary and in the body', async () => {
  const text = cleanIssueWithMarkdown({ summary: 'Loss $\\frac{1}{2$ here.\n\n$$\n\\undefinedmacro{x}\n$$' }, { body: 'Intro with $a^{b$.' });
  const messages = await lintWith([rule], { 'a.md': text });
  const lines = text.split('\n');
  const lineOf = (needle: string): number => lines.findIndex((line) => line.includes(needle)) + 1;
  assert.deepEqual(
    places(messages).map((place) => place.replace(/:\d+$/, '')),
    [`math-syntax ${lineOf('\\frac')}`, `math-syntax ${lineOf('\\undefinedmacro')}`, `math-syntax ${lineOf('$a^{b$')}`].sort((a, b) => Number(a.split(' ')[1]) - Number(b.split(' ')[1])),
  );
  assert.match(messages.find((m) => m.line === lineOf('\\undefinedmacro'))!.message, /^Unexpected TeX KaTeX cannot typeset \(Undefined control sequence: \\undefinedmacro\), expected valid TeX$/);
  const macro = messages.find((m) => m.line === lineOf('\\undefinedmacro'))!;
  assert.equal(macro.column, lines[macro.line - 1]!.indexOf('\\undefinedmacro') + 1);
});

test('math-syntax: dollars that read as prices are reported with the escape to use', async () => {
  const text = cleanIssueWithMarkdown({ summary: 'It costs $5 or $10 per run, and $x$ is fine.' });
  const messages = await lintWith([rule], { 'a.md': text });
  const line = text.split('\n').findIndex((l) => l.includes('It costs')) + 1;
  assert.deepEqual(places(messages), [`math-syntax ${line}:${text.split('\n')[line - 1]!.indexOf('$5') + 1}`]);
  assert.equal(messages[0]!.message, 'Unexpected math `$5 or $` that reads as prices, expected a dollar that is text written as `\\$`');
});

test('math-syntax: dollars with a space inside both read as prices too, though the parser strips the spaces; $$ with room inside is math', async () => {
  const text = cleanIssueWithMarkdown({ summary: 'Between $ 5 and $ 10 per run, where $$ x + y $$ holds.' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(
    messages.map((message) => message.message),
    ['Unexpected math `$ 5 and $` that reads as prices, expected a dollar that is text written as `\\$`'],
  );
});

test('math-syntax: math that starts with a number and holds words reads as prose, a price whose dollar opened math, and is reported at its dollar; formulas with numbers are not', async () => {
  const summary = 'It costs $5 a month (in US$), or $3 million per seat, and AU$ for the rest.';
  const text = cleanIssueWithMarkdown({ summary }, { body: 'Math: $5x + 3$, $10^6$, $2 \\text{ and } 3$, $3 = x$, $2 x y$ and $10\\%$.' });
  const messages = await lintWith([rule], { 'a.md': text });
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('It costs')) + 1;
  assert.deepEqual(places(messages), [`math-syntax ${line}:${lines[line - 1]!.indexOf('$5') + 1}`, `math-syntax ${line}:${lines[line - 1]!.indexOf('$3') + 1}`]);
  assert.deepEqual(
    messages.map((message) => message.message),
    [
      'Unexpected math `$5 a month (in US$` that reads as prose, expected a dollar that is text written as `\\$`',
      'Unexpected math `$3 million per seat, and AU$` that reads as prose, expected a dollar that is text written as `\\$`',
    ],
  );
});

test('math-syntax: math that starts with a number and holds a unit, a function name, one word or an operator is a formula, not prose', async () => {
  const formulas = ['$5 cm$', '$3 GHz$', '$2 ab + c$', '$4 log n$', '$2 sin x$', '$1 if x > 0$', '$0 otherwise$', '$2 \\le k$', '$3 mod 4$'];
  const text = cleanIssueWithMarkdown({ summary: `Formulas: ${formulas.join(', ')}.` });
  assert.deepEqual(await lintWith([rule], { 'a.md': text }), []);
  const prose = cleanIssueWithMarkdown({ summary: 'It costs $10 in US$ there.' });
  assert.deepEqual(
    (await lintWith([rule], { 'a.md': prose })).map((message) => message.message),
    ['Unexpected math `$10 in US$` that reads as prose, expected a dollar that is text written as `\\$`'],
  );
});

test('math-syntax: a command the archive does not trust in math (a link, HTML, an image) is reported, since the web page shows its source in red', async () => {
  for (const tex of ['\\href{javascript:alert(1)}{click}', '\\href{https://example.org}{click}', '\\url{https://example.org}', '\\htmlClass{x}{y}', '\\includegraphics{a.png}']) {
    const messages = await lintWith([rule], { 'a.md': cleanIssueWithMarkdown({ summary: `See $${tex}$ here.` }) });
    const command = tex.slice(0, tex.indexOf('{'));
    assert.equal(messages.length, 1, tex);
    assert.equal(messages[0]!.message, `Unexpected TeX KaTeX cannot typeset (\`${command}\` makes a link, HTML or an image, which the archive does not typeset in math), expected valid TeX`);
  }
});

test('math-syntax: inline math closed by the dollar of a `\\$` meant inside it gets the formula between double dollars, which parses and typesets', async () => {
  const text = cleanIssueWithMarkdown({ summary: 'The cost is $c = \\$5$ per query.\n\nAlone, $x\\$ here.' });
  const messages = await lintWith([rule], { 'a.md': text });
  const lines = text.split('\n');
  const place = (needle: string) => {
    const line = lines.findIndex((l) => l.includes(needle));
    return `math-syntax ${line + 1}:${lines[line]!.indexOf(needle) + 1}`;
  };
  assert.deepEqual(places(messages), [place('$c'), place('$x')]);
  assert.equal(
    messages[0]!.message,
    'Unexpected math `$c = \\$` closed by the dollar of its `\\$` (a backslash escapes no dollar inside math), expected the formula between double dollars: `$$c = \\$5$$`',
  );
  assert.match(messages[1]!.message, /expected the formula between double dollars \(`\$\$…\\\$…\$\$`\)$/);
  // The suggestion, written in place of what it names, is one formula KaTeX typesets: no message left for it.
  const fixed = text.replace('$c = \\$5$', () => '$$c = \\$5$$');
  assert.deepEqual(places(await lintWith([rule], { 'a.md': fixed })), [place('$x')]);
  assert.deepEqual(
    nodesInTree(parseMarkdown('The cost is $$c = \\$5$$ per query.'), 'inlineMath').map((node) => node.value),
    ['c = \\$5'],
  );
});

test('math-syntax: display math opened by `$$` and never closed is reported at its `$$`, since the web page would typeset the prose after it as a formula', async () => {
  const summary = 'The loss is\n\n$$\nL = \\sum_i x_i\n\nMore text after, meant as prose.';
  const text = cleanIssueWithMarkdown({ summary });
  const messages = await lintWith([rule], { 'a.md': text });
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.trim() === '$$') + 1;
  assert.deepEqual(places(messages), [`math-syntax ${line}:${lines[line - 1]!.indexOf('$$') + 1}`]);
  assert.match(messages[0]!.message, /^Unexpected display math opened by `\$\$` and never closed: .*, expected a `\$\$` line where the formula ends$/);
  const inItem = await lintWith([rule], { 'a.md': cleanIssueWithMarkdown({ summary: '- first:\n\n  $$\n  x = 1\n\n- second item' }) });
  assert.equal(inItem.length, 1, 'math left open in a list item runs to the end of the item');
});

test('math-syntax: display math closed in a quote or a list item, or with more dollars than its opening, is no unclosed math', async () => {
  for (const summary of ['> $$\n> x = 1\n> $$\n\nAfter.', '- item:\n\n  $$\n  x = 1\n  $$\n\nAfter.', '$$$\nx = 1\n$$$$\n\nAfter.', '$$\nx = 1\n$$']) {
    assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssueWithMarkdown({ summary }) }), [], summary);
  }
});

test('math-syntax: a blank line inside display math is reported, since TeX refuses it and the web page runs its lines together', async () => {
  const messages = await lintWith([rule], { 'a.md': cleanIssueWithMarkdown({ summary: '$$\na = b\n\nc = d\n$$' }) });
  assert.deepEqual(
    messages.map((message) => message.message),
    ['Unexpected blank line inside display math, which TeX refuses and the web page typesets as nothing (the lines on either side run together), expected a formula without blank lines, or two formulas'],
  );
});
