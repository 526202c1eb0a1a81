import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_FILE_DOLLARS, MAX_FILE_LINES, MAX_FILE_TABLE_PIPES, MAX_FILE_URLS, MAX_NESTING, nestingExcess, treeNestingExcess, withinLimits, ContentLimitError } from '../../src/issue/limits.js';
import { parseMarkdown } from '../../src/issue/markdown.js';
import { lintIssues } from '../../src/lint/engine.js';
import { previewIssue } from '../../src/render/terminal/index.js';
import { loadTemplates } from '../../src/render/templates.js';
import { runCli } from '../helpers/cli.js';
import { cleanIssueWithMarkdown, makeRoot } from '../helpers/fixture.js';
import { renderAll, rootWith } from '../helpers/render.js';

/** A list `depth` levels deep, one item a level, each indented under the previous. */
const nestedList = (depth: number) => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n');
/** Emphasis `depth` levels deep inside each other. */
const nestedEmphasis = (depth: number) => `${'*a '.repeat(depth)}x${' b*'.repeat(depth)}`;
const nestedQuote = (depth: number) => `${'>'.repeat(depth)} quoted`;

const refuseToParse = withinLimits(() => assert.fail('the parser must not be called for a text over the limits'));

test('a list nested 1,000 deep is refused before it is parsed, at the line that passes the limit', () => {
  const text = nestedList(1000);
  const started = performance.now();
  assert.throws(() => refuseToParse(text), (error: unknown) => error instanceof ContentLimitError && /nested more than 64 levels deep/.test(error.message));
  assert.ok(performance.now() - started < 1000, 'the pre-scan is one pass, not a parse');
  const excess = nestingExcess(text)!;
  assert.equal(text.slice(0, excess.offset).split('\n').length, MAX_NESTING + 1);
});

test('list markers on one line, block quotes and footnote definitions count as nesting before the parse', () => {
  for (const text of [`${'- '.repeat(1000)}a`, nestedQuote(1000), `${'[^a]: '.repeat(1000)}x`]) {
    assert.throws(() => refuseToParse(text), ContentLimitError, text.slice(0, 12));
  }
});

test('emphasis nested 3,000 deep is refused before it is parsed (micromark would take seconds)', () => {
  assert.throws(() => refuseToParse(nestedEmphasis(3000)), ContentLimitError);
});

test('emphasis one level over the limit is found in the parsed tree, at the first emphasis past it', () => {
  const text = nestedEmphasis(MAX_NESTING + 1);
  assert.equal(nestingExcess(text), undefined, 'within what the pre-scan lets through');
  const excess = treeNestingExcess(parseMarkdown(text));
  assert.deepEqual(excess, { offset: 3 * MAX_NESTING, depth: MAX_NESTING + 1 });
  assert.throws(() => withinLimits(parseMarkdown)(text), ContentLimitError);
});

test('a real issue is far within the limits: ordinary lists, quotes, emphasis and long bold lists pass', () => {
  const ordinary = [
    nestedList(6),
    '> a quote\n> > nested\n\n* **bold** and _italic_ and ~~struck~~',
    Array.from({ length: 200 }, (_, i) => `- **Term ${i}**: a definition with *emphasis* and a [link](https://example.org/${i}).`).join('\n'),
    `${'    '.repeat(20)}indented code, twenty levels of four spaces`,
    '-'.repeat(500),
  ];
  for (const text of ordinary) assert.equal(nestingExcess(text) ?? treeNestingExcess(parseMarkdown(text)), undefined, text.slice(0, 40));
});

