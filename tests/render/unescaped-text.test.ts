import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { PaperboyError } from '../../src/errors.js';
import { BUILTIN_TEMPLATES_DIR } from '../../src/render/template-files.js';
import { loadTemplates } from '../../src/render/templates.js';
import { runCli } from '../helpers/cli.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';

const builtin = (name: string) => readFileSync(join(BUILTIN_TEMPLATES_DIR, `${name}.hbs`), 'utf8');

/** The place (`line:column`, from 1) of the first `needle` in `source`. */
function placeOf(source: string, needle: string): string {
  const before = source.slice(0, source.indexOf(needle)).split('\n');
  return `${before.length}:${before.at(-1)!.length + 1}`;
}

function loadError(files: Record<string, string>): PaperboyError {
  const root = makeRoot(files);
  try {
    loadTemplates(join(root, 'templates'));
  } catch (error) {
    return error as PaperboyError;
  }
  assert.fail('expected the templates to be refused');
}

test('templates: a text field in triple braces (`{{{title}}}`, `{{&title}}`) is refused where the templates load, at its place, with the double braces to write', () => {
  for (const [name, written] of [
    ['partials/paper.html', '{{{title}}}'],
    ['web/paper.html', '{{{title}}}'],
    ['partials/paper.html', '{{&title}}'],
  ] as const) {
    const source = builtin(name).replace('{{isolate title}}', written);
    const error = loadError({ [`templates/${name}.hbs`]: source });
    assert.equal(error.code, 'TEMPLATE_ERROR', name);
    assert.ok(
      error.message.endsWith(
        `${name}.hbs:${placeOf(source, written)}: Unexpected \`{{{title}}}\`: \`title\` is text, which triple braces print without escaping (a \`<\` in a title becomes a tag in every email and page), expected \`{{title}}\`; only HTML fields (\`summary.html\`${name === 'web/paper.html' ? ', `footnotes`' : ''} and the other \`….html\`) take triple braces`,
      ),
      error.message,
    );
  }
});

test("templates: a helper's result in triple braces is refused; HTML fields in triple braces load, built-in and custom", () => {
  const source = builtin('partials/paper.html').replace('{{isolate title}}', '{{{concat "<b>" title "</b>"}}}');
  assert.match(loadError({ 'templates/partials/paper.html.hbs': source }).message, /paper\.html\.hbs:\d+:\d+: Unexpected triple braces around a helper's result/);
  assert.doesNotThrow(() => loadTemplates());
  const root = makeRoot({ 'templates/partials/paper.html.hbs': builtin('partials/paper.html').replace('{{{summary.html}}}', '<section>{{{summary.html}}}</section>'), 'templates/email.txt.hbs': `{{{issue.title}}}\n${builtin('email.txt')}` });
  assert.doesNotThrow(() => loadTemplates(join(root, 'templates')));
});

test("templates: a paper title's <script> never reaches the sent email through a custom template's triple braces: render and send refuse it, exit 2, at the template's line and column", async () => {
  const source = builtin('partials/paper.html').replace('{{isolate title}}', '{{{title}}}');
  const root = makeRoot({
    'templates/partials/paper.html.hbs': source,
    'issues/0001-a.md': cleanIssue({ status: 'ready' }).replace(/title: (.*)\n(\s+url:)/, 'title: "Why <script>alert(1)</script> matters"\n$2'),
  });
  for (const command of [['render', '1'], ['send', '1', '--dry-run']]) {
    const result = await runCli(command, { cwd: root });
    assert.equal(result.code, 2, `${command.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, new RegExp(`partials/paper\\.html\\.hbs:${placeOf(source, '{{{title}}}')}: Unexpected \`\\{\\{\\{title\\}\\}\\}\``));
    assert.doesNotMatch(result.stdout, /<script>/);
  }
});
