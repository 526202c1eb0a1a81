import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { test } from 'node:test';
import { buildSite } from '../../src/archive/build.js';
import { publishedIssues } from '../../src/archive/published.js';
import { renderersAhead } from '../../src/archive/render-workers.js';
import { loadConfig } from '../../src/config/load.js';
import { Workspace } from '../../src/issue/workspace.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';
import { stopped } from '../helpers/processes.js';

function issues(count: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`issues/${String(i + 1).padStart(4, '0')}-x.md`, cleanIssue({ number: i + 1, title: `Issue ${i + 1}` })]));
}

test('a cold build starts its render workers before reading the issues, and they render them; a build with renderings stored, few issues or no cache starts none ahead', async () => {
  if (availableParallelism() < 2) return;
  const config = await loadConfig(makeRoot(issues(30)));
  assert.equal(renderersAhead(config, { cache: false }, 30), undefined, 'no cache: no workers');
  assert.equal(renderersAhead(config, { cache: true }, 23), undefined, 'too few issues for a pool');

  const ahead = renderersAhead(config, { cache: true }, 30);
  assert.ok(ahead, 'no renderings stored: every issue will be rendered');
  const pids = ahead.pids;
  assert.equal(pids.length, availableParallelism() - 1, 'one per core beside the main process');
  const workspace = await Workspace.load(config);
  const published = await publishedIssues(workspace, { drafts: false, cache: true, ahead });
  assert.deepEqual(ahead.pids, [], 'the render pool took them');
  assert.equal(published.rendered, 30);
  assert.match(published.rendering(30).email.text, /Smooth metrics show/);
  assert.ok(await stopped(pids), 'they stop once the issues are rendered');

  await buildSite(config, { outDir: `${config.root}/dist`, drafts: false, cache: true });
  assert.equal(renderersAhead(config, { cache: true }, 30), undefined, 'renderings stored: a rebuild starts none ahead');
});

test('workers started ahead that the build turns out not to need stop once it knows', async () => {
  if (availableParallelism() < 2) return;
  const config = await loadConfig(makeRoot(issues(30)));
  const ahead = renderersAhead(config, { cache: true }, 30)!;
  const pids = ahead.pids;
  // Drafts are not published: 2 issues to render are not worth a pool.
  const workspace = await Workspace.load(config);
  for (const file of workspace.issueFiles.slice(2)) file.facts.status = 'draft';
  const published = await publishedIssues(workspace, { drafts: false, cache: true, ahead });
  assert.equal(published.rendered, 2);
  assert.ok(await stopped(pids), 'released when the pool was not needed');
});
