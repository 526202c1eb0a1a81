import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Handlebars from 'handlebars';
import { registerHelpers } from '../../src/render/helpers.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';
import { renderAll, REPO_ROOT } from '../helpers/render.js';
import { keysAt } from '../helpers/template-fields.js';

const DOC = readFileSync(join(REPO_ROOT, 'docs', 'email-templates.md'), 'utf8');

/** The field names of the first column of a Markdown table's rows (a cell may name several: `intro`, `outro`). */
function namesOf(table: string): string[] {
  return table
    .split('\n')
    .slice(2)
    .flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1]!))
    .sort();
}

/** Each `<!-- email view: PATH -->` of docs/email-templates.md (PATH empty for the view itself), with the fields of the table after it. */
function documentedViews(): { path: string; fields: string[] }[] {
  return [...DOC.matchAll(/<!-- email view:(?: (\S+))? -->\n((?:\|.*\n)+)/g)].map(([, path, table]) => ({ path: path ?? '', fields: namesOf(table!) }));
}

/** The table after `<!-- marker -->` in docs/email-templates.md, by its first column's names. */
function documented(marker: string): string[] {
  const table = new RegExp(`<!-- ${marker} -->\\n((?:\\|.*\\n)+)`).exec(DOC);
  assert.ok(table, `docs/email-templates.md has a table after <!-- ${marker} -->`);
  return namesOf(table[1]!);
}

test('docs/email-templates.md documents every field the email templates receive, and no other', async () => {
  const views = documentedViews();
  assert.ok(views.some((view) => view.path === ''), 'the view itself is documented');
  // The sample issue 5 has highlights, sections with subsections, reviewers; the proof adds `review` and its warnings.
  const own = views.map((view) => keysAt(view.path)).join('');
  const template = `<!DOCTYPE html><html><body>\n${own}<p><a href="{{links.unsubscribe}}">Unsubscribe</a></p><p>{{newsletter.postalAddress}}</p></body></html>\n`;
  const issue = readFileSync(join(REPO_ROOT, 'issues', '0005-situational-awareness-the-reversal-curse-sparse-autoencoders.md'), 'utf8');
  const root = makeRoot({ 'issues/0005-a.md': issue, 'templates/email.html.hbs': template }, readFileSync(join(REPO_ROOT, 'paperboy.config.yaml'), 'utf8'));
  const { html } = await renderAll(root, '5', { review: { warnings: [{ line: 3, column: 1, severity: 'warning', message: 'Example', ruleId: 'example' }] } });
  for (const { path, fields } of views) {
    // The inlining of the CSS writes an empty attribute bare: `<p data-path>` is the view's.
    const written = [...html.matchAll(/<p data-path(?:="([^"]*)")?>([^<]*)<\/p>/g)].find((match) => (match[1] ?? '') === path)?.[2] ?? '';
    assert.deepEqual([...new Set(written.split(/\s+/).filter(Boolean))].sort(), fields, `docs/email-templates.md: the fields of ${path || 'the view'}`);
  }
});

test('docs/email-templates.md documents every helper a template can call, and no other', () => {
  const env = Handlebars.create();
  registerHelpers(env);
  // As templates.ts offers them: Handlebars' `helperMissing` and `blockHelperMissing` are its own machinery, not for calling.
  const helpers = Object.keys(env.helpers).filter((name) => !name.endsWith('Missing')).sort();
  assert.deepEqual(documented('email helpers'), helpers);
});

/** The examples of the helpers' table that are a whole mustache (`{{join tags ", "}}`): not a block, nor one inside an attribute. */
function helperExamples(): string[] {
  const table = /<!-- email helpers -->\n((?:\|.*\n)+)/.exec(DOC)![1]!;
  return table
    .split('\n')
    .slice(2)
    .flatMap((row) => [...(row.split('|')[2] ?? '').matchAll(/`(\{\{(?!#)[^`]*\}\})`/g)].map((match) => match[1]!))
    // `log` writes on stderr, not into the email.
    .filter((example) => !example.startsWith('{{log '));
}

test("docs/email-templates.md: each helper's example renders, where its fields are (a paper's partial or the email), into text, never an object's `[object Object]`", async () => {
  const examples = helperExamples();
  assert.ok(examples.length >= 10, 'the examples are read from the helpers\' table');
  const paper = readFileSync(join(REPO_ROOT, 'templates', 'partials', 'paper.txt.hbs'), 'utf8');
  const email = readFileSync(join(REPO_ROOT, 'templates', 'email.txt.hbs'), 'utf8');
  for (const example of examples) {
    const printed: string[] = [];
    for (const [name, builtin] of [['partials/paper.txt.hbs', paper], ['email.txt.hbs', email]] as const) {
      const root = makeRoot({ 'issues/0001-x.md': cleanIssue({ papers: undefined }), [`templates/${name}`]: `${builtin}\n<<${example}>>\n` });
      try {
        printed.push(/<<([\s\S]*?)>>/.exec((await renderAll(root, '1')).text)![1]!);
      } catch {
        // A field of the other context (`issue.title` in a paper's partial): the example is for the other file.
      }
    }
    assert.ok(printed.length > 0, `${example} renders in neither a paper's partial nor the email`);
    for (const text of printed) assert.ok(!text.includes('[object Object]'), `${example} prints ${JSON.stringify(text)}: an object, not text`);
  }
});

test('docs/email-templates.md names every built-in email template and partial', () => {
  const files = [
    ...readdirSync(join(REPO_ROOT, 'templates')).filter((name) => name.endsWith('.hbs')),
    ...readdirSync(join(REPO_ROOT, 'templates', 'partials')).map((name) => `partials/${name}`),
  ].sort();
  assert.deepEqual(documented('email templates'), files);
});
