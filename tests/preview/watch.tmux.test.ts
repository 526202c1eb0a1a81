import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { displayWidth } from '../../src/render/text/index.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';
import { BIN } from '../helpers/cli.js';

/**
 * The `preview --watch` screen as an editor sees it, in tmux at 40 and 100
 * columns: every line within the width (cut with "…", never by the
 * terminal), the status line with the file name first, the rule as wide as
 * the text, the diagnostics in lint's columns. Runs the compiled CLI (lib/):
 * `npm test` builds it first.
 */
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const FILE = '0005-situational-awareness-the-reversal-curse-sparse-autoencoders.md';
const TIMEOUT_MS = 20_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const LONG_URL = 'https://example.org/an-extraordinarily-long-path-segment-that-never-ends-and-keeps-going/index.html';

/** An issue with an error and a warning (a placeholder, a missing opinion) and a long URL in its text. */
function issueWithProblems(): string {
  return cleanIssue({
    title: 'Watched at two widths',
    body: `See ${LONG_URL} for TODO the details.`,
  }).replace(/ {4}opinion: \|\n.*\n/, '');
}

async function watchScreen(columns: number): Promise<{ lines: string[]; kill: () => void }> {
  const root = makeRoot({});
  writeFileSync(join(root, 'issues', FILE), issueWithProblems());
  const socket = `paperboy-watch-${process.pid}-${columns}-${Date.now()}`;
  const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', env: { ...process.env, FORCE_HYPERLINK: '0' } });
  const kill = () => void tmux('kill-server');
  tmux('new-session', '-d', '-x', String(columns), '-y', '50', `node ${BIN} preview --watch --root ${root} 1; sleep 30`);
  const deadline = Date.now() + TIMEOUT_MS;
  let screen = '';
  while (Date.now() < deadline) {
    screen = tmux('capture-pane', '-p').stdout;
    if (/linted at/.test(screen) || (columns < 60 && /0005-situational/.test(screen) && /placeholder/.test(screen))) break;
    await sleep(100);
  }
  return { lines: screen.replace(/\n+$/, '').split('\n'), kill };
}

for (const columns of [40, 100]) {
  test(`watch screen in tmux at ${columns} columns: lines cut with "…", the file name first in the status line, the rule as wide as the text, lint's columns`, { skip: hasTmux ? false : 'tmux is not installed' }, async () => {
    const { lines, kill } = await watchScreen(columns);
    try {
      const screen = lines.join('\n');
      assert.match(screen, /Watched at two widths/, screen);
      for (const line of lines) assert.ok(displayWidth(line) <= columns, `over ${columns} columns: ${line}`);
      // A line the terminal would have cut silently ends in "…" instead. The diagnostics above the first rule are wrapped, never cut: a line of theirs may fill the width.
      // A URL wider than the screen is cut over lines that fill it, every character kept: its pieces end in none.
      const firstRule = lines.findIndex((line) => /^─+$/.test(line));
      const below = lines.slice(firstRule);
      assert.ok(below.map((line) => line.trim()).join('').includes(LONG_URL), `the whole URL, over lines:\n${screen}`);
      const urlPieces = below.filter((line) => line.trim() !== '' && LONG_URL.includes(line.trim()));
      if (columns < LONG_URL.length) assert.ok(urlPieces.length >= 2, `the URL cut over lines:\n${screen}`);
      for (const line of below.filter((candidate) => displayWidth(candidate.trimEnd()) === columns && !urlPieces.includes(candidate))) {
        assert.ok(/[…─=~-]$/.test(line.trimEnd()) || displayWidth(line.trimEnd()) < columns, `cut without "…": ${line}`);
      }
      const status = [...lines].reverse().find((line) => line.trim() !== '')!;
      assert.ok(status.trimStart().startsWith('0005-situational-awareness'), `status line: ${status}`);
      if (columns === 100) assert.ok(status.includes(FILE), `the whole file name at 100 columns: ${status}`);
      else assert.ok(status.trimEnd().endsWith('…'), `the status line is cut with "…": ${status}`);

      const rules = lines.filter((line) => /^─+$/.test(line));
      assert.ok(rules.length >= 1);
      for (const rule of rules) assert.equal(displayWidth(rule), Math.min(columns, 100));

      const diagnostics = lines.filter((line) => /^\d+:\d+ +(error|warning) /.test(line));
      assert.ok(diagnostics.length >= 2, screen);
      const messageColumns = diagnostics.map((line) => /^\S+ +(?:error|warning) +/.exec(line)![0].length);
      assert.equal(new Set(messageColumns).size, 1, `the messages start in one column:\n${diagnostics.join('\n')}`);
    } finally {
      kill();
    }
  });
}
