import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { cleanIssueWithMarkdown, makeRoot } from '../helpers/fixture.js';

/** GFM tables whose header row has an empty cell (first, middle, last, every one) above filled body cells. */
const TABLES = [
  '| | width | depth |\n|---|---|---|\n| alphaone | betaone | gammaone |',
  '| model | | depth |\n|---|---|---|\n| alphatwo | betatwo | gammatwo |',
  '| model | width | |\n|---|---|---|\n| alphathree | betathree | gammathree |',
  '| | | |\n|---|---|---|\n| alphafour | betafour | gammafour |',
];
const CELLS = TABLES.flatMap((table) => table.split('\n')[2]!.split('|').map((cell) => cell.trim()).filter(Boolean));

// A guard (it passes before and after this branch): an audit asked whether a header's empty cell loses the body's text anywhere.
test('a table whose header row has empty cells keeps every body cell in the emails, the preview, the issue and paper pages, the data files, the feeds and search', async () => {
  const summary = `Results by size.\n\n${TABLES.join('\n\n')}\n`;
  const root = makeRoot({ 'issues/0001-a.md': cleanIssueWithMarkdown({ summary }).replace('\n---\n', `\n---\n\n${TABLES[3]}\n\n`) });
  const outputs: Record<string, string> = {};
  for (const format of ['html', 'text']) outputs[`render --format ${format}`] = (await runCli(['render', '1', '--format', format], { cwd: root })).stdout;
  outputs.preview = (await runCli(['preview', '1'], { cwd: root })).stdout;
  const build = await runCli(['build'], { cwd: root });
  assert.equal(build.code, 0, build.stderr);
  for (const file of ['issues/1/index.html', 'issues/1/email.txt', 'papers/2304.15004/index.html', 'papers.json', 'papers.csv', 'feed.xml', 'atom.xml', 'feed.json', 'search/2023.js']) outputs[file] = readFileSync(join(root, 'dist', file), 'utf8');
  for (const [output, text] of Object.entries(outputs)) for (const cell of CELLS) assert.ok(text.includes(cell), `${cell} in ${output}`);
  // In the HTML, each body cell stays in its column: the row has as many cells as the header.
  for (const table of outputs['issues/1/index.html']!.match(/<table>[\s\S]*?<\/table>/g)!) {
    assert.deepEqual([...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => row[1]!.match(/<t[hd][ >]/g)!.length), [3, 3], table);
  }
  for (const cell of CELLS) {
    const search = await runCli(['papers', 'search', cell], { cwd: root });
    assert.match(search.stdout, /Mirage/, cell);
  }
});
