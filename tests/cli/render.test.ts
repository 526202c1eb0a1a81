import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';
import { parseEml } from '../helpers/render.js';

const withNotes = cleanIssue({ number: 4, title: 'Notes inside' }).replace(
  '    opinion: |',
  '    notes: |\n      Check the second table with the authors before sending.\n    opinion: |',
);
const root = makeRoot({ 'issues/0003-a.md': cleanIssue({ number: 3 }), 'issues/0004-b.md': withNotes });

test('render: html by default, to stdout, for an issue number', async () => {
  const result = await runCli(['render', '3'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^<!DOCTYPE html>/);
  assert.match(result.stdout, /Are Emergent Abilities of Large Language Models a Mirage\?/);
  assert.match(result.stdout, /unsubscribe\?token=PLACEHOLDER/);
});

test('render: an issue given by path, as plaintext', async () => {
  const result = await runCli(['render', 'issues/0004-b.md', '--format', 'text'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^Notes inside\n============$/m);
  assert.doesNotMatch(result.stdout, /second table/);
});

test('render: --format eml --out writes the complete message and prints its path', async () => {
  const out = join(root, 'issue-3.eml');
  const result = await runCli(['render', '3', '--format', 'eml', '--out', 'issue-3.eml'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, `${out}\n`);
  const mail = await parseEml(readFileSync(out));
  assert.equal(mail.subject, '#3: Emergence mirages');
  assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.text : '', 'subscriber@example.invalid');
  assert.ok(mail.text && mail.html);
});

test('render: --review shows the REVIEW banner, the private notes and the lint messages', async () => {
  const html = await runCli(['render', '4', '--review'], { cwd: root });
  assert.equal(html.code, 0, html.stderr);
  assert.match(html.stdout, /<strong>REVIEW<\/strong>/);
  assert.match(html.stdout, /Check the second table with the authors before sending\./);
  const text = await runCli(['render', '4', '--review', '--format', 'text'], { cwd: root });
  assert.match(text.stdout, /^REVIEW: a proof for reviewers/m);
  assert.match(text.stdout, /Check the second table/);
  const eml = await runCli(['render', '4', '--review', '--format', 'eml'], { cwd: root });
  assert.match(eml.stdout, /^Subject: \[REVIEW\] #4: Notes inside/m);
});

test('render: --review lists the lint messages of the issue', async () => {
  const noOpinion = makeRoot({ 'issues/0001-a.md': cleanIssue().replace(/ {4}opinion: \|\n.*\n/, '') });
  const result = await runCli(['render', '1', '--review', '--format', 'text'], { cwd: noOpinion });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /Lint messages:\n- \d+:\d+ warning: Missing opinion for/);
});

test('render: an unknown issue number exits 2 and lists the available numbers', async () => {
  const result = await runCli(['render', '9'], { cwd: root });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /No issue has number 9/);
  assert.match(result.stderr, /Available issue numbers: 3, 4\./);
});

test('render: a missing file and an unknown format exit 2', async () => {
  assert.equal((await runCli(['render', 'issues/nope.md'], { cwd: root })).code, 2);
  const format = await runCli(['render', '3', '--format', 'pdf'], { cwd: root });
  assert.equal(format.code, 2);
  assert.match(format.stderr, /pdf/);
});
