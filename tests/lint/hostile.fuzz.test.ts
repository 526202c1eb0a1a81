import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { loadConfig } from '../../src/config/load.js';
import { isPaperboyError } from '../../src/errors.js';
import { Workspace } from '../../src/issue/workspace.js';
import { lintIssues } from '../../src/lint/engine.js';
import { rules } from '../../src/lint/rules/index.js';
import { placeholderCopy } from '../../src/mail/placeholder-copy.js';
import { renderIssueEmail } from '../../src/render/issue-email.js';
import { previewIssue } from '../../src/render/terminal/index.js';
import { loadTemplates } from '../../src/render/templates.js';
import { makeRoot } from '../helpers/fixture.js';
import { REPO_ROOT } from '../helpers/render.js';

/**
 * Whatever bytes an issue file holds, lint, render and preview answer with
 * diagnostics: nothing is thrown past them but a PaperboyError about the
 * content (exit 1). Random bytes, truncations and mutations of the sample
 * issues, with a fixed seed and a time limit, so `npm test` stays
 * reproducible and bounded.
 */
const SEED = 20_261_130;
/** A fixed number of inputs, not a time budget: the same inputs on a busy machine as on an idle one. */
const RUNS = 40;

const samples = readdirSync(join(REPO_ROOT, 'issues'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => readFileSync(join(REPO_ROOT, 'issues', name), 'utf8'));

/** Pieces that matter to YAML and Markdown: fences, anchors and aliases, containers, delimiters, escapes, odd Unicode. */
const PIECES = ['---\n', '\n', ': ', '- ', '  ', '> ', '*', '**', '_', '~~', '[', ']', '(', ')', '[^1]', '`', '```\n', '|', '&a ', '*a', '!!binary ', '"', "'", '#', '\\', '<b>', '&amp;', '$', '\t', '\u0000', '\u00a0', '\ufeff', '\r\n', '\ud800', '𝔘', 'https://', ' #'];

const mutation = fc.record({ at: fc.nat(), remove: fc.nat({ max: 40 }), insert: fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }) });

const hostileFile: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 2000 }),
  fc.tuple(fc.constantFrom(...samples), fc.nat()).map(([sample, cut]) => Buffer.from(sample.slice(0, cut % (sample.length + 1)))),
  fc.tuple(fc.constantFrom(...samples), fc.array(mutation, { minLength: 1, maxLength: 8 })).map(([sample, edits]) => {
    let text = sample;
    for (const { at, remove, insert } of edits) {
      const offset = at % (text.length + 1);
      text = text.slice(0, offset) + insert.join('') + text.slice(offset + remove);
    }
    return Buffer.from(text);
  }),
);

/** A content error (exit 1) may be thrown; anything else escaping is a bug. */
function expectContentError(error: unknown, what: string): void {
  assert.ok(isPaperboyError(error) && error.exitCode === 1, `${what} threw ${String((error as Error)?.stack ?? error)}`);
}

test('fuzz: random bytes, truncations and mutations of the sample issues never throw past lint, render or preview', async () => {
  const root = makeRoot({});
  const config = await loadConfig(root);
  const templates = loadTemplates(config.templatesDir);
  const path = join(root, 'issues', '0001-fuzzed.md');
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(hostileFile, async (bytes) => {
      runs++;
      writeFileSync(path, bytes);
      const [result] = await lintIssues(config, { rules, cache: false, files: [path] });
      assert.ok(result, 'a result for the file');
      const workspace = await Workspace.load(config);
      // A file whose number cannot be read is refused by path as by number (a content error): nothing to render.
      let file;
      try {
        file = await workspace.findOrAdd(path, root);
      } catch (error) {
        expectContentError(error, 'findOrAdd');
        return;
      }
      try {
        await placeholderCopy(workspace, renderIssueEmail(workspace, file, { templates }));
      } catch (error) {
        expectContentError(error, 'render');
      }
      previewIssue(workspace, file, { templates, width: 60, color: true, hyperlinks: true });
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
  assert.equal(runs, RUNS, 'every input was tried');
});
