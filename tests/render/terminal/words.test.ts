import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../../src/config/load.js';
import { Workspace } from '../../../src/issue/workspace.js';
import { CONFIG_YAML, makeRoot } from '../../helpers/fixture.js';
import { englishWordsIn, germanWordsYaml, readable } from '../../helpers/german-words.js';
import { runCli } from '../../helpers/cli.js';
import { flat, renderAll } from '../../helpers/render.js';
import { PLAIN, previewOf } from './fixture.js';

/** An issue with every part the preview words: a highlight, a paper with a section and one without, an editor, a summarizer, prerequisites, an opinion, a hat tip, reviewers and a footnote. */
const ISSUE = `---
number: 7
title: Ausgabe sieben
date: 2023-05-29
editor: Mira Okafor
reviewers: [Ada Lovelace, Grace Hopper, Alan Turing]
status: ready
papers:
  - title: Steering vectors
    url: https://arxiv.org/abs/2308.10248
    authors: [Alex Turner, Lisa Thiergart, David Udell]
    highlight: true
    summarizer: Bo Guest
    via: Chris Reader
    prerequisites: |
      Lineare Algebra.
    summary: |
      Ein Vektor in den Aktivierungen lenkt das Modell.
    opinion: |
      Einfach und stark.
  - title: Emergence mirages
    url: https://arxiv.org/abs/2304.15004
    authors: [Rylan Schaeffer, Brando Miranda]
    summary: |
      Scharfe Sprünge kommen von scharfen Metriken.
  - title: Sleeper agents
    url: https://arxiv.org/abs/2401.05566
    section: Evaluations
    summary: |
      Hintertüren überstehen das Sicherheitstraining.
---

Willkommen.[^1]

[^1]: Eine Fußnote.
`;

/** The preview of `ISSUE` in a newsletter of this config, at 100 columns without colour. */
async function previewWith(configYaml: string): Promise<{ preview: string; root: string }> {
  const root = makeRoot({ 'issues/0007-sieben.md': ISSUE }, configYaml);
  const workspace = await Workspace.load(await loadConfig(root));
  return { preview: previewOf(workspace, workspace.newest()!, { ...PLAIN, width: 100 }), root };
}

/** The preview under its inbox header: what the email's content is shown as. */
function content(preview: string): string {
  return preview.slice(preview.indexOf('─'.repeat(100)) + 100);
}

/**
 * The lines of the preview that paperboy words, in a newsletter's words: the
 * issue's line, the section titles, the authors joined, each paper's
 * labels, the reviewers' thanks and the notes' heading.
 */
interface WordedLines {
  issueLine: string;
  highlights: string;
  others: string;
  authors: string;
  summarizedBy: string;
  prerequisites: string;
  opinion: string;
  hatTip: string;
  thanks: string;
  notes: string;
}

const GERMAN: WordedLines = {
  issueLine: 'Ausgabe Nr. 7 · 29. Mai 2023 · Herausgegeben von Mira Okafor · ready',
  highlights: 'Empfehlungen',
  others: 'Weitere Artikel',
  authors: 'Alex Turner, Lisa Thiergart und David Udell',
  summarizedBy: 'Zusammengefasst von Bo Guest',
  prerequisites: 'Vorkenntnisse:',
  opinion: 'Meinung:',
  hatTip: 'Hinweis von Chris Reader',
  thanks: 'Danke an Ada Lovelace, Grace Hopper und Alan Turing für die Durchsicht dieser Ausgabe.',
  notes: 'Anmerkungen',
};

const ENGLISH: WordedLines = {
  issueLine: 'Issue #7 · 29 May 2023 · edited by Mira Okafor · ready',
  highlights: 'Highlights',
  others: 'Other papers',
  authors: 'Alex Turner, Lisa Thiergart and David Udell',
  summarizedBy: 'Summarized by Bo Guest',
  prerequisites: 'Prerequisites:',
  opinion: 'Opinion:',
  hatTip: 'H/T Chris Reader',
  thanks: 'Thanks to Ada Lovelace, Grace Hopper and Alan Turing for reviewing this issue.',
  notes: 'Notes',
};

const asRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Asserts that the preview's content `shown` says each of `lines`, each on its own line (the headings underlined, the names indented). */
function assertSays(shown: string, lines: WordedLines): void {
  assert.match(shown, new RegExp(`^${asRegExp(lines.issueLine)}$`, 'm'));
  for (const heading of [lines.highlights, lines.others]) assert.match(shown, new RegExp(`^${asRegExp(heading)}\\n-+$`, 'm'));
  for (const indented of [lines.authors, lines.summarizedBy]) assert.match(shown, new RegExp(`^ {3}${asRegExp(indented)}$`, 'm'));
  for (const label of [lines.prerequisites, lines.opinion, lines.hatTip]) assert.match(shown, new RegExp(`^${asRegExp(label)}$`, 'm'));
  assert.ok(flat(shown).includes(lines.thanks), `says "${lines.thanks}"`);
  assert.match(shown, new RegExp(`^${asRegExp(lines.notes)}\\n-+$`, 'm'));
}

test('the preview of a German newsletter says what the email says in its words: section titles, the issue\'s line, each paper\'s labels, the authors joined in German, the reviewers\' thanks, the notes\' heading', async () => {
  const { preview, root } = await previewWith(`${CONFIG_YAML}language: de\n${germanWordsYaml()}`);
  const shown = content(preview);
  assertSays(shown, GERMAN);
  assert.deepEqual(englishWordsIn(shown), [], 'no English word of paperboy\'s under the inbox header');
  // The plaintext email says each of them alike.
  const { text } = await renderAll(root, '7');
  for (const said of [GERMAN.highlights, GERMAN.others, GERMAN.authors, GERMAN.summarizedBy, GERMAN.prerequisites, GERMAN.opinion, GERMAN.hatTip, GERMAN.notes]) {
    assert.ok(text.includes(said), `the plaintext email says "${said}" too`);
  }
});

test('the preview of a newsletter whose language is not English joins the authors as its email does, though its words are English', async () => {
  const { preview, root } = await previewWith(`${CONFIG_YAML}language: fr\n`);
  assert.match(preview, /^ {3}Alex Turner, Lisa Thiergart et David Udell$/m);
  assert.match(preview, /^Issue #7 · 29 May 2023 · edited by Mira Okafor · ready$/m);
  // The reviewers' thanks is an English sentence, and joins them in English, as the email does.
  assert.match(flat(preview), /Thanks to Ada Lovelace, Grace Hopper and Alan Turing for reviewing this issue\./);
  assert.ok((await renderAll(root, '7')).text.includes('Alex Turner, Lisa Thiergart et David Udell'));
});

test('the preview of an English newsletter says paperboy\'s English words as it always has', async () => {
  const { preview } = await previewWith(CONFIG_YAML);
  assertSays(content(preview), ENGLISH);
});

test('paperboy preview of a German newsletter, say the email\'s words in German', async () => {
  const root = makeRoot({ 'issues/0007-sieben.md': ISSUE }, `${CONFIG_YAML}language: de\n${germanWordsYaml()}`);
  const result = await runCli(['preview', '--width', '100'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^Ausgabe Nr\. 7 · 29\. Mai 2023 · Herausgegeben von Mira Okafor · ready$/m);
  assert.match(result.stdout, /^Meinung:$/m);
});

test("an image in the preview and the plaintext email of a German newsletter is labelled in its word (`words.image`), and stays `[image: …]` in English", async () => {
  const withImage = ISSUE.replace('Ein Vektor in den Aktivierungen lenkt das Modell.', 'Ein Vektor lenkt das Modell. ![Ein Diagramm](https://example.org/d.png) ![](https://example.org/e.png)');
  const german = makeRoot({ 'issues/0007-sieben.md': withImage }, `${CONFIG_YAML}language: de\n${germanWordsYaml()}`);
  const workspace = await Workspace.load(await loadConfig(german));
  const shown = content(previewOf(workspace, workspace.newest()!, { ...PLAIN, width: 100 }));
  assert.match(flat(shown), /\[Bild: Ein Diagramm\] \[\d+\] \[Bild\] \[\d+\]/);
  assert.deepEqual(englishWordsIn(shown), [], 'no English word of paperboy\'s under the inbox header');
  const { text } = await renderAll(german, '7');
  assert.match(flat(text), /\[Bild: Ein Diagramm\] \[\d+\] \[Bild\] \[\d+\]/);
  assert.deepEqual(englishWordsIn(readable(text)), [], 'no English word of paperboy\'s in the plaintext email');
  const english = makeRoot({ 'issues/0007-sieben.md': withImage }, CONFIG_YAML);
  assert.match(flat((await renderAll(english, '7')).text), /\[image: Ein Diagramm\] \[\d+\] \[image\] \[\d+\]/);
});
