import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../../src/config/load.js';
import { Workspace } from '../../../src/issue/workspace.js';
import { previewIssue } from '../../../src/render/terminal/index.js';
import { loadTemplates } from '../../../src/render/templates.js';
import { makeRoot } from '../../helpers/fixture.js';
import { REPO_ROOT } from '../../helpers/render.js';

/**
 * What `preview --watch` meets while an editor types: the newest sample
 * issue cut short, with a character deleted, or with a stray `[`, at
 * positions all through the file. Each state previews or reports its
 * problems; none throws.
 */
const STEP = 251;

test('half-typed issues: every intermediate state previews or reports problems, never throws', async () => {
  const sample = await Workspace.load(await loadConfig(REPO_ROOT));
  const text = readFileSync(sample.newest()!.path, 'utf8');
  const root = makeRoot({ 'issues/0005-typing.md': text }, readFileSync(join(REPO_ROOT, 'paperboy.config.yaml'), 'utf8'));
  const path = join(root, 'issues', '0005-typing.md');
  const workspace = await Workspace.load(await loadConfig(root));
  const templates = loadTemplates(workspace.config.templatesDir);
  const states = { rendered: 0, problems: 0 };
  for (let at = 0; at <= text.length; at += STEP) {
    for (const state of [text.slice(0, at), text.slice(0, at) + text.slice(at + 1), `${text.slice(0, at)}[${text.slice(at)}`]) {
      writeFileSync(path, state);
      const preview = previewIssue(workspace, await workspace.reload(path), { templates, width: 60, color: true, hyperlinks: true });
      if (preview.output === undefined) {
        assert.ok(preview.parsed.problems.length > 0, `no output and no problem at ${at}`);
        states.problems += 1;
      } else {
        states.rendered += 1;
      }
    }
  }
  assert.ok(states.rendered > 50 && states.problems > 10, JSON.stringify(states));
});
