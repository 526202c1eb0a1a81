import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { nextSentLinted, publishedFacts, readSentLinted, sentToLint } from '../../src/archive/sent-linted.js';
import { loadConfig, type Config } from '../../src/config/load.js';
import { readIssueSource } from '../../src/issue/source.js';
import { Workspace } from '../../src/issue/workspace.js';
import { lintIssues } from '../../src/lint/engine.js';
import { lintSource } from '../../src/lint/lint-file.js';
import { writeCorpus } from '../../scripts/generate-corpus.js';
import { editIssue, firstArxiv, issueFile } from './corpus-files.js';

const sent = [
  { name: '0001-a.md', hash: 'a1' },
  { name: '0002-b.md', hash: 'b2' },
  { name: '0003-c.md', hash: 'c1' },
];

test('sent-linted: with no record (the first build that keeps one), no sent issue is linted and each is taken as sent, as it is now', () => {
  assert.deepEqual(sentToLint(undefined, sent), []);
  assert.deepEqual([...nextSentLinted(undefined, sent, new Set(), new Set())], sent.map(({ name, hash }) => [name, hash]));
});

test('sent-linted: a sent issue whose bytes are not those the record holds, or which it lacks, is linted; one as recorded is not', () => {
  const record = new Map([
    ['0001-a.md', 'a1'],
    ['0002-b.md', 'b1'],
  ]);
  assert.deepEqual(sentToLint(record, sent), ['0002-b.md', '0003-c.md']);
  // An empty record is a record: every sent issue is new to it.
  assert.deepEqual(sentToLint(new Map(), sent), ['0001-a.md', '0002-b.md', '0003-c.md']);
});

test('sent-linted: a sent issue linted clean is recorded as it is now; one linted with errors keeps the entry it had (or none), so it is linted again; one gone is dropped', () => {
  const record = new Map([
    ['0001-a.md', 'a1'],
    ['0002-b.md', 'b1'],
    ['0009-gone.md', 'g1'],
  ]);
  const next = nextSentLinted(record, sent, new Set(['0002-b.md', '0003-c.md']), new Set(['0002-b.md', '0003-c.md']));
  assert.deepEqual([...next], [
    ['0001-a.md', 'a1'],
    ['0002-b.md', 'b1'],
  ]);
  assert.deepEqual(sentToLint(next, sent), ['0002-b.md', '0003-c.md'], 'linted again until fixed');
  const fixed = nextSentLinted(next, sent, new Set(['0002-b.md', '0003-c.md']), new Set());
  assert.deepEqual([...fixed], sent.map(({ name, hash }) => [name, hash]));
  assert.deepEqual(sentToLint(fixed, sent), []);
});

test('sent-linted: a record that is no record paperboy wrote (damaged, another layout) is none', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'paperboy-test-'));
  assert.equal(readSentLinted(dataDir), undefined);
  mkdirSync(join(dataDir, 'cache'));
  writeFileSync(join(dataDir, 'cache', 'sent-linted.json'), '{"format":"paperboy-sent-linted-1","issues":{}}');
  assert.equal(readSentLinted(dataDir), undefined, 'without the seal cache-file.ts writes');
});

/**
 * A corpus with a problem of each rule across issues in the files a build
 * checks (`targets`), each found through another issue's facts: issue 12
 * takes issue 5's number, 14 names 3 as its `formerly`, 16 links a paper
 * nobody covered and issue 31 (which 18 says it was), 20 is dated a year
 * 15, 22 covers issue 3's first paper again, 24 misspells a tag of nine
 * papers (`sycophncy`), 26 writes Emil Petrov `E. Petrov`.
 */
async function corpusWithProblems(): Promise<{ config: Config; targets: string[] }> {
  const root = mkdtempSync(join(tmpdir(), 'paperboy-corpus-facts-'));
  await writeCorpus(root, { issues: 30 });
  const config = await loadConfig(root);
  editIssue(root, 12, /^number: 12$/m, 'number: 5');
  editIssue(root, 14, /^number: 14$/m, 'number: 14\nformerly: [3]');
  editIssue(root, 16, /^ {4}summary: \|\n/m, '    summary: |\n      As [the unknown one](paper:9999.99999) and [issue 31](issue:31) said.\n');
  editIssue(root, 18, /^number: 18$/m, 'number: 18\nformerly: [31]');
  editIssue(root, 20, /^date: \d{4}/m, 'date: 0015');
  const covered = firstArxiv(root, 3)!;
  editIssue(root, 22, /^ {4}url: .*\n {4}arxiv: "[^"]+"$/m, `    url: https://arxiv.org/abs/${covered}\n    arxiv: "${covered}"`);
  editIssue(root, 24, /^ {4}tags: \[[^\]]+\]/m, '    tags: [sycophncy]');
  editIssue(root, 26, /^( {4}authors: \[)[^,\]]+/m, '$1E. Petrov');
  return { config, targets: [12, 14, 16, 20, 22, 24, 26].map((number) => issueFile(root, number)!) };
}

test('sent-linted: the lint of the issues a build checks, reading the other issues\' facts the build read, says what a lint of every file says of them, the rules across issues\' messages included', async () => {
  const { config, targets } = await corpusWithProblems();
  // The workspace as the build reads it when it lints (archive/build.ts: the papers' tags kept).
  const workspace = await Workspace.load(config);
  const facts = publishedFacts(workspace.issueFiles, new Set(targets));
  assert.equal(facts.size, workspace.issueFiles.length - targets.length - 1, 'every other issue but the draft');
  // Every message (the build drops a sent issue's advice after the same lint).
  const everyFile = await lintIssues(config, { files: targets, cache: false });
  const fromFacts = await lintIssues(config, { files: targets, cache: false, corpusFacts: facts });
  assert.deepEqual(fromFacts, everyFile);
  const said = new Set(fromFacts.flatMap(({ messages }) => messages.map(({ ruleId }) => ruleId)));
  for (const rule of ['issue-number-unique', 'issue-formerly', 'xref-unknown', 'xref-renumbered-issue', 'date-order', 'paper-covered-before', 'tag-spelling', 'author-spelling']) assert.ok(said.has(rule), `${rule} fires`);
});

test('sent-linted: the facts a build gives the lint of each issue it published are the lint\'s own of that file but for its cross-references', async () => {
  const { config } = await corpusWithProblems();
  const workspace = await Workspace.load(config);
  const given = publishedFacts(workspace.issueFiles, new Set());
  for (const [path, facts] of given) {
    const linted = await lintSource(await readIssueSource(path), []);
    assert.deepEqual(facts, { ...linted.facts, references: [] }, path);
  }
});

test('sent-linted: the lint given the other issues\' facts lints only the issues asked about (and a draft), whose outcomes alone the lint cache keeps', async () => {
  const { config, targets } = await corpusWithProblems();
  const workspace = await Workspace.load(config);
  await lintIssues(config, { files: targets, corpusFacts: publishedFacts(workspace.issueFiles, new Set(targets)) });
  const cached = readFileSync(join(config.dataDir, 'cache', 'lint.json'), 'utf8').split('\n').filter((line) => line.startsWith('{"path":'));
  assert.equal(cached.length, targets.length + 1, cached.map((line) => line.slice(0, 120)).join('\n'));
});
