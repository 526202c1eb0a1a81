import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintIssues } from '../../src/lint/engine.js';
import { renderAll, rootWith } from '../helpers/render.js';
import { cleanIssue, cleanIssueWithMarkdown } from '../helpers/fixture.js';

/**
 * The kind behind every fix: `--fix` never changes what the reader sees,
 * except where the fix says it does. Each fixture holds the problems of one
 * fixable rule; its HTML and plaintext emails are rendered before and after
 * `--fix`, and must differ only by `expectedChange`.
 */
interface FixableFixture {
  rule: string;
  text: string;
  /** What the fix changes in the rendered output (identity when nothing). */
  expectedChange?: (rendered: string) => string;
}

const FULL_TITLE = 'Paper ranked #1 on the leaderboard';

const fixtures: FixableFixture[] = [
  {
    rule: 'no-trailing-spaces',
    text: cleanIssueWithMarkdown({ summary: 'Smooth metrics:  \nsmooth scaling.  ' }, { body: 'First line  \nsecond line  \n\nAnother paragraph.\t' }).replace('date: 2023-05-29', 'date: 2023-05-29  '),
  },
  {
    rule: 'arxiv-id (PDF link to the abs page)',
    text: cleanIssue().replace('url: https://arxiv.org/abs/2304.15004', 'url: https://arxiv.org/pdf/2304.15004v2'),
    expectedChange: (rendered) => rendered.replaceAll('https://arxiv.org/pdf/2304.15004v2', 'https://arxiv.org/abs/2304.15004'),
  },
  { rule: 'arxiv-id (versioned id)', text: cleanIssue().replace('arxiv: "2304.15004"', 'arxiv: "2304.15004v2"') },
  { rule: 'arxiv-id (missing arxiv)', text: cleanIssue().replace('    arxiv: "2304.15004"\n', '') },
  {
    rule: 'yaml-comment-in-text',
    text: cleanIssue({ title: FULL_TITLE }),
    // The whole title, and the plaintext's underline of the title with it.
    expectedChange: (rendered) => rendered.replace(/Paper ranked(\n=+\n)?/g, (_, underline?: string) => (underline ? `${FULL_TITLE}\n${'='.repeat(FULL_TITLE.length)}\n` : FULL_TITLE)),
  },
];

for (const { rule, text, expectedChange = (rendered: string) => rendered } of fixtures) {
  test(`--fix of ${rule} changes the rendered emails only where the fix says`, async () => {
    const { root, config } = await rootWith({ '0001-a.md': text });
    const before = await renderAll(root, '1');
    const [result] = await lintIssues(config, { fix: true, cache: false });
    assert.notEqual(result!.output, undefined, 'the fixture has something to fix');
    assert.deepEqual(result!.messages.filter((m) => m.fix), [], 'every fix was applied');
    const after = await renderAll(root, '1');
    assert.equal(after.html, expectedChange(before.html));
    assert.equal(after.text, expectedChange(before.text));
  });
}
