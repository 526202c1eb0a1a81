import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_FILE_DELIMITER_RUNS, MAX_SPAN_DELIMITER_RUNS } from '../../src/issue/delimiter-runs.js';
import { withinLimits } from '../../src/issue/limits.js';
import { FRONTMATTER_ONLY, parseIssue } from '../../src/issue/parse.js';
import { decodeIssueSource } from '../../src/issue/source.js';
import { runCli } from '../helpers/cli.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';

const refuseToParse = withinLimits(() => assert.fail('the parser must not be called for a text over the limits'));
const parsedOf = (text: string, options = {}) => parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(text)), options);

test('a paragraph with more emphasis runs than micromark resolves in time is refused before the parse, at the first run past the bound', () => {
  assert.equal(MAX_SPAN_DELIMITER_RUNS, 1_000);
  for (const unit of ['*a', '*a**a', '~a~~a', '_a ']) {
    const runsPerUnit = unit.match(/[*_~]+/g)!.length;
    const units = Math.ceil((MAX_SPAN_DELIMITER_RUNS + 1) / runsPerUnit);
    const text = `Intro ${unit.repeat(units)}`;
    const excessAt = 'Intro '.length + [...text.slice('Intro '.length).matchAll(/[*_~]+/g)][MAX_SPAN_DELIMITER_RUNS]!.index;
    assert.throws(() => refuseToParse(text), (error: Error & { offset?: number }) => error.name === 'ContentLimitError' && error.offset === excessAt && /split it into paragraphs/.test(error.message), unit);
  }
});

test('paragraphs of up to 1,000 emphasis runs each, split by blank lines, are parsed', () => {
  const paragraph = '*a'.repeat(MAX_SPAN_DELIMITER_RUNS);
  const parsed = parsedOf(cleanIssue({ body: `${paragraph}\n\n${paragraph}\n\n${paragraph}` }));
  assert.deepEqual(parsed.problems, []);
  assert.equal(parsed.issue!.body.tree.children.length, 3);
});

test('a line of unpaired `*a` is a positioned content-limits error at once, in the parser and in lint and render, where micromark took over a minute', async () => {
  const started = performance.now();
  const lines = ['*a'.repeat(50_000), '*a**a'.repeat(20_000), '~a~~a'.repeat(20_000), '*a'.repeat(15_000)].map((line) => parsedOf(cleanIssue({ body: `Intro ${line}` })).problems);
  assert.ok(performance.now() - started < 5_000, 'refused before micromark would spend minutes');
  assert.deepEqual(
    lines.map((problems) => problems.map((p) => [p.ruleId, p.position.start.line, p.position.start.column, p.message.split(' with')[0]])),
    [
      [['content-limits', 21, 'Intro '.length + 2 * MAX_FILE_DELIMITER_RUNS + 1, 'Unexpected file']],
      [['content-limits', 21, 'Intro '.length + 2.5 * MAX_FILE_DELIMITER_RUNS + 1, 'Unexpected file']],
      [['content-limits', 21, 'Intro '.length + 2.5 * MAX_FILE_DELIMITER_RUNS + 1, 'Unexpected file']],
      [['content-limits', 21, 'Intro '.length + 2 * MAX_SPAN_DELIMITER_RUNS + 1, 'Unexpected paragraph']],
    ],
  );
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ body: `Intro ${'*a'.repeat(15_000)}` }) });
  const lint = await runCli(['lint', '--no-cache'], { cwd: root });
  assert.equal(lint.code, 1);
  assert.match(lint.stdout, /21:2007\s+error\s+Unexpected paragraph with more than 1,000 runs of `\*`, `_` or `~` \(emphasis and strikethrough marks\), expected at most 1,000: split it into paragraphs with blank lines\s+content-limits/);
  const render = await runCli(['render', '1', '--format', 'text'], { cwd: root });
  assert.equal(render.code, 1);
  assert.match(render.stderr, /0001-a\.md:21:2007: Unexpected paragraph with more than 1,000 runs/);
});

test('a file with more emphasis runs than the bound for a file is refused before any parse, frontmatter texts counted, at the first run past it', () => {
  assert.equal(MAX_FILE_DELIMITER_RUNS, 20_000);
  // 19,500 runs in the body and 500 in a subject: the frontmatter's texts count as the body's.
  const within = cleanIssue({ body: `${'*a'.repeat(500)}\n\n`.repeat(39) }).replace('preheader:', `subject: ${'_x '.repeat(500)}\npreheader:`);
  assert.equal(within.match(/[*_~]+/g)!.length, MAX_FILE_DELIMITER_RUNS);
  assert.deepEqual(parsedOf(within, FRONTMATTER_ONLY).problems, []);
  const over = `${within}~~`;
  const problems = parsedOf(over, FRONTMATTER_ONLY).problems;
  assert.deepEqual(problems.map((p) => [p.ruleId, p.position.start.offset]), [['content-limits', over.length - 2]]);
  assert.equal(problems[0]!.message, 'Unexpected file with more than 20,000 runs of `*`, `_` or `~` (emphasis and strikethrough marks), expected at most 20,000: split the issue');
});
