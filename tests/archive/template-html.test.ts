import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { templateHtmlProblems } from '../../src/archive/template-html.js';
import { BUILTIN_TEMPLATES_DIR } from '../../src/render/template-files.js';
import { loadTemplates } from '../../src/render/templates.js';
import { spawnCli } from '../helpers/cli.js';
import { archiveRoot } from './fixture.js';

/** The built-in template `name` (`web/index.html.hbs`) with `edit` applied, saved as the newsletter's own; its text. */
function overrideTemplate(root: string, name: string, edit: (text: string) => string): string {
  const text = readFileSync(join(BUILTIN_TEMPLATES_DIR, name), 'utf8');
  const edited = edit(text);
  assert.notEqual(edited, text, `the edit of ${name} changed nothing`);
  mkdirSync(join(root, 'templates', name, '..'), { recursive: true });
  writeFileSync(join(root, 'templates', name), edited);
  return edited;
}

/** `line:column` (from 1) of `text`'s character at `index`. */
function placeAt(text: string, index: number): string {
  const before = text.slice(0, index).split('\n');
  return `${before.length}:${before.at(-1)!.length + 1}`;
}

test("build: a newsletter's template that writes invalid HTML (an unclosed <div>, a stray </p>, an id twice, an <a> in an <a>) is named in a warning with html-validate's rule and words at the tag's line and column in the template (1:1 when a {{…}} wrote the tag), the site built as it writes it (exit 0); a build with nothing to do says it again", () => {
  const root = archiveRoot();
  const index = overrideTemplate(root, 'web/index.html.hbs', (text) => text.replace('\n', '\n<div class="intro">\n'));
  const issue = overrideTemplate(root, 'web/issue.html.hbs', (text) => `${text}\n<p>Thanks for reading</p></p>\n`);
  const paper = overrideTemplate(root, 'web/paper.html.hbs', (text) => text.replace('<h1>', '<span id="bibtex-entry"></span><h1>'));
  overrideTemplate(root, 'web/paper-list.html.hbs', (text) => text.replace('<h1>{{isolate pageHeading}}</h1>', '<h1><a href="{{root}}">Home: <a href="{{root}}papers/">{{isolate pageHeading}}</a></a></h1>'));
  const built = spawnCli(['build'], { cwd: root });
  assert.equal(built.code, 0, built.stderr);
  const warned = (template: string, place: string, words: RegExp) => new RegExp(`^templates/web/${template}\\.html\\.hbs:${place} +warning +Unexpected invalid HTML in \`[^\`]+\`, which this template renders: ${words.source}`, 'm');
  assert.match(built.stderr, warned('index', placeAt(index, index.indexOf('<div class="intro">')), /Unclosed element '<div>' \(html-validate close-order\)/));
  assert.match(built.stderr, warned('issue', placeAt(issue, issue.indexOf('</p></p>') + 4), /Stray end tag '<\/p>' \(html-validate close-order\)/));
  // The second id on the page is the template's own, after the span written before the h1.
  const second = paper.indexOf('id="bibtex-entry"', paper.indexOf('<h1>'));
  assert.match(built.stderr, warned('paper', placeAt(paper, paper.lastIndexOf('<', second)), /Duplicate ID "bibtex-entry" \(html-validate no-dup-id\)/));
  // The inner link's href is written by {{root}}: no text of the template is that tag.
  assert.match(built.stderr, warned('paper-list', '1:1', /<a> element is not permitted as a descendant of <a> \(html-validate element-permitted-content\)/));
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
  const email = overrideTemplate(root, 'email.html.hbs', (text) => text.replace('<body>', '<body><span id="top"></span><span id="top"></span>'));
  const broken = spawnCli(['build'], { cwd: root });
  assert.equal(broken.code, 0, broken.stderr);
  const second = email.lastIndexOf('<span id="top">');
  assert.match(broken.stderr, new RegExp(`^templates/email\\.html\\.hbs:${placeAt(email, second)} +warning +Unexpected invalid HTML in \`issues/\\d+/email\\.html\`, which this template renders: Duplicate ID "top" \\(html-validate no-dup-id\\)`, 'm'));
});

test('the invalid HTML of a template edited after the templates loaded (during a build) is placed by the text the page was rendered with, not the file as it is now', async () => {
  const overrides = mkdtempSync(join(tmpdir(), 'paperboy-templates-'));
  const written = '<article>\n  <p>Thanks for reading</p></p>\n</article>\n';
  mkdirSync(join(overrides, 'web'));
  writeFileSync(join(overrides, 'web', 'issue.html.hbs'), written);
  const templates = loadTemplates(overrides);
  const out = mkdtempSync(join(tmpdir(), 'paperboy-site-'));
  writeFileSync(join(out, 'page.html'), `<!doctype html>\n<html lang="en"><head><title>Issue</title></head><body>\n${templates.render('web/issue.html', {})}</body></html>\n`);
  // Saved again before the check: two lines above, the tag one column further in.
  writeFileSync(join(overrides, 'web', 'issue.html.hbs'), `{{!-- a note --}}\n\n${written.replace('  <p>', '   <p>')}`);
  const problems = await templateHtmlProblems(templates, new Map([['web/issue.html', 'page.html']]), out, undefined);
  assert.deepEqual(
    problems.map(({ line, column }) => `${line}:${column}`),
    [placeAt(written, written.indexOf('</p></p>') + 4)],
  );
});
