import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { lintIssues } from '../../../src/lint/engine.js';
import { applyFixes } from '../../../src/lint/fix.js';
import rule from '../../../src/lint/rules/xref-renumbered-issue.js';
import xrefUnknown from '../../../src/lint/rules/xref-unknown.js';
import { runCli } from '../../helpers/cli.js';
import { cleanIssue, configOf, lintWith, makeRoot, places } from '../../helpers/fixture.js';

/** Issue 4, renumbered from 3 (`formerly: [3]`), and issue 5 (linted) whose text is `body`. */
function corpus(body: string, options: { summary?: string; eol?: string } = {}): Record<string, string> {
  let linking = cleanIssue({ number: 5, title: 'Fifth', date: '2023-06-26', body });
  if (options.summary !== undefined) linking = linking.replace('Smooth metrics show smooth scaling; sharp jumps come from sharp metrics.', options.summary);
  return {
    '0005-fifth.md': linking.replace(/\n/g, options.eol ?? '\n'),
    '0004-mirages.md': cleanIssue({ number: 4, date: '2023-06-19' }).replace('number: 4\n', 'number: 4\nformerly: [3]\n'),
  };
}

test('xref-renumbered-issue: a link to a number an issue was renumbered from is a warning, fixed to its number now; xref-unknown says nothing of it', async () => {
  const files = corpus('As [the mirage issue](issue:3) showed, and [again](issue:4).');
  const messages = await lintWith([rule, xrefUnknown], files);
  assert.deepEqual(places(messages), ['xref-renumbered-issue 21:4']);
  assert.equal(messages[0]!.severity, 'warning');
  assert.equal(messages[0]!.message, 'Unexpected reference `issue:3`: issue 3 was renumbered to 4 (its `formerly`), expected `issue:4`');
  assert.equal(applyFixes(files['0005-fifth.md']!, messages).text, files['0005-fifth.md']!.replace('(issue:3)', '(issue:4)'));
});

test('xref-renumbered-issue: the fix finds the number in a YAML block scalar and in a CRLF file; a link writing the number twice is warned of without a fix', async () => {
  for (const eol of ['\n', '\r\n']) {
    const files = corpus('Body.', { summary: 'Smooth metrics, as [issue 3](issue:3) said.', eol });
    const messages = await lintWith([rule], files);
    assert.equal(messages.length, 1, eol);
    assert.equal(applyFixes(files['0005-fifth.md']!, messages).text, files['0005-fifth.md']!.replace('(issue:3)', '(issue:4)'), JSON.stringify(eol));
  }
  const [twice] = await lintWith([rule], corpus('See [issue:3](issue:3).'));
  assert.match(twice!.message, /renumbered to 4/);
  assert.equal(twice!.fix, undefined);
});

test('xref-renumbered-issue: a number an issue has now, a number no issue names in its formerly, and a draft renumbered are not its to say', async () => {
  const files = corpus('See [three](issue:3) and [nine](issue:9).');
  files['0003-third.md'] = cleanIssue({ number: 3, title: 'Third', date: '2023-06-12' });
  assert.deepEqual(await lintWith([rule], files), []);
  const draft = corpus('See [three](issue:3).');
  draft['0004-mirages.md'] = draft['0004-mirages.md']!.replace('status: sent', 'status: draft');
  assert.deepEqual(await lintWith([rule], draft), []);
  assert.match((await lintWith([xrefUnknown], draft))[0]!.message, /^Unexpected reference `issue:3`, expected a published issue/);
});

test('lint --fix: a link to a renumbered issue\'s old number is rewritten to its number now, every other byte kept', async () => {
  const files = corpus('As [the mirage issue](issue:3) showed.');
  const root = makeRoot(Object.fromEntries(Object.entries(files).map(([name, text]) => [`issues/${name}`, text])));
  const path = join(root, 'issues', '0005-fifth.md');
  const [result] = await lintIssues(configOf(root), { fix: true, cache: false, files: [path] });
  assert.equal(readFileSync(path, 'utf8'), files['0005-fifth.md']!.replace('(issue:3)', '(issue:4)'));
  assert.deepEqual(result!.messages.filter((message) => message.ruleId.startsWith('xref')), []);
});

test('render: a link to a renumbered issue\'s old number leads to its page now, shown as its number now', async () => {
  const files = corpus('As [the mirage issue](issue:3) showed.');
  const root = makeRoot(Object.fromEntries(Object.entries(files).map(([name, text]) => [`issues/${name}`, text])));
  const html = await runCli(['render', '5'], { cwd: root });
  assert.equal(html.code, 0, html.stderr);
  assert.match(html.stdout, /<a href="https:\/\/[^"]*\/issues\/4\/"[^>]*>the mirage issue<\/a> \(#4\)/);
  const text = await runCli(['render', '5', '--format', 'text'], { cwd: root });
  assert.match(text.stdout, /issues\/4\//);
});