test('texts nested exactly to the limit lint, render as HTML and plaintext, preview and are cached without a stack overflow', async () => {
  const issue = cleanIssueWithMarkdown(
    { summary: nestedList(MAX_NESTING), opinion: nestedEmphasis(MAX_NESTING), notes: nestedQuote(MAX_NESTING), prerequisites: `[${nestedEmphasis(MAX_NESTING - 1)}](https://example.org/)` },
    { status: 'draft' },
  );
  const { root, config } = await rootWith({ '0001-deep.md': issue });
  const [result] = await lintIssues(config, { cache: false });
  assert.deepEqual(result!.messages.filter((m) => m.severity === 'error'), []);
  const { html, text, workspace, parsed } = await renderAll(root, '1');
  assert.match(html, /level 64/);
  assert.match(text, /level\s+64/);
  assert.deepEqual(parsed.problems, []);
  const preview = previewIssue(workspace, workspace.issueFiles[0]!, { templates: loadTemplates(config.templatesDir), width: 80, color: false, hyperlinks: false });
  assert.match(preview.output ?? "", /level\s+64/);
});

test('a list nested 1,000 deep is a positioned content-limits error in lint, render and preview (exit 1), and other files are linted', async () => {
  const root = makeRoot({
    'issues/0001-deep.md': cleanIssueWithMarkdown({ summary: nestedList(1000) }, { number: 1 }),
    'issues/0002-ok.md': cleanIssueWithMarkdown({}, { number: 2 }).replace('Welcome', 'TODO Welcome'),
  });
  const lint = await runCli(['lint', '--no-cache'], { cwd: root });
  assert.equal(lint.code, 1);
  assert.match(lint.stdout, /0001-deep\.md:80:137\s+error\s+Unexpected Markdown nested more than 64 levels deep \(lists, quotes, links and emphasis inside each other\), expected at most 64: flatten it\s+content-limits/);
  assert.match(lint.stdout, /0002-ok\.md:\d+:\d+\s+error\s+Unexpected placeholder `TODO`/);
  const render = await runCli(['render', '1'], { cwd: root });
  assert.equal(render.code, 1);
  assert.match(render.stderr, /0001-deep\.md:80:137: Unexpected Markdown nested more than 64 levels deep/);
  const preview = await runCli(['preview', '1', '--no-pager'], { cwd: root });
  assert.equal(preview.code, 1);
  assert.match(preview.stderr, /0001-deep\.md:80:137 {2}Unexpected Markdown nested more than 64 levels deep.* {2}content-limits/);
});

test('a file with more `|` than the bound on table cells is refused before any parse, at the first `|` past it, in lint and render', async () => {
  assert.equal(MAX_FILE_TABLE_PIPES, 10_000);
  const row = (cells: string[]) => `|${cells.join('|')}|`;
  const table = (rows: number) => [row(Array.from({ length: 199 }, (_, i) => `h${i}`)), row(Array(199).fill('-')), ...Array(rows).fill(row(Array(199).fill('c')))].join('\n');
  const pipesAbove = (text: string) => text.split('|').length - 1;
  const within = cleanIssueWithMarkdown({}, { number: 1, body: table(47) });
  assert.ok(pipesAbove(within) <= MAX_FILE_TABLE_PIPES, String(pipesAbove(within)));
  const over = cleanIssueWithMarkdown({}, { number: 1, body: table(2000) });
  const started = performance.now();
  const root = makeRoot({ 'issues/0001-a.md': over });
  const lint = await runCli(['lint', '--no-cache'], { cwd: root });
  assert.equal(lint.code, 1);
  const overAt = [...over.matchAll(/\|/g)][MAX_FILE_TABLE_PIPES]!.index;
  const line = over.slice(0, overAt).split('\n').length;
  const column = overAt - over.lastIndexOf('\n', overAt - 1);
  assert.match(lint.stdout, new RegExp(`${line}:${column}\\s+error\\s+Unexpected file with more than 10,000 \`\\|\` \\(table cells\\), expected at most 10,000: split the table, or link to it as a file\\s+content-limits`));
  const render = await runCli(['render', '1', '--format', 'text'], { cwd: root });
  assert.equal(render.code, 1);
  assert.match(render.stderr, new RegExp(`0001-a\\.md:${line}:${column}: Unexpected file with more than 10,000`));
  assert.ok(performance.now() - started < 30_000, 'refused at once: the table took over a minute a command');
  const lintWithin = await runCli(['lint', '--no-cache'], { cwd: makeRoot({ 'issues/0001-a.md': within }) });
  assert.doesNotMatch(lintWithin.stdout, /content-limits/);
});

