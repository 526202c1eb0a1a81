import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { load } from 'cheerio/slim';
import { runCli } from '../helpers/cli.js';
import { cleanIssue, CONFIG_YAML, makeRoot } from '../helpers/fixture.js';
import { archiveRoot } from './fixture.js';

/** The archive fixture with `language: <tag>` in its config (none: the key left out), built; its dist folder. */
async function builtIn(language: string | undefined): Promise<string> {
  const root = archiveRoot((files) => makeRoot(files, language === undefined ? CONFIG_YAML : `${CONFIG_YAML}language: ${language}\n`));
  const result = await runCli(['build'], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  return join(root, 'dist');
}

/** Every HTML file of the site, relative to `dist`. */
function htmlFiles(dist: string): string[] {
  return readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.html'));
}

/** The `<html …>` start tag of each HTML file, by path. */
function htmlTags(dist: string): Map<string, string> {
  return new Map(htmlFiles(dist).map((path) => [path, /<html[^>]*>/.exec(readFileSync(join(dist, path), 'utf8'))![0]]));
}

/** What feedparser (the reference parser feed readers are tested against) reads as the feed's language. */
function feedparserLanguage(file: string): string {
  const result = spawnSync('/usr/bin/python3', ['-c', 'import feedparser, sys\nprint(feedparser.parse(sys.argv[1]).feed.get("language", ""))', file], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

test('language: a German newsletter (`language: DE-at`) declares de-AT on every page and email of the site (no dir), and in its RSS, Atom and JSON feeds', async () => {
  const dist = await builtIn('DE-at');
  const tags = htmlTags(dist);
  assert.ok(tags.size > 10, `${tags.size} HTML files`);
  for (const [path, tag] of tags) assert.equal(tag, path.endsWith('email.html') ? '<html lang="de-AT" xmlns="http://www.w3.org/1999/xhtml">' : '<html lang="de-AT">', path);
  assert.equal(feedparserLanguage(join(dist, 'feed.xml')), 'de-AT');
  assert.equal(feedparserLanguage(join(dist, 'atom.xml')), 'de-AT');
  const json = JSON.parse(readFileSync(join(dist, 'feed.json'), 'utf8')) as { version: string; language: string; items: unknown[] };
  assert.deepEqual([json.version, json.language, json.items.length], ['https://jsonfeed.org/version/1.1', 'de-AT', 3]);
});

test('language: a Hebrew newsletter (`language: he`) lays out right to left: `dir="rtl"` on every page and email, and on the email\'s container (Gmail drops <html>\'s), its lists and quotes indented from the right, its English titles isolated (page, email, feed entry in a dir="rtl" div)', async () => {
  const dist = await builtIn('he');
  for (const [path, tag] of htmlTags(dist)) assert.equal(tag, path.endsWith('email.html') ? '<html lang="he" dir="rtl" xmlns="http://www.w3.org/1999/xhtml">' : '<html lang="he" dir="rtl">', path);
  const $ = load(readFileSync(join(dist, 'issues', '1', 'email.html'), 'utf8'));
  assert.equal($('table.container').attr('dir'), 'rtl');
  assert.match($('td.topbar').attr('style') ?? '', /text-align: left/);
  assert.equal(feedparserLanguage(join(dist, 'atom.xml')), 'he');
  // English values on its right-to-left lines are isolated, as Hebrew ones on English lines: their punctuation stays theirs.
  const title = 'Are Emergent Abilities of Large Language Models a Mirage?';
  assert.ok(readFileSync(join(dist, 'issues', '1', 'index.html'), 'utf8').includes(`<bdi>${title}</bdi>`));
  // In the email a `<span dir="auto">`, which Gmail and Outlook keep (render/mail-client-markup.ts).
  assert.ok($('body').html()!.includes(`<span dir="auto">${title}</span>`));
  // The oldest entry, issue 1.
  const entry = load(readFileSync(join(dist, 'atom.xml'), 'utf8'), { xml: true })('entry > content').last().text();
  assert.match(entry, /^<div dir="rtl">\n/);
  assert.ok(entry.includes(`<bdi>${title}</bdi>`), entry);
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ body: 'רשימה:\n\n- אחת\n- שתיים\n\n> ציטוט' }) }, `${CONFIG_YAML}language: he\n`);
  const email = await runCli(['render', '1', '--format', 'html'], { cwd: root });
  assert.equal(email.code, 0, email.stderr);
  const mail = load(email.stdout);
  assert.match(mail('ul').attr('style') ?? '', /padding-left: 0; padding-right: 24px/);
  assert.match(mail('blockquote').attr('style') ?? '', /padding-left: 0; padding-right: 12px; border-left: 0; border-right: 3px solid #d1d5db/);
});

test('language: an English newsletter writes `<html lang="en">` as before, with or without `language: en`, the same bytes on every page and email', async () => {
  const [plain, written] = [await builtIn(undefined), await builtIn('en')];
  const tags = htmlTags(plain);
  for (const [path, tag] of tags) assert.equal(tag, path.endsWith('email.html') ? '<html lang="en" xmlns="http://www.w3.org/1999/xhtml">' : '<html lang="en">', path);
  for (const path of tags.keys()) assert.equal(readFileSync(join(written, path), 'utf8'), readFileSync(join(plain, path), 'utf8'), path);
  assert.equal(feedparserLanguage(join(plain, 'feed.xml')), 'en');
});
