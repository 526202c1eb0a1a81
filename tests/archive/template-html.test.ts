import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BUILTIN_TEMPLATES_DIR } from '../../src/render/template-files.js';
import { spawnCli } from '../helpers/cli.js';
import { archiveRoot } from './fixture.js';

/** The built-in template `name` (`web/index.html.hbs`) with `edit` applied, saved as the newsletter's own. */
function overrideTemplate(root: string, name: string, edit: (text: string) => string): void {
  const text = readFileSync(join(BUILTIN_TEMPLATES_DIR, name), 'utf8');
  const edited = edit(text);
  assert.notEqual(edited, text, `the edit of ${name} changed nothing`);
  mkdirSync(join(root, 'templates', name, '..'), { recursive: true });
  writeFileSync(join(root, 'templates', name), edited);
}

test("build: a newsletter's template that writes invalid HTML (an unclosed <div>, a stray </p>, an id twice, an <a> in an <a>) is named in a warning with html-validate's rule and words, the site built as it writes it (exit 0); a build with nothing to do says it again", () => {
  const root = archiveRoot();
  overrideTemplate(root, 'web/index.html.hbs', (text) => `<div class="intro">\n${text}`);
  overrideTemplate(root, 'web/issue.html.hbs', (text) => `${text}\n<p>Thanks for reading</p></p>\n`);
  overrideTemplate(root, 'web/paper.html.hbs', (text) => text.replace('<h1>', '<span id="bibtex-entry"></span><h1>'));
  overrideTemplate(root, 'web/paper-list.html.hbs', (text) => text.replace('<h1>{{isolate pageHeading}}</h1>', '<h1><a href="{{root}}">Home: <a href="{{root}}papers/">{{isolate pageHeading}}</a></a></h1>'));
  const built = spawnCli(['build'], { cwd: root });
  assert.equal(built.code, 0, built.stderr);
  const warned = (template: string, words: RegExp) => new RegExp(`^templates/web/${template}\\.html\\.hbs:1:1 +warning +Unexpected invalid HTML in \`[^\`]+\`, which this template renders: ${words.source}`, 'm');
  assert.match(built.stderr, warned('index', /Unclosed element '<div>' \(html-validate close-order\)/));
  assert.match(built.stderr, warned('issue', /Stray end tag '<\/p>' \(html-validate close-order\)/));
  assert.match(built.stderr, warned('paper', /Duplicate ID "bibtex-entry" \(html-validate no-dup-id\)/));
  assert.match(built.stderr, warned('paper-list', /<a> element is not permitted as a descendant of <a> \(html-validate element-permitted-content\)/));
  assert.doesNotMatch(built.stderr, /\n\s+at /);
  // What a reader gets is what the template writes: the check changes no byte.
  assert.match(readFileSync(join(root, 'dist', 'index.html'), 'utf8'), /<div class="intro">/);
  const again = spawnCli(['build'], { cwd: root });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /up to date/);
  assert.equal(again.stderr, built.stderr);
});

test("build: the built-in templates, saved as a newsletter's own, give no warning (the rules checked are HTML a browser must repair, which they never write), and the email template's HTML is checked too", () => {
  const root = archiveRoot();
  cpSync(BUILTIN_TEMPLATES_DIR, join(root, 'templates'), { recursive: true });
  const clean = spawnCli(['build'], { cwd: root });
  assert.equal(clean.code, 0, clean.stderr);
  assert.doesNotMatch(clean.stderr, /warning/);
  // The email's HTML goes through a parser on its way (CSS inlined), which closes what was left open: an id twice stays.
  overrideTemplate(root, 'email.html.hbs', (text) => text.replace('<body>', '<body><span id="top"></span><span id="top"></span>'));
  const broken = spawnCli(['build'], { cwd: root });
  assert.equal(broken.code, 0, broken.stderr);
  assert.match(broken.stderr, /^templates\/email\.html\.hbs:1:1 +warning +Unexpected invalid HTML in `issues\/\d+\/email\.html`, which this template renders \(or by `partials\/footer\.html\.hbs`, [^)]+ of templatesDir, which it is rendered with\): Duplicate ID "top" \(html-validate no-dup-id\)/m);
});
