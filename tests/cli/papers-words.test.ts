import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { archiveRoot } from '../archive/fixture.js';
import { runCli } from '../helpers/cli.js';
import { CONFIG_YAML, makeRoot } from '../helpers/fixture.js';
import { germanWordsYaml } from '../helpers/german-words.js';

/** The archive fixture (three published issues, draft #4) in a German newsletter whose `words:` translates every word. */
function germanArchive(): string {
  return archiveRoot((files) => makeRoot(files, `${CONFIG_YAML}language: de\n${germanWordsYaml()}`));
}

test('papers search in a German newsletter says how many papers match and how many --limit left out in the config\'s words, on stdout and beside --json', async () => {
  const root = germanArchive();
  const limited = await runCli(['papers', 'search', '--limit', '1', '--tag', 'emergence'], { cwd: root });
  assert.equal(limited.code, 0, limited.stderr);
  assert.match(limited.stdout, /\n2 Artikel passen; 1 weitere mit --limit\.\n$/);
  const one = await runCli(['papers', 'search', '2304.15004'], { cwd: root });
  assert.match(one.stdout, /\n1 Artikel passt\.\n$/);
  const json = await runCli(['papers', 'search', '--json', '--limit', '1', '--tag', 'emergence'], { cwd: root });
  assert.equal(json.stderr, '2 Artikel passen; 1 weitere mit --limit.\n');
  assert.ok('firstLine' in (JSON.parse(json.stdout) as object[])[0]!, 'the JSON keys stay as they are');
});

test('papers search in a German newsletter joins the authors in German, as its email does', async () => {
  const result = await runCli(['papers', 'search', '2304.15004'], { cwd: germanArchive() });
  assert.match(result.stdout, /\(Rylan Schaeffer, Brando Miranda und Sanmi Koyejo, 2023\)/);
});

test('papers search in a German newsletter says that nothing matches, and the drafts\' papers it finds, in the config\'s words', async () => {
  const root = germanArchive();
  const none = await runCli(['papers', 'search', 'draft', 'pap'], { cwd: root });
  assert.equal(none.code, 0, none.stderr);
  assert.match(none.stdout, /^Kein veröffentlichter Artikel passt zu "draft pap"\.\nNoch nicht veröffentlicht, in einem Entwurf:\n {2}Entwurf Nr\. 4 {2}A draft paper {2}\(issues\/0004-d\.md:\d+:\d+\)\n$/);
  const file = join(root, 'issues', '0004-d.md');
  const draft = readFileSync(file, 'utf8');
  writeFileSync(file, draft.replace('https://arxiv.org/abs/2401.00001', 'https://arxiv.org/abs/2304.15004'));
  const again = await runCli(['papers', 'search', '2304.15004'], { cwd: root });
  assert.match(again.stdout, /1 Artikel passt\.\nSchon besprochen, erneut in einem Entwurf:\n {2}Entwurf Nr\. 4 {2}A draft paper/);
  writeFileSync(file, draft.replace(/^number: 4\n/m, '').replace('  - title: A draft paper\n    url:', '  - url:'));
  const untitled = await runCli(['papers', 'search', '2401.00001'], { cwd: root });
  assert.match(untitled.stdout, /in einem Entwurf:\n {2}Entwurf {2}\(noch ohne Titel\) {2}\(issues\/0004-d\.md:\d+:\d+\)\n$/);
});
