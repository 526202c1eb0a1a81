import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BUILTIN_TEMPLATES_DIR, templateFiles, templatesFingerprint } from '../../src/render/template-files.js';

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
