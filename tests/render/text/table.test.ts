import assert from 'node:assert/strict';
import { test } from 'node:test';
import { displayWidth } from '../../../src/render/text/index.js';
import { render } from './fixture.js';

test('tables: columns aligned as the delimiter row says, a rule under the header', () => {
  const markdown = ['| Model | Params | Open |', '| :---- | -----: | :--: |', '| GPT-2 | 1.5B | yes |', '| GPT-3 | 175B | no |'].join('\n');
  assert.equal(
    render(markdown),
    ['Model | Params | Open', '------+--------+-----', 'GPT-2 |   1.5B | yes', 'GPT-3 |   175B |  no'].join('\n'),
  );
});

test('table columns are measured by display width', () => {
  const markdown = ['| Name | Note |', '| - | - |', '| 日本語 | wide |', '| abc | 😀 |'].join('\n');
  assert.equal(render(markdown), ['Name   | Note', '-------+-----', '日本語 | wide', 'abc    | 😀'].join('\n'));
});

test('a table too wide for the width wraps the text of its widest columns', () => {
  const notes = 'released in stages, the largest model last, after a long debate about misuse';
  const markdown = ['| Model | Params | Notes |', '| :-- | --: | :-- |', `| GPT-2 | 1.5B | ${notes} |`, '| GPT-3 | 175B | API only |'].join('\n');
  const text = render(markdown, { width: 40 });
  assert.equal(
    text,
    [
      'Model | Params | Notes',
      '------+--------+------------------------',
      'GPT-2 |   1.5B | released in stages, the',
      '      |        | largest model last,',
      '      |        | after a long debate',
      '      |        | about misuse',
      'GPT-3 |   175B | API only',
    ].join('\n'),
  );
  assert.ok(text.split('\n').every((line) => displayWidth(line) <= 40));
});

test('the widest columns give way first, and never below their longest word', () => {
  const long = 'alpha beta gamma delta epsilon zeta eta theta iota kappa';
  const markdown = ['| a | b | c |', '| - | - | - |', `| short | ${long} | ${long} unbreakable-long-word |`].join('\n');
  const lines = render(markdown, { width: 50 }).split('\n');
  assert.ok(lines.every((line) => displayWidth(line) <= 50));
  assert.equal(lines[2]!.split(' | ')[0], 'short');
  assert.ok(lines.some((line) => line.includes('unbreakable-long-word')));
});

test('a table that cannot fit keeps every word whole and overflows', () => {
  const markdown = ['| a | b |', '| - | - |', `| ${'x'.repeat(60)} | ${'y'.repeat(30)} |`].join('\n');
  const lines = render(markdown, { width: 50 }).split('\n');
  assert.equal(lines[2], `${'x'.repeat(60)} | ${'y'.repeat(30)}`);
});

test("a cell's own pipe is shown as written, the table's columns then set apart by alignment alone", () => {
  const markdown = ['| Operator | Meaning |', '| - | - |', '| `a \\| b` | a or b |', '| x \\| y | either |'].join('\n');
  assert.equal(render(markdown), ['Operator   Meaning', '--------   -------', '`a | b`    a or b', 'x | y      either'].join('\n'));
});
