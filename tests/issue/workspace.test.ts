import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isPaperboyError } from '../../src/errors.js';
import { FactsCache } from '../../src/issue/facts-cache.js';
import { Workspace } from '../../src/issue/workspace.js';
import { cleanIssue, configOf, makeRoot } from '../helpers/fixture.js';

const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': cleanIssue({ number: 2, status: 'draft' }) });
const workspace = Workspace.load(configOf(root));

test('workspace: every issue read once, with its facts, the newest by number', async () => {
  const ws = await workspace;
  assert.deepEqual(ws.issueFiles.map((file) => file.facts.number), [1, 2]);
  assert.equal(ws.newest()?.facts.number, 2);
  assert.equal(ws.issueFiles[0]!.facts.papers[0]!.id, 'arxiv:2304.15004');
});

test("workspace: a build's facts leave the tags out, and the facts cache it saves keeps them for lint", async () => {
  const config = configOf(makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }) }));
  const built = await Workspace.load(config, { facts: FactsCache.inDataDir(config.dataDir), tags: false });
  assert.equal(built.issueFiles[0]!.facts.papers[0]!.tags, undefined);
  assert.equal(built.issueFiles[0]!.facts.papers[0]!.id, 'arxiv:2304.15004');
  // A later lint reads the stored facts, as the build saved them.
  const linted = await Workspace.load(config, { facts: FactsCache.inDataDir(config.dataDir) });
  assert.deepEqual(linted.issueFiles[0]!.facts.papers[0]!.tags?.names, ['emergence', 'scaling']);
});

test('workspace: the corpus resolves cross-references to published issues only', async () => {
  const ws = await workspace;
  assert.equal(ws.corpus.resolve({ kind: 'issue', target: '1', issueNumber: 1 }, undefined)?.issueNumber, 1);
  assert.equal(ws.corpus.resolve({ kind: 'issue', target: '2', issueNumber: 2 }, undefined), undefined);
});

test('workspace: an issue by number or by path; the full parse has the Markdown', async () => {
  const ws = await workspace;
  const byNumber = await ws.findOrAdd('2', root);
  assert.equal(byNumber, await ws.findOrAdd('issues/0002-b.md', root));
  assert.equal(ws.parse(byNumber).issue?.body.tree.children[0]?.type, 'paragraph');
});

test('workspace: a file outside the issues directory joins the corpus', async () => {
  const ws = await Workspace.load(configOf(root));
  const path = join(root, 'elsewhere.md');
  writeFileSync(path, cleanIssue({ number: 7 }));
  assert.equal((await ws.findOrAdd('elsewhere.md', root)).facts.number, 7);
  assert.equal(ws.corpus.resolve({ kind: 'issue', target: '7', issueNumber: 7 }, undefined)?.issueNumber, 7);
});

test('workspace: an unknown number is a usage error listing the numbers there are', async () => {
  const ws = await workspace;
  await assert.rejects(ws.findOrAdd('5', root), (error) => {
    assert.ok(isPaperboyError(error));
    assert.equal(error.exitCode, 2);
    assert.match(error.hint ?? '', /Available issue numbers: 1, 2\./);
    return true;
  });
  await assert.rejects(ws.findOrAdd('missing.md', root), /Cannot read issue missing\.md/);
});

test('workspace: an issue file by its path, the current one once it is read again, added or forgotten, none for a path it does not hold', async () => {
  const local = makeRoot({ 'issues/0001-a.md': cleanIssue({ number: 1 }), 'issues/0002-b.md': cleanIssue({ number: 2 }) });
  const ws = await Workspace.load(configOf(local));
  const [first, second] = ws.issueFiles;
  assert.equal(ws.at(first!.path), first);
  assert.equal(ws.at(second!.path), second);
  assert.equal(ws.at(join(local, 'issues', 'missing.md')), undefined);
  writeFileSync(first!.path, cleanIssue({ number: 1, title: 'Retitled' }));
  const reloaded = await ws.reload(first!.path);
  assert.equal(ws.at(first!.path), reloaded);
  ws.forget(second!.path);
  assert.equal(ws.at(second!.path), undefined);
  writeFileSync(join(local, 'elsewhere.md'), cleanIssue({ number: 7 }));
  const added = await ws.findOrAdd('elsewhere.md', local);
  assert.equal(ws.at(join(local, 'elsewhere.md')), added);
});