for (const { what, bound, line, needle, message } of [
  { what: 'formulas', bound: MAX_FILE_DOLLARS, line: 'A sum $x_i$ here.', needle: '$', message: 'Unexpected file with more than 10,000 `$` (math and prices), expected at most 10,000: split the issue' },
  { what: 'links', bound: MAX_FILE_URLS, line: 'See [it](https://example.org/x).', needle: '://', message: 'Unexpected file with more than 10,000 URLs (`://`), expected at most 10,000: split the issue' },
]) {
  test(`a file with more ${what} than their bound is refused before any parse, at the first one past it, in lint and render; one within is read`, async () => {
    assert.equal(bound, 10_000);
    const perLine = line.split(needle).length - 1;
    const within = cleanIssueWithMarkdown({}, { number: 1, body: Array(Math.floor(bound / perLine) - 10).fill(line).join('\n\n') });
    const over = cleanIssueWithMarkdown({}, { number: 1, body: Array(Math.ceil(bound / perLine) + 10).fill(line).join('\n\n') });
    const root = makeRoot({ 'issues/0001-a.md': over });
    const lint = await runCli(['lint', '--no-cache'], { cwd: root });
    assert.equal(lint.code, 1);
    const overAt = over.split(needle).slice(0, bound + 1).join(needle).length;
    const at = `${over.slice(0, overAt).split('\n').length}:${overAt - over.lastIndexOf('\n', overAt - 1)}`;
    assert.match(lint.stdout, new RegExp(`${at}\\s+error\\s+${message.replace(/[$()`:]/g, '\\$&')}\\s+content-limits`));
    const render = await runCli(['render', '1', '--format', 'text'], { cwd: root });
    assert.equal(render.code, 1);
    assert.match(render.stderr, new RegExp(`0001-a\\.md:${at}: Unexpected file with more than 10,000`));
    const lintWithin = await runCli(['lint', '--no-cache'], { cwd: makeRoot({ 'issues/0001-a.md': within }) });
    assert.doesNotMatch(lintWithin.stdout, /content-limits/);
  });
}

test('a file of more than 50,000 lines is refused before any parse, at the start of line 50,001, in lint and render; one of 50,000, with a last line break or without, is read', async () => {
  // Each line costs every stage whatever it holds: a code block of 200,000 one-character lines took lint to 713 MB.
  assert.equal(MAX_FILE_LINES, 50_000);
  /** An issue of `lines` lines ending in a line break (a code block fills it). */
  const withLines = (lines: number) => {
    const head = cleanIssueWithMarkdown({}, { number: 1, body: '```\nCODE\n```' });
    const code = Array.from({ length: lines - head.split('\n').length + 2 }, (_, i) => `${i % 10}`).join('\n');
    return head.replace('CODE', code);
  };
  const within = withLines(MAX_FILE_LINES);
  assert.equal(within.split('\n').length - 1, MAX_FILE_LINES);
  // A last line without its line break is a line too.
  const over = `${within}tail`;
  const root = makeRoot({ 'issues/0001-a.md': over });
  const lint = await runCli(['lint', '--no-cache'], { cwd: root });
  assert.equal(lint.code, 1);
  assert.match(lint.stdout, /50001:1\s+error\s+Unexpected file with more than 50,000 lines, expected at most 50,000: split the issue\s+content-limits/);
  const render = await runCli(['render', '1', '--format', 'text'], { cwd: root });
  assert.equal(render.code, 1);
  assert.match(render.stderr, /0001-a\.md:50001:1: Unexpected file with more than 50,000 lines/);
  for (const read of [within, within.slice(0, -1)]) {
    const lintWithin = await runCli(['lint', '--no-cache'], { cwd: makeRoot({ 'issues/0001-a.md': read }) });
    assert.doesNotMatch(lintWithin.stdout, /content-limits/);
  }
});
