import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildSite } from '../../src/archive/build.js';
import { loadConfig } from '../../src/config/load.js';
import { REPO_ROOT } from '../helpers/render.js';
import { keysAt } from '../helpers/template-fields.js';
import { archiveRoot } from './fixture.js';

/** The page of the archive fixture each web template is read on: issue 2 has an issue before and after it. */
const PAGE_OF: Record<string, string> = {
  layout: 'index.html',
  index: 'index.html',
  issue: 'issues/2/index.html',
  'paper-list': 'papers/index.html',
  paper: 'papers/2304.15004/index.html',
  'name-list': 'tags/index.html',
};

/** Each `<!-- view: TEMPLATE PATH -->` of docs/web-templates.md, with the field names of the table after it (a cell may name several: `previous`, `next`). */
function documentedViews(): { template: string; path: string; fields: string[] }[] {
  const doc = readFileSync(join(REPO_ROOT, 'docs', 'web-templates.md'), 'utf8');
  return [...doc.matchAll(/<!-- view: (\S+)(?: (\S+))? -->\n((?:\|.*\n)+)/g)].map(([, template, path, table]) => ({
    template: template!,
    path: path ?? '',
    fields: table!
      .split('\n')
      .slice(2)
      .flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1]!))
      .sort(),
  }));
}

test('docs/web-templates.md documents every field each web template receives, and no other', async () => {
  const views = documentedViews();
  assert.deepEqual([...new Set(views.map((view) => view.template))].sort(), Object.keys(PAGE_OF).sort(), 'every web template of a built page is documented');
  const root = archiveRoot();
  const config = await loadConfig(root);
  mkdirSync(join(config.templatesDir, 'web'), { recursive: true });
  for (const template of Object.keys(PAGE_OF)) {
    const own = views.filter((view) => view.template === template).map((view) => keysAt(view.path)).join('');
    writeFileSync(join(config.templatesDir, 'web', `${template}.html.hbs`), template === 'layout' ? `<!DOCTYPE html><title>{{title}}</title>\n${own}{{{body}}}` : own);
  }
  await buildSite(config, { outDir: join(root, 'dist'), drafts: false, cache: false });
  for (const { template, path, fields } of views) {
    const page = readFileSync(join(root, 'dist', PAGE_OF[template]!), 'utf8');
    // The layout's own paragraphs come before the page's: the first of a path is the layout's, the last the page's.
    const written = [...page.matchAll(/<p data-path="([^"]*)">([^<]*)<\/p>/g)].filter((match) => match[1] === path);
    const keys = (template === 'layout' ? written[0] : written.at(-1))?.[2] ?? '';
    assert.deepEqual([...new Set(keys.split(' ').filter(Boolean))].sort(), fields, `${template} ${path || '(the view)'}`);
  }
});
