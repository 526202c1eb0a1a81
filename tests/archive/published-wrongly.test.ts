import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { cleanIssueWithMarkdown, makeRoot } from '../helpers/fixture.js';

test('build: a `<br>` is not said to be "published without it": every page shows it as the line break it stands for (in a table\'s cell lint accepts it; elsewhere lint names it as a line break)', async () => {
  const summary = '| Model | Notes |\n| --- | --- |\n| GPT-4<br>(March) | 86% |\n\nOne line<br>and the next, a <b>bold</b> word.';
  // Not yet sent: the build lints it.
  const newsletter = makeRoot({ 'issues/0001-a.md': cleanIssueWithMarkdown({ summary }, { status: 'ready' }) });
  const result = await runCli(['build'], { cwd: newsletter });
  assert.equal(result.code, 1, result.stderr);
  // Lint's error for the `<br>` outside the table, in lint's words: it is published as the line break it stands for.
  assert.match(result.stderr, /^issues\/0001-a\.md:\d+:\d+ +error +Unexpected raw HTML `<br>`, expected a Markdown line break.*it is accepted\) +no-raw-html$/m, result.stderr);
  assert.doesNotMatch(result.stderr, /`<br>`.*published without it/, result.stderr);
  assert.equal(result.stderr.match(/published without it/g)?.length, 2, `the <b> and </b> alone: ${result.stderr}`);
  const page = readFileSync(join(newsletter, 'dist', 'issues', '1', 'index.html'), 'utf8');
  assert.match(page, /GPT-4<br>\(March\)/);
  assert.match(page, /One line<br>\s*and the next/);
});
