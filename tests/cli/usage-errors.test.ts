import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';

const STACK_TRACE = /\n\s+at .+:\d+:\d+/;

test('usage errors read as paperboy’s other errors: `paperboy:`, what was unexpected or missing, then the help of the command they are about; exit 2', async () => {
  const root = makeRoot({ 'issues/0001-x.md': cleanIssue() });
  const cases: [string[], string][] = [
    [['preview', '--foo'], 'paperboy: Unexpected option `--foo`\n  Did you mean `--root`?\n  Run `paperboy preview --help` for usage.\n'],
    [['build', '--out'], 'paperboy: Missing the value of --out, expected --out <dir>\n  Run `paperboy build --help` for usage.\n'],
    [['papers', 'export'], 'paperboy: Missing --format, which this command requires, expected one of `csv`, `json`, `bib`, such as `--format csv`\n  Run `paperboy papers export --help` for usage.\n'],
    [['frobnicate'], 'paperboy: Unexpected command `frobnicate`\n  Run `paperboy --help` for usage.\n'],
    [['help', 'frobnicate'], 'paperboy: Unexpected command `frobnicate`\n  Run `paperboy --help` for usage.\n'],
    [['lint', '--root', ''], 'paperboy: Unexpected --root ``, expected a folder, such as `--root ~/digest`\n  Run `paperboy lint --help` for usage.\n'],
    [['subscribers', '--root', '', 'list'], 'paperboy: Unexpected --root ``, expected a folder, such as `--root ~/digest`\n  Run `paperboy subscribers --help` for usage.\n'],
    [['subscribers', 'ad', 'x@example.org'], 'paperboy: Unexpected command `ad`\n  Did you mean `add`?\n  Run `paperboy subscribers --help` for usage.\n'],
    [['papers', 'serch', 'x'], 'paperboy: Unexpected command `serch`\n  Did you mean `search`?\n  Run `paperboy papers --help` for usage.\n'],
    [['lint', '--format', 'xml'], 'paperboy: Unexpected --format `xml`, expected one of `stylish`, `json`, `markdown`\n  Run `paperboy lint --help` for usage.\n'],
    [['lint', '--max-warnings', 'many'], 'paperboy: Unexpected --max-warnings `many`, expected a whole number such as 0 or 10\n  Run `paperboy lint --help` for usage.\n'],
    [['papers', 'search', '--limit', '0', 'x'], 'paperboy: Unexpected --limit `0`, expected a whole number from 1, such as 20\n  Run `paperboy papers search --help` for usage.\n'],
    [['render'], 'paperboy: Missing the argument <issue>\n  Run `paperboy render --help` for usage.\n'],
    [['build', 'extra'], 'paperboy: Too many arguments for `build`, expected 0, got 1\n  Run `paperboy build --help` for usage.\n'],
    [['subscribers', 'add'], 'paperboy: Missing the argument <email>\n  Run `paperboy subscribers add --help` for usage.\n'],
    // Values a command checks itself, once commander has read its flags.
    [['preview', '1', '--width', '10'], 'paperboy: Unexpected --width `10`, expected a number of columns from 20 to 10000, such as 80\n  Run `paperboy preview --help` for usage.\n'],
    [['subscribers', 'list', '--status', 'bogus'], 'paperboy: Unexpected --status `bogus`, expected one of pending, active, unsubscribed, bounced, complained\n  Run `paperboy subscribers list --help` for usage.\n'],
  ];
  for (const [argv, stderr] of cases) {
    const result = await runCli(argv, { cwd: root });
    assert.equal(result.stderr, stderr, argv.join(' '));
    assert.equal(result.code, 2, argv.join(' '));
    assert.equal(result.stdout, '', argv.join(' '));
    assert.doesNotMatch(result.stderr, STACK_TRACE);
  }
});

test('a flag with choices given without its value, or left out when required, names its choices, as a wrong value does', async () => {
  const root = makeRoot({ 'issues/0001-x.md': cleanIssue() });
  const cases: [string[], string][] = [
    [['papers', 'export'], 'paperboy: Missing --format, which this command requires, expected one of `csv`, `json`, `bib`, such as `--format csv`\n  Run `paperboy papers export --help` for usage.\n'],
    [['papers', 'export', '--format'], 'paperboy: Missing the value of --format, expected one of `csv`, `json`, `bib`, such as `--format csv`\n  Run `paperboy papers export --help` for usage.\n'],
    [['render', '1', '--format'], 'paperboy: Missing the value of --format, expected one of `html`, `text`, `eml`, such as `--format html`\n  Run `paperboy render --help` for usage.\n'],
    [['lint', '--format'], 'paperboy: Missing the value of --format, expected one of `stylish`, `json`, `markdown`, such as `--format stylish`\n  Run `paperboy lint --help` for usage.\n'],
    // A flag without choices keeps its usage.
    [['papers', 'export', '--format', 'csv', '--out'], 'paperboy: Missing the value of --out, expected --out <file>\n  Run `paperboy papers export --help` for usage.\n'],
  ];
  for (const [argv, stderr] of cases) {
    const result = await runCli(argv, { cwd: root });
    assert.equal(result.stderr, stderr, argv.join(' '));
    assert.equal(result.code, 2, argv.join(' '));
  }
});

test('a usage error shows a flag\'s value with its control characters replaced, never acted on by the terminal', async () => {
  const root = makeRoot({ 'issues/0001-x.md': cleanIssue() });
  // ESC = (the keypad in application mode) and SO (the line-drawing character set): pasted, they would change the terminal for what follows.
  const cases: [string[], string][] = [
    [['papers', 'search', '--author', '\x1b='], 'paperboy: Unexpected --author `\ufffd=`, expected a name with a letter or digit in it\n  Run `paperboy papers search --help` for usage.\n'],
    [['papers', 'export', '--format', 'csv\x0e'], 'paperboy: Unexpected --format `csv\ufffd`, expected one of `csv`, `json`, `bib`\n  Run `paperboy papers export --help` for usage.\n'],
    [['lint', '--\x1b[2Jx'], 'paperboy: Unexpected option `--\ufffd\ufffd\ufffd\ufffdx`\n  Run `paperboy lint --help` for usage.\n'],
  ];
  for (const [argv, stderr] of cases) {
    const result = await runCli(argv, { cwd: root });
    assert.equal(result.stderr, stderr, JSON.stringify(argv));
    assert.equal(result.code, 2);
  }
});

test('--root before the command is the newsletter directory, as after it; after it wins', async () => {
  const root = makeRoot({ 'issues/0001-x.md': cleanIssue() });
  const elsewhere = makeRoot({});
  const before = await runCli(['--root', root, 'render', '1', '--format', 'text'], { cwd: elsewhere });
  assert.equal(before.code, 0, before.stderr);
  assert.equal(before.stdout, (await runCli(['render', '1', '--format', 'text'], { cwd: root })).stdout);
  const both = await runCli(['--root', elsewhere, 'render', '1', '--format', 'text', '--root', root], { cwd: elsewhere });
  assert.equal(both.code, 0, both.stderr);
});
