import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/author-et-al.js';
import { cleanIssue, lintWith, places } from '../../helpers/fixture.js';

test('author-et-al: a clean issue has no message', async () => {
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue() }), []);
});

test('author-et-al: an author written as et al., and others, others or an ellipsis is a warning at the entry, telling that paperboy shortens the list itself', async () => {
  const text = cleanIssue().replace('[Rylan Schaeffer, Brando Miranda, Sanmi Koyejo]', '[Rylan Schaeffer, et al.]');
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['author-et-al 11:32']);
  assert.equal(messages[0]!.severity, 'warning');
  assert.equal(messages[0]!.message, 'Unexpected `et al.` as an author, expected every author listed (paperboy shortens a long list itself, past `email.maxAuthors`) or the entry left out');
  assert.equal(messages[0]!.fix, undefined);
  for (const entry of ['et al', 'Et Al.', 'and others', 'others', '…', '...', '"Rylan Schaeffer et al."']) {
    const written = await lintWith([rule], { 'a.md': cleanIssue().replace('Sanmi Koyejo', entry) });
    assert.equal(written.length, 1, entry);
  }
});

test('author-et-al: names that merely contain the words are names', async () => {
  for (const entry of ['Alice Others', 'Metal Gear', 'J. Doe Jr.']) {
    assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue().replace('Sanmi Koyejo', entry) }), [], entry);
  }
});
