import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';

/**
 * A tab indenting a frontmatter line is the YAML mistake a newcomer's editor
 * makes most; lint names the spaces to write, and `--fix` writes them.
 */

test('lint --fix replaces the tabs indenting frontmatter lines (keys and block text, LF or CRLF) with the spaces of the lines beside them, every other byte kept', async () => {
  const clean = cleanIssue().replace('      Smooth metrics show smooth scaling;', '      Smooth metrics show smooth scaling;\n\n      Sharp jumps:');
  const tabbed = clean.replace('    url: https', '\turl: https').replace('    year: 2023', '\t\tyear: 2023').replace('      Sharp jumps:', '\t  Sharp jumps:');
  for (const eol of ['\n', '\r\n']) {
    const root = makeRoot({ 'issues/0001-x.md': tabbed.replace(/\n/g, eol) });
    const result = await runCli(['lint', '--no-cache', '--fix'], { cwd: root });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(result.stdout, '');
    assert.equal(readFileSync(join(root, 'issues', '0001-x.md'), 'utf8'), clean.replace(/\n/g, eol), JSON.stringify(eol));
  }
});

test('lint --fix leaves a tab where the lines around do not tell the width, and reports it', async () => {
  const text = cleanIssue().replace('tags: [emergence, scaling]', 'tags:\n      - emergence\n\t- scaling');
  const root = makeRoot({ 'issues/0001-x.md': text });
  const result = await runCli(['lint', '--no-cache', '--fix'], { cwd: root });
  assert.equal(result.code, 1);
  assert.match(result.stdout, /Unexpected tab indenting this line, expected spaces \(YAML indents with spaces only\): replace the tab with spaces {2}yaml-syntax/);
  assert.equal(readFileSync(join(root, 'issues', '0001-x.md'), 'utf8'), text);
});
