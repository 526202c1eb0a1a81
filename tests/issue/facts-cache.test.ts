import assert from 'node:assert/strict';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FactsCache, STORE_FORMAT } from '../../src/issue/facts-cache.js';
import { StoredMap } from '../../src/stored-map.js';
import { Workspace } from '../../src/issue/workspace.js';
import { cleanIssue, configOf, makeRoot } from '../helpers/fixture.js';

test('facts cache: a second load takes each unchanged file facts from the store, equal to a fresh parse', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': cleanIssue({ number: 2, status: 'draft' }) });
  const config = configOf(root);
  const fresh = await Workspace.load(config);
  await Workspace.load(config, { facts: FactsCache.inDataDir(config.dataDir) });
  const store = join(config.dataDir, 'cache', 'facts.v8');
  assert.ok(existsSync(store));
  const cached = await Workspace.load(config, { facts: FactsCache.inDataDir(config.dataDir) });
  assert.deepEqual(cached.issueFiles.map((file) => file.facts), fresh.issueFiles.map((file) => file.facts));
  // Proof the store is read: a planted title for the same hash comes back.
  const planted = StoredMap.read<{ hash: string; facts: { title: string } }>(store, STORE_FORMAT);
  const entry = planted.get(fresh.issueFiles[0]!.path)!;
  planted.set(fresh.issueFiles[0]!.path, { ...entry, facts: { ...entry.facts, title: 'From the store' } });
  planted.save();
  const again = await Workspace.load(config, { facts: FactsCache.inDataDir(config.dataDir) });
  assert.equal(again.issueFiles[0]!.facts.title, 'From the store');
});

test('facts cache: an edited file is parsed again, a deleted one leaves the store, a broken store is ignored', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': cleanIssue({ number: 2 }) });
  const config = configOf(root);
  await Workspace.load(config, { facts: FactsCache.inDataDir(config.dataDir) });
  writeFileSync(join(root, 'issues', '0001-a.md'), cleanIssue({ number: 1, title: 'Retitled' }));
  rmSync(join(root, 'issues', '0002-b.md'));
  const edited = await Workspace.load(config, { facts: FactsCache.inDataDir(config.dataDir) });
  assert.deepEqual(edited.issueFiles.map((file) => file.facts.title), ['Retitled']);
  const store = join(config.dataDir, 'cache', 'facts.v8');
  assert.deepEqual([...StoredMap.read(store, STORE_FORMAT).keys()], [edited.issueFiles[0]!.path]);
  writeFileSync(store, '{not a store');
  const recovered = await Workspace.load(config, { facts: FactsCache.inDataDir(config.dataDir) });
  assert.deepEqual(recovered.issueFiles.map((file) => file.facts.title), ['Retitled']);
});
