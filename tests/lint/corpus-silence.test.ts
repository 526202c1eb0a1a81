import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../src/config/load.js';
import { extractFacts, type IssueFacts } from '../../src/issue/facts.js';
import { Workspace } from '../../src/issue/workspace.js';
import { lintIssues } from '../../src/lint/engine.js';
import { rules } from '../../src/lint/rules/index.js';
import { activeRules } from '../../src/lint/settings.js';
import type { CorpusRule } from '../../src/lint/types.js';
import { writeCorpus } from '../../scripts/generate-corpus.js';

/** A generated newsletter of 12 issues, and a way to edit its files in place. */
async function newsletter() {
  const root = await mkdtemp(join(tmpdir(), 'paperboy-corpus-silence-'));
  await writeCorpus(root, { issues: 12 });
  const config = await loadConfig(root);
  const named = (prefix: string) => join(config.issuesDir, readdirSync(config.issuesDir).find((name) => name.startsWith(prefix))!);
  const edit = (file: string, from: string | RegExp, to: string) => {
    const text = readFileSync(file, 'utf8');
    const edited = text.replace(from, to);
    assert.notEqual(edited, text, `${basename(file)} holds ${String(from)}`);
    writeFileSync(file, edited);
  };
  return { config, named, edit };
}

test('the rules across issues, skipped after an edit that moves things only: after each edit, a lint of one file reports what a lint without the cache reports', async () => {
  const { config, named, edit } = await newsletter();
  const target = named('0006-');
  const other = named('0009-');
  const stored = join(config.dataDir, 'cache', 'lint-corpus.v8');
  // What a build asks after an edit of one issue: that file reported on, every other file's facts compared.
  const lint = async (what: string) => {
    const cached = await lintIssues(config, { files: [target] });
    assert.deepEqual(cached, await lintIssues(config, { files: [target], cache: false }), what);
    return cached[0]!.messages.map((message) => message.ruleId);
  };
  const corpusRules = new Set(rules.filter((rule) => rule.scope === 'corpus').map((rule) => rule.id));
  const saidAcross = (ids: string[]) => ids.filter((id) => corpusRules.has(id));

  assert.deepEqual(saidAcross(await lint('cold')), []);
  const silence = readFileSync(stored);
  edit(target, /summary: \|\n {6}/, 'summary: |\n      Indeed, ');
  assert.deepEqual(saidAcross(await lint('words added to a summary')), []);
  assert.deepEqual(readFileSync(stored), silence, 'nothing but places changed: the silence kept is the same, and the rules were not run');

  // The file's own facts: a link to an issue that is not there, then taken back.
  edit(target, /summary: \|\n {6}/, 'summary: |\n      As [the last issue](issue:77) said, ');
  assert.deepEqual(saidAcross(await lint('a link to no issue')), ['xref-unknown']);
  edit(target, 'As [the last issue](issue:77) said, ', '');
  assert.deepEqual(saidAcross(await lint('the link taken back')), []);

  // The file's own number, taken by another issue, then given back.
  edit(target, /^number: 6$/m, 'number: 9');
  assert.ok(saidAcross(await lint('its number taken twice')).includes('issue-number-unique'));
  edit(target, /^number: 9$/m, 'number: 6');
  assert.deepEqual(saidAcross(await lint('its number back')), []);

  // Another file's facts: it takes this one's number.
  edit(other, /^number: 9$/m, 'number: 6');
  assert.ok(saidAcross(await lint('another issue takes its number')).includes('issue-number-unique'));
  edit(other, /^number: 6$/m, 'number: 9');
  assert.deepEqual(saidAcross(await lint('and gives it back')), []);

  // Reported on two files: the silence of one is not the other's.
  assert.deepEqual(await lintIssues(config, { files: [target, other] }), await lintIssues(config, { files: [target, other], cache: false }));
});

test('whether a rule across issues reports depends on no place in the facts: every place moved, each rule says the same of the same files', async () => {
  const { config, named, edit } = await newsletter();
  // Something for each rule to say: a number taken twice, a link to no issue, a date out of order, an author and a tag spelt two ways, a paper covered before.
  edit(named('0003-'), /^number: 3$/m, 'number: 4');
  edit(named('0005-'), /summary: \|\n {6}/, 'summary: |\n      As [the last issue](issue:77) said, ');
  edit(named('0007-'), /^date: \d{4}/m, 'date: 2099');
  const authors = /authors: \[([^\],]+)/.exec(readFileSync(named('0002-'), 'utf8'))![1]!;
  const [given, ...family] = authors.split(' ');
  edit(named('0008-'), /authors: \[[^\],]+/, `authors: [${given} Q. ${family.join(' ')}`);
  const tag = /tags: \[([^\],]+)/.exec(readFileSync(named('0002-'), 'utf8'))![1]!;
  edit(named('0010-'), /tags: \[[^\],\]]+/, `tags: [${tag.slice(0, -2)}${tag.slice(-1)}`);
  const covered = /url: (\S+)\n\s+arxiv: "([^"]+)"/.exec(readFileSync(named('0001-'), 'utf8'))!;
  edit(named('0011-'), /url: \S+\n(\s+)arxiv: "[^"]+"/, `url: ${covered[1]}\n$1arxiv: "${covered[2]}"`);

  const workspace = await Workspace.load(config);
  const facts = workspace.issueFiles.map((file) => extractFacts(workspace.parse(file))).sort((a, b) => a.path.localeCompare(b.path));
  const said = (all: readonly IssueFacts[]) => {
    const reports: string[] = [];
    for (const { rule, options, config: ruleConfig } of activeRules(rules, config)) {
      if (rule.scope !== 'corpus') continue;
      (rule as CorpusRule).check({ config: ruleConfig, options, facts: all, reported: () => true, report: (path, report) => reports.push(`${basename(path)} ${rule.id} ${report.message}`) });
    }
    return reports.sort();
  };
  const before = said(facts);
  for (const id of ['issue-number-unique', 'xref-unknown', 'date-order', 'author-spelling', 'tag-spelling', 'paper-covered-before']) assert.ok(before.some((line) => line.includes(` ${id} `)), `${id} says something: ${before.join('\n')}`);
  // Every line, column and offset moved, as words added before them would.
  const moved = (value: unknown, key = ''): unknown => {
    if (typeof value === 'number') return ['line', 'column', 'offset'].includes(key) ? value + 7 : value;
    if (Array.isArray(value)) return key === 'at' || key === 'numberAt' ? value.map((n: number) => n + 3) : value.map((item) => moved(item));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, moved(v, k)]));
    return value;
  };
  assert.deepEqual(said(facts.map((fact) => moved(fact) as IssueFacts)), before);
});
