import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeCorpus } from '../../scripts/generate-corpus.js';
import { RenderPool } from '../../src/archive/render-pool.js';
import { loadConfig } from '../../src/config/load.js';
import { FactsCache } from '../../src/issue/facts-cache.js';
import { listIssueFiles } from '../../src/issue/load.js';
import { readIssueSource } from '../../src/issue/source.js';
import { frontmatterFacts } from '../../src/issue/workspace.js';
import { runCli } from '../helpers/cli.js';

async function corpus(issues: number) {
  const root = await mkdtemp(join(tmpdir(), 'paperboy-render-pool-'));
  await writeCorpus(root, { issues });
  const config = await loadConfig(root);
  const sources = await Promise.all((await listIssueFiles(config.issuesDir)).map((path) => readIssueSource(path)));
  return { root, config, sources };
}

test('a render pool reads the facts of issue files here and in its child, each the facts one process reads of it', async () => {
  const { config, sources } = await corpus(30);
  const pool = RenderPool.start(config);
  try {
    const facts = await pool.facts(sources);
    assert.equal(facts.size, sources.length);
    for (const source of sources) assert.deepEqual(facts.get(source.path), frontmatterFacts(source), source.path);
  } finally {
    await pool.finish();
  }
});

test('a file changed since the build read it is left out of the facts its child reads (the build reads it again), and kept where the main process read it', async () => {
  const { config, sources } = await corpus(30);
  // Every file changes after it was read: the child, which reads each file again, finds other bytes than their hash names.
  for (const { path } of sources) appendFileSync(path, '\n');
  const pool = RenderPool.start(config);
  try {
    const facts = await pool.facts(sources);
    assert.ok(facts.size > 0 && facts.size < sources.length, `the main process read ${facts.size} of ${sources.length}, the child the others`);
    for (const [path, known] of facts) assert.deepEqual(known, frontmatterFacts(sources.find((source) => source.path === path)!));
  } finally {
    await pool.finish();
  }
});

test('a cold build of many issues stores the facts of each, those one process reads', async () => {
  const { root, config, sources } = await corpus(30);
  const built = await runCli(['build'], { cwd: root });
  assert.equal(built.code, 0, built.stderr);
  const cache = FactsCache.inDataDir(config.dataDir);
  for (const source of sources) assert.deepEqual(cache.get(source.path, source.hash), frontmatterFacts(source), source.path);
});
