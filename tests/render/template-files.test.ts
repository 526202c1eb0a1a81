import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BUILTIN_TEMPLATES_DIR, pageTemplatesHash, templateFiles, templatesFingerprint } from '../../src/render/template-files.js';
import { loadTemplates } from '../../src/render/templates.js';
import type { PaperboyError } from '../../src/errors.js';

test('template files: the built-in ones, then the overrides, each directory in name order', () => {
  const overrides = mkdtempSync(join(tmpdir(), 'paperboy-templates-'));
  mkdirSync(join(overrides, 'partials'));
  writeFileSync(join(overrides, 'partials', 'footer.html.hbs'), '<p>{{name}}</p>');
  writeFileSync(join(overrides, 'notes.txt'), 'not a template');
  const files = templateFiles(overrides);
  const builtIn = files.filter(({ file }) => file.startsWith(BUILTIN_TEMPLATES_DIR));
  assert.ok(builtIn.some(({ relativePath }) => relativePath === 'email.html.hbs'));
  assert.deepEqual(files.slice(builtIn.length), [{ relativePath: join('partials', 'footer.html.hbs'), file: join(overrides, 'partials', 'footer.html.hbs') }]);
});

test('templates fingerprint: stable, and changed by an override added or edited', () => {
  const overrides = mkdtempSync(join(tmpdir(), 'paperboy-templates-'));
  const bare = templatesFingerprint(overrides);
  assert.equal(templatesFingerprint(overrides), bare);
  assert.equal(templatesFingerprint(), bare, 'an empty override directory changes nothing');
  writeFileSync(join(overrides, 'email.txt.hbs'), '{{subject}}');
  const overridden = templatesFingerprint(overrides);
  assert.notEqual(overridden, bare);
  writeFileSync(join(overrides, 'email.txt.hbs'), '{{subject}}!');
  assert.notEqual(templatesFingerprint(overrides), overridden);
});

test('template files: a link to a template file or to a folder of them is followed, and the fingerprints follow the linked contents', () => {
  const shared = mkdtempSync(join(tmpdir(), 'paperboy-shared-'));
  writeFileSync(join(shared, 'footer.html.hbs'), '<p>shared {{newsletter.name}}</p>');
  mkdirSync(join(shared, 'web'));
  writeFileSync(join(shared, 'web', 'paper.html.hbs'), '<main>{{title}}</main>');
  const overrides = mkdtempSync(join(tmpdir(), 'paperboy-templates-'));
  mkdirSync(join(overrides, 'partials'));
  symlinkSync(join(shared, 'footer.html.hbs'), join(overrides, 'partials', 'footer.html.hbs'));
  symlinkSync(join(shared, 'web'), join(overrides, 'web'));
  // A link back up the tree is not walked twice.
  symlinkSync(overrides, join(overrides, 'partials', 'loop'));
  const own = templateFiles(overrides).filter(({ file }) => file.startsWith(overrides));
  assert.deepEqual(own.map(({ relativePath }) => relativePath), [join('partials', 'footer.html.hbs'), join('web', 'paper.html.hbs')]);
  assert.equal(loadTemplates(overrides).render('web/paper.html', { title: 'T' }), '<main>T</main>');
  const pageHash = () => {
    const templates = loadTemplates(overrides);
    return pageTemplatesHash(templates.reads(['web/paper.html']), templates.texts);
  };
  const before = { all: templatesFingerprint(overrides), page: pageHash() };
  writeFileSync(join(shared, 'footer.html.hbs'), '<p>edited {{newsletter.name}}</p>');
  writeFileSync(join(shared, 'web', 'paper.html.hbs'), '<main>{{title}}!</main>');
  assert.notEqual(templatesFingerprint(overrides), before.all);
  assert.notEqual(pageHash(), before.page);
});

test('template files: a link to a template that leads nowhere is a template error naming it, not an override dropped in silence', () => {
  const overrides = mkdtempSync(join(tmpdir(), 'paperboy-templates-'));
  symlinkSync(join(overrides, 'moved.html.hbs'), join(overrides, 'email.html.hbs'));
  assert.throws(() => templateFiles(overrides), (error: PaperboyError) => {
    assert.equal(error.code, 'TEMPLATE_ERROR');
    assert.match(error.message, /^Unexpected link .*email\.html\.hbs to .*moved\.html\.hbs, which cannot be read \(ENOENT\), expected a link to a template file$/);
    return true;
  });
});
