import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/no-empty-issue.js';
import { cleanIssue, lintWith, places } from '../../helpers/fixture.js';

test('no-empty-issue: papers and a body, papers alone, or a body alone pass', async () => {
  for (const text of [cleanIssue(), cleanIssue({ body: '' }), cleanIssue({ papers: '', body: 'This week, no papers: a note on the archive.' }).replace('papers:\n', 'papers: []\n')]) {
    assert.deepEqual(await lintWith([rule], { 'a.md': text }), []);
  }
});

test('no-empty-issue: no papers and a body that renders nothing (none, white space, comments, the papers marker) is an error at `papers`', async () => {
  for (const body of ['', '   \n\t\n', '<!-- papers -->', '<!-- a note to self -->\n\n<!-- papers -->\n\n[r]: https://example.org']) {
    const text = cleanIssue({ papers: '', body }).replace('papers:\n', 'papers: []\n');
    const messages = await lintWith([rule], { 'a.md': text });
    assert.deepEqual(places(messages), ['no-empty-issue 7:9'], JSON.stringify(body));
    assert.equal(messages[0]!.message, 'Unexpected issue with no papers and an empty body, expected at least one paper in `papers` or an introduction in the body');
  }
});
