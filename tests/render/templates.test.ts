import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isPaperboyError, PaperboyError } from '../../src/errors.js';
import { BUILTIN_TEMPLATES_DIR } from '../../src/render/template-files.js';
import { currentTemplates, loadTemplates } from '../../src/render/templates.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';
import { renderAll, rootWith } from '../helpers/render.js';

test('templates: the built-in set has both emails and the header, paper, section and footer partials', () => {
  const names = [...loadTemplates().files.keys()];
  for (const name of ['email.html', 'email.txt', 'partials/header.html', 'partials/paper.html', 'partials/section.html', 'partials/footer.html']) {
    assert.ok(names.includes(name), `missing ${name}`);
  }
  assert.ok(loadTemplates().files.get('email.html')!.startsWith(BUILTIN_TEMPLATES_DIR));
});

test("templates: a file in the root's templatesDir overrides the built-in partial of the same name", async () => {
  const { root } = await rootWith(
    { '0001-a.md': cleanIssue() },
    {
      'templates/partials/footer.html.hbs': '<p class="custom-footer">Sent with care to you. {{newsletter.postalAddress}} <a href="{{links.unsubscribe}}">Leave</a></p>',
      'templates/email.txt.hbs': 'Custom text for #{{issue.number}}: {{links.unsubscribe}}\n',
    },
  );
  const { html, text } = await renderAll(root, '1');
  assert.match(html, /class="custom-footer"[^>]*>Sent with care to you\. 1 Example Street/);
  assert.match(html, /<a href="https:\/\/news\.example\.org\/unsubscribe\?token=PLACEHOLDER"[^>]*>Leave<\/a>/);
  assert.doesNotMatch(html, /because you subscribed/);
  assert.equal(text, 'Custom text for #1: https://news.example.org/unsubscribe?token=PLACEHOLDER\n');
});

function templateError(files: Record<string, string>): PaperboyError {
  const root = makeRoot(files);
  try {
    loadTemplates(join(root, 'templates')).render('email.html', { issue: { title: 'x' }, papers: [] });
  } catch (error) {
    assert.ok(isPaperboyError(error), String(error));
    return error;
  }
  assert.fail('expected a template error');
}

test('templates: a syntax error names the template file and line', () => {
  const error = templateError({ 'templates/partials/paper.html.hbs': '<div>\n{{#if title}}\n<p>unclosed</p>\n' });
  assert.equal(error.code, 'TEMPLATE_ERROR');
  assert.match(error.message, /templates\/partials\/paper\.html\.hbs:\d+: /);
});

test('templates: a runtime error names the template file and line, even inside a partial', () => {
  const error = templateError({
    'templates/email.html.hbs': '<html>\n{{> broken.html}}\n</html>\n',
    'templates/partials/broken.html.hbs': '<p>\n\n{{issue.misspelt}}</p>\n',
  });
  assert.match(error.message, /templates\/partials\/broken\.html\.hbs:3: Unexpected field `misspelt`, expected a field of the view model/);
});

test('templates: a missing partial is an error naming the template that asked for it', () => {
  const error = templateError({ 'templates/email.html.hbs': '<html>\n{{> nowhere}}\n</html>\n' });
  assert.match(error.message, /templates\/email\.html\.hbs:2: The partial nowhere could not be found/);
});

test('templates: {{ and }} in content stay inert text in every output', async () => {
  const papers = `  - title: "Braces {{newsletter.name}}"
    url: https://arxiv.org/abs/2304.15004
    summary: |
      Literal {{links.unsubscribe}} and {{> footer.html}} and {{{issue.title}}}.
`;
  const { root } = await rootWith({ '0001-a.md': cleanIssue({ papers, body: 'Body {{#each papers}}x{{/each}}' }) });
  const { html, text } = await renderAll(root, '1');
  for (const output of [html, text]) {
    assert.ok(output.includes('Braces {{newsletter.name}}'), 'title');
    assert.ok(output.includes('{{links.unsubscribe}}'), 'summary');
    assert.ok(output.includes('{{> footer.html}}') || output.includes('{{&gt; footer.html}}'), 'partial call');
    assert.ok(output.includes('{{{issue.title}}}'), 'triple stash');
    assert.ok(output.includes('Body {{#each papers}}x{{/each}}'), 'body');
  }
});

test('currentTemplates compiles again after a template is edited, and reuses the set while nothing changed (preview --watch, email-size)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-current-'));
  const note = join(dir, 'note.html.hbs');
  writeFileSync(note, '<p>first {{word}}</p>');
  const first = currentTemplates(dir);
  assert.equal(first.render('note.html', { word: 'draft' }), '<p>first draft</p>');
  assert.equal(currentTemplates(dir), first);
  writeFileSync(note, '<p>edited {{word}}</p>');
  assert.equal(currentTemplates(dir).render('note.html', { word: 'draft' }), '<p>edited draft</p>');
});
