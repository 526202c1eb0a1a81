import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { cleanIssue, cleanIssueWithMarkdown, makeRoot } from '../helpers/fixture.js';

test('lint --max-warnings 0: a paper covered again passes once its issue links the earlier summary with `paper:`, as the warning says (the cache kept across the edit)', async () => {
  const root = makeRoot({ 'issues/0001-mirages.md': cleanIssue({ number: 1 }), 'issues/0002-again.md': cleanIssue({ number: 2, title: 'Mirages again', status: 'ready' }) });
  const before = await runCli(['lint', '--max-warnings', '0'], { cwd: root });
  assert.equal(before.code, 1, before.stdout + before.stderr);
  assert.match(before.stdout, /issues\/0002-again\.md:8:12 +warning +Unexpected paper .*\(link the earlier summary with `paper:2304\.15004`\) +paper-covered-before/);
  const linked = cleanIssueWithMarkdown({ opinion: 'We covered it [in #1](paper:2304.15004); the replication changes my mind.' }, { number: 2, title: 'Mirages again', status: 'ready' });
  writeFileSync(join(root, 'issues/0002-again.md'), linked);
  const after = await runCli(['lint', '--max-warnings', '0'], { cwd: root });
  assert.equal(after.code, 0, after.stdout + after.stderr);
  assert.doesNotMatch(after.stdout, /paper-covered-before/);
});
