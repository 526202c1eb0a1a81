import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildSite } from '../../src/archive/build.js';
import { loadConfig } from '../../src/config/load.js';
import { FSI, PDI } from '../../src/render/bidi.js';
import { CONFIG_YAML, cleanIssue, makeRoot } from '../helpers/fixture.js';
import { parseEml, renderAll } from '../helpers/render.js';

/**
 * The newsletter's name (and a tag or an author) in the Latin sentences the
 * email and the archive write around it ("You receive <name> because…",
 * "Papers by <author>"): isolated where it shows, as the last stop isolated
 * titles and names; never in a Subject header or a page's <title>, which
 * show the isolate characters as boxes in places.
 */
const ARABIC_NAME = 'نشرة الذكاء!';
const ARABIC_AUTHOR = 'محمد علي';
const ARABIC_TAG = 'تقييم GPT';

function rootNamed(name: string): string {
  const issue = cleanIssue().replace(/authors: \[[^\]]*\]/, `authors: [${ARABIC_AUTHOR}, Ann Lee]`).replace(/tags: \[[^\]]*\]/, `tags: ["${ARABIC_TAG}"]`);
  return makeRoot({ 'issues/0001-a.md': issue, 'paperboy.config.yaml': CONFIG_YAML.replace(/^name: .*$/m, `name: "${name}"`) });
}

test('email: an Arabic newsletter name is isolated in the header and in "You receive … because", in the HTML and the plaintext; not in the Subject header', async () => {
  const { html, text, eml } = await renderAll(rootNamed(ARABIC_NAME), '1');
  assert.match(html, new RegExp(`<a href="[^"]*"[^>]*><span dir="auto">${ARABIC_NAME}</span></a>`));
  assert.match(html, new RegExp(`You receive <span dir="auto">${ARABIC_NAME}</span> because you subscribed to it\\.`));
  assert.match(text, new RegExp(`^${FSI}${ARABIC_NAME}${PDI}$`, 'm'));
  assert.match(text, new RegExp(`You receive ${FSI}${ARABIC_NAME}${PDI} because`));
  const mail = await parseEml(eml);
  assert.doesNotMatch(mail.subject ?? '', /[\u2066-\u2069]/);
  assert.doesNotMatch(String(mail.headers.get('from') && JSON.stringify(mail.headers.get('from'))), /[\u2066-\u2069]/);
});

test("archive: an author's and a tag's page heading isolates the name in its Latin words; the page's <title> has no isolate", async () => {
  const root = rootNamed(ARABIC_NAME);
  await buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: false, cache: false });
  const read = (path: string) => readFileSync(join(root, 'dist', path), 'utf8');
  // A facet's folder: its name in ASCII and, for a name transliterated, a hash (`mhmd-ly-e6aa0d`).
  const folder = (facet: string, start: string) => readdirSync(join(root, 'dist', facet)).find((name) => name.startsWith(start))!;
  const authorPage = read(`authors/${folder('authors', 'mhmd-')}/index.html`);
  assert.match(authorPage, new RegExp(`<h1>Papers by <bdi>${ARABIC_AUTHOR}</bdi></h1>`));
  assert.match(authorPage, new RegExp(`<title>Papers by ${ARABIC_AUTHOR} · ${ARABIC_NAME}</title>`));
  const tagPage = read(`tags/${folder('tags', 'tqyym-gpt')}/index.html`);
  assert.match(tagPage, new RegExp(`<h1>Papers tagged “<bdi>${ARABIC_TAG}</bdi>”</h1>`));
  const home = read('index.html');
  assert.match(home, new RegExp(`<h1><bdi>${ARABIC_NAME}</bdi></h1>`));
  assert.match(home, new RegExp(`<title>${ARABIC_NAME}</title>`));
  assert.match(home, new RegExp(`<a class="brand" href="[^"]*"><bdi>${ARABIC_NAME}</bdi></a>`));
  assert.match(home, new RegExp(`title="${ARABIC_NAME} \\(RSS\\)"`), 'an attribute has no <bdi>');
  // The feed's own title is XML text, not a line of HTML: as written.
  assert.match(read('feed.xml'), new RegExp(`<title><!\\[CDATA\\[${ARABIC_NAME}\\]\\]></title>|<title>${ARABIC_NAME}</title>`));
});

test('archive: a Latin newsletter name, author and tag give the pages as before: no <bdi>', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  await buildSite(await loadConfig(root), { outDir: join(root, 'dist'), drafts: false, cache: false });
  for (const path of ['index.html', 'tags/index.html', 'authors/index.html', 'papers/index.html']) assert.doesNotMatch(readFileSync(join(root, 'dist', path), 'utf8'), /<bdi/, path);
});
