import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';
import { decodeEntities, flat } from '../helpers/render.js';

const THANKS = "Thanks to Siobhán O'Brien and Łukasz Kaiser for reviewing this issue.";

test(`reviewers written "Last, First" are thanked "First Last" in the email (HTML and text), the preview and the archive page, never as three people`, async () => {
  const issue = cleanIssue().replace('status: sent\n', `status: sent\nreviewers: ["O'Brien, Siobhán", Łukasz Kaiser]\n`);
  const root = makeRoot({ 'issues/0001-mirages.md': issue });
  const outputs: Record<string, string> = {};
  for (const format of ['html', 'text']) outputs[`render --format ${format}`] = (await runCli(['render', '1', '--format', format], { cwd: root })).stdout;
  outputs.preview = (await runCli(['preview', '1', '--no-pager', '--no-color', '--width', '200'], { cwd: root })).stdout;
  const build = await runCli(['build'], { cwd: root });
  assert.equal(build.code, 0, build.stderr);
  outputs['archive page'] = readFileSync(join(root, 'dist', 'issues', '1', 'index.html'), 'utf8');
  for (const [where, output] of Object.entries(outputs)) {
    const text = flat(decodeEntities(output));
    assert.ok(text.includes(THANKS), `${where}: ${text.match(/Thanks to[^.]*\./)?.[0]}`);
  }
});
