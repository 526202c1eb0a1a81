import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { continuationEnd, foldedPlainText } from '../../src/issue/plain-lines.js';

test('plain-lines: a plain text over lines folds as YAML folds it: a space between lines, a line break for each blank line', () => {
  const written = 'Why we\n    stop  \n\n  ranking\n\n\n  models';
  assert.equal(foldedPlainText(written), 'Why we stop\nranking\n\nmodels');
  assert.equal(foldedPlainText(written), parse(`title: ${written}\n`).title);
});

test('plain-lines: the lines that continue a value are the ones indented deeper than its key, up to a comment written as one, blank lines at the end left out', () => {
  const text = 'title: a\n  #1 b\n\n    c\n\ndate: x\n';
  assert.equal(continuationEnd(text, 9, 0), text.indexOf('\n\ndate'));
  assert.equal(continuationEnd(text, text.indexOf('date'), 0), undefined);
  const noted = 'title: a\n  #1 b\n  # a note\n  #2 c\n';
  assert.equal(continuationEnd(noted, 9, 0), noted.indexOf('\n  # a note'));
  assert.equal(continuationEnd('  - title: a\n    #1 b\n', 13, 4), undefined);
});
