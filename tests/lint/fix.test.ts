import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { lintIssues } from '../../src/lint/engine.js';
import { cleanIssue, configOf, makeRoot } from '../helpers/fixture.js';

/**
 * What `--fix` must produce: the clean issue, with bytes no rule may touch
 * (accents, a comment, a block scalar's inner spacing) around the fixes.
 */
const expected = cleanIssue({ title: 'Émergence mirages, by Schäffer & al.' })
  .replace('status: sent', 'status: sent   # mailed 2023-05-29')
  .replace('sharp metrics.', 'sharp  metrics.');

/** The same issue with a PDF link, no `arxiv:` line, and trailing whitespace. */
const broken = expected
  .replace('url: https://arxiv.org/abs/2304.15004\n    arxiv: "2304.15004"\n', 'url: https://arxiv.org/pdf/2304.15004v2  \n')
  .replace('# mailed 2023-05-29', '# mailed 2023-05-29 \t')
  .replace('Welcome to the first issue.', 'Welcome to the first issue.  ');

async function fixInRoot(text: string): Promise<{ onDisk: string; ruleIds: string[] }> {
  const root = makeRoot({ 'issues/0001-mirages.md': text });
  const path = join(root, 'issues', '0001-mirages.md');
  const [result] = await lintIssues(configOf(root), { fix: true, cache: false });
  return { onDisk: readFileSync(path, 'utf8'), ruleIds: result!.messages.map((m) => m.ruleId) };
}

test('--fix: arXiv PDF link, missing arxiv field and trailing whitespace are fixed, every other byte kept', async () => {
  assert.notEqual(broken, expected);
  const { onDisk, ruleIds } = await fixInRoot(broken);
  assert.equal(onDisk, expected);
  assert.deepEqual(ruleIds.filter((id) => id === 'arxiv-id' || id === 'no-trailing-spaces'), []);
});

test('--fix: a CRLF file is fixed and keeps its CRLF line endings', async () => {
  const crlf = (text: string) => text.replace(/\n/g, '\r\n');
  const { onDisk } = await fixInRoot(crlf(broken));
  assert.equal(onDisk, crlf(expected));
});

test('--fix: a CRLF file with a few LF lines keeps every line ending as written', async () => {
  const mixed = (text: string) => text.replace(/\n/g, '\r\n').replace('\r\ndate:', '\ndate:').replace('\r\n---\r\n\r\n', '\r\n---\n\r\n');
  assert.equal(mixed(broken).split('\r\n').length, mixed(broken).split('\n').length - 2);
  const { onDisk } = await fixInRoot(mixed(broken));
  assert.equal(onDisk, mixed(expected));
});

test('--fix: a file with nothing to fix is not rewritten', async () => {
  const root = makeRoot({ 'issues/0001-mirages.md': expected });
  const path = join(root, 'issues', '0001-mirages.md');
  const [result] = await lintIssues(configOf(root), { fix: true, cache: false });
  assert.equal(result!.output, undefined);
  assert.equal(readFileSync(path, 'utf8'), expected);
});
