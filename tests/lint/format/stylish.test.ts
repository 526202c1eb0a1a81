import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatStylish } from '../../../src/lint/format/stylish.js';
import type { FileResult, LintMessage } from '../../../src/lint/types.js';

function fileResult(path: string, messages: LintMessage[]): FileResult {
  const errorCount = messages.filter((m) => m.severity === 'error').length;
  return { path, messages, errorCount, warningCount: messages.length - errorCount, fixableErrorCount: 0, fixableWarningCount: 0 };
}

function trailingSpaces(count: number, message: (line: number) => string = () => 'Unexpected trailing whitespace, expected none'): LintMessage[] {
  return Array.from({ length: count }, (_, i) => ({ ruleId: 'no-trailing-spaces', severity: 'warning', message: message(i + 1), line: i + 1, column: 9, endLine: i + 1, endColumn: 12 }));
}

/**
 * A message text that counts how often its length is read: a stand-in for
 * the work of measuring it. It has what a row of the layout uses of a string.
 */
function countedText(text: string, counter: { reads: number }): string {
  const counted = {
    get length() {
      counter.reads += 1;
      return text.length;
    },
    padEnd: (width: number) => text.padEnd(width),
    toString: () => text,
  };
  return counted as unknown as string;
}

test('stylish format: SPEC\'s `file:line:column  severity  message  rule-id`, one message a line, a file\'s columns as wide as their longest entry', () => {
  const results = [
    fileResult('/root/issues/0001-a.md', [
      { ruleId: 'frontmatter-schema', severity: 'error', message: 'Unexpected key `sumary`, expected `summary`', line: 11, column: 5, endLine: 11, endColumn: 11 },
      { ruleId: 'no-placeholder', severity: 'warning', message: 'Unexpected placeholder `TODO`', line: 140, column: 17, endLine: 140, endColumn: 21 },
    ]),
    fileResult('/root/issues/0002-b.md', [{ ruleId: 'no-bare-url', severity: 'warning', message: 'Unexpected bare URL', line: 3, column: 1, endLine: 3, endColumn: 20 }]),
    fileResult('/root/issues/0003-c.md', []),
  ];
  assert.equal(
    formatStylish(results, { cwd: '/root', color: false }),
    [
      'issues/0001-a.md:11:5    error    Unexpected key `sumary`, expected `summary`  frontmatter-schema',
      'issues/0001-a.md:140:17  warning  Unexpected placeholder `TODO`                no-placeholder',
      '',
      'issues/0002-b.md:3:1  warning  Unexpected bare URL  no-bare-url',
      '',
      '✖ 3 problems (1 error, 2 warnings)',
      '',
    ].join('\n'),
  );
  assert.equal(formatStylish([fileResult('/elsewhere/0001-a.md', results[0]!.messages.slice(0, 1))], { cwd: '/root', color: false }).split('\n')[0]!.split('  ')[0], '/elsewhere/0001-a.md:11:5', 'a file outside the folder the command ran in, by its absolute path (path-within.ts shownPath)');
});

test('stylish format: on a terminal a message too long for its row wraps in its column; under its place when a long file name leaves it too little room', () => {
  const message = { ruleId: 'no-placeholder', severity: 'error' as const, message: 'Unexpected placeholder `TODO`, expected finished text', line: 11, column: 12, endLine: 11, endColumn: 16 };
  const short = formatStylish([fileResult('/root/a.md', [message])], { cwd: '/root', color: false, width: 60 });
  assert.equal(short, ['a.md:11:12  error  Unexpected placeholder `TODO`, expected', '                   finished text no-placeholder', '', '✖ 1 problem (1 error, 0 warnings)', ''].join('\n'));
  const long = formatStylish([fileResult('/root/issues/0001-scaling-laws-eval-awareness-and-compute.md', [message])], { cwd: '/root', color: false, width: 60 });
  assert.equal(
    long,
    ['issues/0001-scaling-laws-eval-awareness-and-compute.md:11:12  error', '    Unexpected placeholder `TODO`, expected finished text', '    no-placeholder', '', '✖ 1 problem (1 error, 0 warnings)', ''].join('\n'),
  );
});

test('stylish format: a screen that names its one file (preview --watch) gets rows of line:column', () => {
  const message = { ruleId: 'no-placeholder', severity: 'error' as const, message: 'Unexpected placeholder `TODO`', line: 11, column: 12, endLine: 11, endColumn: 16 };
  const printed = formatStylish([fileResult('/root/issues/0001-a-long-name.md', [message])], { cwd: '/root', color: false, width: 60, oneFile: true });
  assert.equal(printed, ['11:12  error  Unexpected placeholder `TODO`  no-placeholder', '', '✖ 1 problem (1 error, 0 warnings)', ''].join('\n'));
});

test('stylish format: a file\'s messages are measured once each, so the work grows with their number, not its square', () => {
  const lengthReads = (count: number, width: number | undefined) => {
    const counter = { reads: 0 };
    const messages = trailingSpaces(count, (line) => countedText(`Unexpected trailing whitespace on line ${line}, expected none`, counter));
    formatStylish([fileResult('/root/issues/0001-a.md', messages)], { cwd: '/root', color: false, ...(width === undefined ? {} : { width }) });
    return counter.reads;
  };
  // The terminal's layout, and the watch screen's (wide enough for every row to fit).
  for (const width of [undefined, 200]) {
    const small = lengthReads(500, width);
    const large = lengthReads(1000, width);
    assert.ok(small > 0, 'the message column is measured');
    assert.ok(large <= 2 * small, `twice the messages read their lengths ${large / small} times as often (${small} reads for 500, ${large} for 1000; width ${width})`);
  }
});

test('stylish format: a file with more messages than a function call takes arguments still prints', () => {
  // Between 120,000 and 150,000 arguments overflow Node 20's stack: spreading a column's lengths into Math.max threw a RangeError here.
  const count = 200_000;
  const output = formatStylish([fileResult('/root/issues/0001-a.md', trailingSpaces(count))], { cwd: '/root', color: false });
  const lines = output.split('\n');
  assert.equal(lines.length, count + 1 + 1 + 1);
  assert.equal(lines[0], 'issues/0001-a.md:1:9       warning  Unexpected trailing whitespace, expected none  no-trailing-spaces');
  assert.equal(lines[count - 1], 'issues/0001-a.md:200000:9  warning  Unexpected trailing whitespace, expected none  no-trailing-spaces');
  assert.equal(lines.at(-2), `✖ ${count} problems (0 errors, ${count} warnings)`);
});

test('stylish format: with a width, the totals wrap within it too, as the rows do; without one they stay one line each', () => {
  const messages = trailingSpaces(12).map((m) => ({ ...m, fix: { range: [0, 1] as [number, number], text: '' } }));
  const result = { ...fileResult('/root/issues/0001-a.md', messages), fixableWarningCount: 12 };
  const narrow = formatStylish([result], { cwd: '/root', color: false, width: 40 });
  for (const line of narrow.split('\n')) assert.ok(line.length <= 40, `a line of ${line.length} columns: ${JSON.stringify(line)}`);
  assert.match(narrow, /\n {2}12 problems potentially fixable with\n {2}the `--fix` option\.\n$/);
  const piped = formatStylish([result], { cwd: '/root', color: false });
  assert.match(piped, /\n {2}12 problems potentially fixable with the `--fix` option\.\n$/);
});
