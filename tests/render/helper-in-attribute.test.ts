import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { PaperboyError } from '../../src/errors.js';
import { BUILTIN_TEMPLATES_DIR } from '../../src/render/template-files.js';
import { loadTemplates } from '../../src/render/templates.js';
import { makeRoot } from '../helpers/fixture.js';

const builtin = (name: string) => readFileSync(join(BUILTIN_TEMPLATES_DIR, `${name}.hbs`), 'utf8');

/** The error loading `files`' templates throws, or undefined when they load. */
function loadError(files: Record<string, string>): PaperboyError | undefined {
  const root = makeRoot(files);
  try {
    loadTemplates(join(root, 'templates'));
  } catch (error) {
    return error as PaperboyError;
  }
  return undefined;
}

test('templates: `{{isolate title}}` or `{{lineBreaks …}}` in an attribute (`alt="{{isolate title}}"`), which would print a `<bdi>` or `<br>` as its text, is refused where the templates load, at its place', () => {
  const paper = builtin('partials/paper.html');
  for (const written of ['<img alt="{{isolate title}}" width="1" src="https://example.org/x.png">', "<a title='{{isolate title}}' href=\"#\">x</a>", '<img alt={{isolate title}} width="1" src="https://example.org/x.png">', '<span title="{{#if venue}}{{lineBreaks venue}}{{/if}}">x</span>']) {
    const source = paper.replace('{{isolate title}}</a>', `{{isolate title}}</a>${written}`);
    const error = loadError({ 'templates/partials/paper.html.hbs': source });
    assert.equal(error?.code, 'TEMPLATE_ERROR', written);
    const helper = written.includes('lineBreaks') ? 'lineBreaks' : 'isolate';
    const line = source.split('\n').findIndex((text) => text.includes(written)) + 1;
    const column = source.split('\n')[line - 1]!.indexOf(`{{${helper}`, source.split('\n')[line - 1]!.indexOf(written)) + 1;
    assert.ok(error.message.includes(`partials/paper.html.hbs:${line}:${column}: Unexpected \`${helper}\` in an attribute`), error.message);
    assert.ok(error.message.includes(`expected \`{{${helper === 'isolate' ? 'title' : 'venue'}}}\` there`), error.message);
  }
});

test('templates: `{{isolate title}}` in an element\'s text, after a tag whose attribute holds a `>` in quotes, loads; so does every built-in template', () => {
  const paper = builtin('partials/paper.html');
  assert.equal(loadError({ 'templates/partials/paper.html.hbs': paper.replace('{{isolate title}}</a>', '{{isolate title}}</a><span title="a > b">{{isolate title}}</span>') }), undefined);
  assert.equal(loadError({ 'templates/partials/paper.txt.hbs': `${builtin('partials/paper.txt')}<a title="{{isolate title}}">\n` }), undefined, 'a plaintext template has no attributes');
});
