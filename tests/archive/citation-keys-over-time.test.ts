import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { spawnCli } from '../helpers/cli.js';
import { archiveRoot } from './fixture.js';
import { pagesDigest } from './site-check.js';

/** The citation key papers.bib and the paper's page give the paper of arXiv `id`. */
function citedAs(site: string, id: string): { bib: string | undefined; page: string | undefined } {
  const entry = (text: string) => new RegExp(`@misc\\{([^,]+),\\n(?:  .*\\n)*?  eprint = \\{${id.replace('.', '\\.')}\\}`).exec(text)?.[1];
  return { bib: entry(readFileSync(join(site, 'papers.bib'), 'utf8')), page: /@misc\{([^,]+),/.exec(readFileSync(join(site, 'papers', id, 'index.html'), 'utf8'))?.[1] };
}

function build(root: string): void {
  const built = spawnCli(['build'], { cwd: root });
  assert.equal(built.code, 0, built.stderr);
}

test("papers.bib: a paper covered again in a later issue under a new title and first author (arXiv's v2) keeps the citation key readers already cite, on its page too; the rebuild equals a clean build", () => {
  const root = archiveRoot();
  build(root);
  const before = citedAs(join(root, 'dist'), '2304.15004');
  assert.deepEqual(before, { bib: 'schaeffer2023emergent', page: 'schaeffer2023emergent' });

  // Issue 2 covers issue 1's paper again: now under the title and author list of its revised version.
  const second = join(root, 'issues', '0002-b.md');
  const text = readFileSync(second, 'utf8');
  const revised = text.replace('  - title: Are Emergent Abilities of Large Language Models a Mirage?', '  - title: Mirages of Emergence in Large Language Models').replace('authors: [Rylan Schaeffer, Brando Miranda, Sanmi Koyejo]', 'authors: [Brando Miranda, Rylan Schaeffer, Sanmi Koyejo]');
  assert.notEqual(revised, text);
  writeFileSync(second, revised);
  build(root);
  assert.deepEqual(citedAs(join(root, 'dist'), '2304.15004'), before);
  // The page shows the paper as the later issue wrote it.
  assert.match(readFileSync(join(root, 'dist', 'papers', '2304.15004', 'index.html'), 'utf8'), /Mirages of Emergence in Large Language Models/);

  const clean = join(root, 'clean');
  cpSync(join(root, 'paperboy.config.yaml'), join(clean, 'paperboy.config.yaml'));
  cpSync(join(root, 'issues'), join(clean, 'issues'), { recursive: true });
  build(clean);
  assert.deepEqual(pagesDigest(join(root, 'dist')), pagesDigest(join(clean, 'dist')));
});
