import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/table-cell-count.js';
import { cleanIssueWithMarkdown, lintWith, places } from '../../helpers/fixture.js';

test('table-cell-count: rows with as many or fewer cells than the header, and escaped pipes in code, pass', async () => {
  const summary = '| model | score |\n| --- | --- |\n| `a\\|b` | 1 |\n| short |';
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssueWithMarkdown({ summary }) }), []);
});

test('table-cell-count: a row with an unescaped pipe inside code is reported at its extra cells, with the fix', async () => {
  const summary = 'Scores:\n\n| model | score |\n| --- | --- |\n| `a|b` | 1 |';
  const text = cleanIssueWithMarkdown({ summary });
  const messages = await lintWith([rule], { 'a.md': text });
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('`a|b`'));
  // The `|` inside the code split the row: `1`, the third cell, is the one left out.
  assert.deepEqual(places(messages), [`table-cell-count ${line + 1}:${lines[line]!.indexOf('| 1') + 1}`]);
  assert.equal(
    messages[0]!.message,
    'Unexpected 3 cells in a row of a 2-column table, expected at most 2: the extra cells are not shown (write a `|` that is text, also inside code, as `\\|`)',
  );
});
