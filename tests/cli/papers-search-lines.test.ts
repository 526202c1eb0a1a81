import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { cleanIssueWithMarkdown, makeRoot } from '../helpers/fixture.js';

/** The fixture's first issue with its paper's title and an author written with YAML escapes: a tab, a line break, a BEL. */
const ISSUE_WITH_TABS = cleanIssueWithMarkdown({})
  .replace('title: Are Emergent Abilities of Large Language Models a Mirage?', 'title: "Are Emergent\\tAbilities of \\t Large\\nLanguage Models a Mirage?\\u0007"')
  .replace('authors: [Rylan Schaeffer,', 'authors: ["Rylan\\tSchaeffer",');

test('papers search shows a tab or a line break in a title or an author name as one space, as the plaintext email wraps it, and another control character as U+FFFD: one line a result, nothing raw', async () => {
  const root = makeRoot({ 'issues/0001-a.md': ISSUE_WITH_TABS });
  const result = await runCli(['papers', 'search', 'mirage'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(
    result.stdout,
    '#1 2023-05-29  Are Emergent Abilities of Large Language Models a Mirage?\ufffd (Rylan Schaeffer, Brando Miranda and Sanmi Koyejo, 2023)\n' +
      '    Smooth metrics show smooth scaling; sharp jumps come from sharp metrics.\n1 paper matches.\n',
  );
  const [match] = JSON.parse((await runCli(['papers', 'search', '--json', 'mirage'], { cwd: root })).stdout) as { title: string; authors: string[] }[];
  assert.equal(match!.authors[0], 'Rylan\tSchaeffer', '--json keeps the value as the model holds it, for tools');
});

test('papers search names a draft paper whose title holds a tab with one space there', async () => {
  const draft = ISSUE_WITH_TABS.replace('status: sent', 'status: draft');
  const root = makeRoot({ 'issues/0001-a.md': draft });
  const result = await runCli(['papers', 'search', 'mirage'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^ {2}draft #1 {2}Are Emergent Abilities of Large Language Models a Mirage\?\ufffd {2}\(issues\/0001-a\.md:\d+:\d+\)$/m);
  assert.ok(!result.stdout.includes('\t') && !result.stdout.includes('\u0007'), JSON.stringify(result.stdout));
});
