import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import type { PaperboyError } from '../../src/errors.js';
import { loadTemplates } from '../../src/render/templates.js';

/** A templates folder with these files (path → text). */
function templatesFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-overrides-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

test('a misnamed file in the templates folder, which would override nothing, is a template error naming it and the name it likely meant', () => {
  const cases: [path: string, expected: RegExp][] = [
    ['web/isue.html.hbs', /web\/isue\.html\.hbs: Unexpected `web\/isue\.html\.hbs` in the templates folder, a file that overrides no built-in template or asset and no template includes, expected `web\/issue\.html\.hbs`$/],
    ['email.htm.hbs', /email\.htm\.hbs: Unexpected `email\.htm\.hbs` in the templates folder, .* expected `email\.html\.hbs`$/],
    ['partials/foter.html.hbs', /foter\.html\.hbs: Unexpected `partials\/foter\.html\.hbs` in the templates folder, .* expected `partials\/footer\.html\.hbs`$/],
    ['partials/Footer.html.hbs', /Unexpected `partials\/Footer\.html\.hbs` .* expected `partials\/footer\.html\.hbs`$/],
    ['web/archive.cs', /web\/archive\.cs: Unexpected `web\/archive\.cs` in the templates folder, .* expected `web\/archive\.css`$/],
    ['web/paper.js', /web\/paper\.js: Unexpected `web\/paper\.js` in the templates folder, .* expected `web\/papers\.js`$/],
    // A template's name without its `.hbs`.
    ['partials/footer.html', /footer\.html: Unexpected `partials\/footer\.html` in the templates folder, .* expected `partials\/footer\.html\.hbs`$/],
    ['email.txt', /email\.txt: Unexpected `email\.txt` .* expected `email\.txt\.hbs`$/],
  ];
  for (const [path, expected] of cases) {
    assert.throws(() => loadTemplates(templatesFolder({ [path]: '<p>ours</p>' })), (error: PaperboyError) => {
      assert.equal(error.code, 'TEMPLATE_ERROR');
      assert.match(error.message, expected);
      assert.match(error.hint ?? '', /start its name with `\.`/);
      return true;
    });
  }
});

test("a partial of its own that a template includes, an override of a built-in one, an asset, and files an editor keeps there (a hidden one, an old copy, a folder of old templates, an image, a backup) are all allowed", () => {
  const dir = templatesFolder({
    'web/name-list.html.hbs': '{{> list-note.html}}<h1>{{pageTitle}}</h1>',
    'partials/list-note.html.hbs': '<p>{{> signature.html}}</p>',
    'partials/signature.html.hbs': 'ours',
    'partials/footer.txt.hbs': '{{links.unsubscribe}} {{newsletter.postalAddress}}',
    'web/archive.css': 'body {}',
    'web/.DS_Store': '',
    'partials/footer-old.html.hbs': '<p>old</p>',
    'partials/sponsor.html.hbs': '<p>not included this week</p>',
    'old/email.html.hbs': '<p>last year</p>',
    'web/print.css': 'body {}',
    'web/logo.png': '',
    'web/issue.html.hbs~': '',
    'README.md': 'Our templates.',
  });
  assert.equal(loadTemplates(dir).render('web/name-list.html', { pageTitle: 'Tags' }), '<p>ours</p><h1>Tags</h1>');
});

test('a partial a template names only as it runs may be any file under partials/', () => {
  const dir = templatesFolder({ 'web/name-list.html.hbs': '{{> (concat "list-" "note.html")}}', 'partials/list-note.html.hbs': 'ours' });
  assert.equal(loadTemplates(dir).render('web/name-list.html', {}), 'ours');
});
