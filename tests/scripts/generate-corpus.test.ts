import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/load.js';
import { lintIssues } from '../../src/lint/engine.js';
import { generateCorpus, writeCorpus } from '../../scripts/generate-corpus.js';

interface GeneratedPaper {
  url: string;
  arxiv?: string;
  summary: string;
  opinion?: string;
}

function frontmatter(text: string): { number: number; papers: GeneratedPaper[] } {
  const end = text.indexOf('\n---\n', 4);
  return parse(text.slice(4, end)) as { number: number; papers: GeneratedPaper[] };
}

function filesUnder(root: string): Map<string, string> {
  const names = readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(names.map((entry) => [join(entry.parentPath, entry.name).slice(root.length), readFileSync(join(entry.parentPath, entry.name), 'utf8')]));
}

test('generate-corpus: the same seed writes byte-identical files', async () => {
  const [a, b] = [mkdtempSync(join(tmpdir(), 'paperboy-corpus-')), mkdtempSync(join(tmpdir(), 'paperboy-corpus-'))];
  await writeCorpus(a, { issues: 12, seed: 7 });
  await writeCorpus(b, { issues: 12, seed: 7 });
  const [first, second] = [filesUnder(a), filesUnder(b)];
  assert.equal(first.size, 13);
  assert.deepEqual([...first.entries()], [...second.entries()]);
});

test('generate-corpus: another seed writes another corpus', () => {
  const one = generateCorpus({ issues: 3, seed: 1 });
  const two = generateCorpus({ issues: 3, seed: 2 });
  assert.notDeepEqual([...one.values()], [...two.values()]);
});

test('generate-corpus: N issues of 10 papers with summaries of about 700 bytes and opinions of about 350', () => {
  const files = generateCorpus({ issues: 40 });
  const issues = [...files].filter(([path]) => path.startsWith('issues/')).map(([, text]) => frontmatter(text));
  assert.equal(issues.length, 40);
  assert.deepEqual(issues.map((issue) => issue.number), Array.from({ length: 40 }, (_, i) => i + 1));
  const papers = issues.flatMap((issue) => issue.papers);
  assert.ok(issues.every((issue) => issue.papers.length === 10));
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const summary = mean(papers.map((paper) => Buffer.byteLength(paper.summary)));
  const opinion = mean(papers.flatMap((paper) => (paper.opinion ? [Buffer.byteLength(paper.opinion)] : [])));
  assert.ok(summary > 600 && summary < 800, `mean summary of ${summary} bytes`);
  assert.ok(opinion > 280 && opinion < 420, `mean opinion of ${opinion} bytes`);
});

test('generate-corpus: every paper has its own URL and arXiv id', () => {
  const files = generateCorpus({ issues: 60 });
  const papers = [...files].filter(([path]) => path.startsWith('issues/')).flatMap(([, text]) => frontmatter(text).papers);
  const arxiv = papers.flatMap((paper) => (paper.arxiv ? [paper.arxiv] : []));
  assert.equal(new Set(papers.map((paper) => paper.url)).size, papers.length);
  assert.equal(new Set(arxiv).size, arxiv.length);
  assert.ok(arxiv.length > papers.length / 2);
});

test('generate-corpus: uses the Markdown of real issues (links, emphasis, code, lists, tables, footnotes, cross-references)', () => {
  const all = [...generateCorpus({ issues: 30 }).values()].join('\n');
  for (const [feature, pattern] of [
    ['link', /\]\(https:\/\//],
    ['emphasis', /\*[a-z][^*\n]*\*/],
    ['strong', /\*\*[a-z]+\*\*/],
    ['inline code', /`[^`\n]+`/],
    ['list', /\n {6}- \*/],
    ['table', /\| --- \|/],
    ['footnote', /\[\^1\]: /],
    ['paper cross-reference', /\]\(paper:\d{4}\.\d{5}\)/],
    ['issue cross-reference', /\]\(issue:\d+\)/],
  ] as const) {
    assert.match(all, pattern, feature);
  }
});

test('generate-corpus: a small corpus lints with zero errors', async () => {
  const root = mkdtempSync(join(tmpdir(), 'paperboy-corpus-'));
  await writeCorpus(root, { issues: 8 });
  const results = await lintIssues(await loadConfig(root), { cache: false });
  assert.equal(results.length, 8);
  const errors = results.flatMap((result) => result.messages.filter((m) => m.severity === 'error').map((m) => `${result.path}:${m.line}:${m.column} ${m.ruleId} ${m.message}`));
  assert.deepEqual(errors, []);
});

test('generate-corpus: --help prints the usage on stdout and exits 0', () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate-corpus.ts', '--help'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^usage: node --import tsx scripts\/generate-corpus\.ts --issues N --out DIR/);
  assert.equal(run.stderr, '');
});
