import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { archiveRoot, replaceInIssues } from './fixture.js';
import { pagesDigest, siteFiles } from './site-check.js';

const BUILTIN_FOOTER_TXT = readFileSync(new URL('../../templates/partials/footer.txt.hbs', import.meta.url), 'utf8');
const BUILTIN_FOOTER_HTML = readFileSync(new URL('../../templates/partials/footer.html.hbs', import.meta.url), 'utf8');

async function build(root: string, args: string[] = []): Promise<string> {
  const result = await runCli(['build', ...args], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  return result.stdout;
}

/** Each file of the site `root` built, by when it was last written. */
function writtenTimes(root: string): Map<string, number> {
  const site = join(root, 'dist');
  return new Map(siteFiles(site).map((path) => [path, statSync(join(site, path)).mtimeMs]));
}

/** The files of the site `root` built written since `before` (`writtenTimes`), sorted. */
function writtenSince(before: ReadonlyMap<string, number>, root: string): string[] {
  return [...writtenTimes(root)].filter(([path, time]) => before.get(path) !== time).map(([path]) => path).sort();
}

/** A rebuild's files are a clean build's, byte for byte. */
async function assertEqualsCleanBuild(root: string): Promise<void> {
  await build(root, ['--no-cache', '--out', 'clean']);
  assert.deepEqual(pagesDigest(join(root, 'dist')), pagesDigest(join(root, 'clean')));
}

test('a changed partial only the plaintext email includes rewrites each issue\'s email.txt alone: no page, no email.html, and says so in its count', async () => {
  const root = archiveRoot();
  await build(root);
  mkdirSync(join(root, 'templates', 'partials'), { recursive: true });
  writeFileSync(join(root, 'templates', 'partials', 'footer.txt.hbs'), `Thanks for reading.\n${BUILTIN_FOOTER_TXT}`);
  const before = writtenTimes(root);
  assert.match(await build(root), /\(3 rendered, 0 unchanged\), .* files \(3 written\)/);
  assert.deepEqual(writtenSince(before, root), ['.paperboy-site', 'issues/1/email.txt', 'issues/2/email.txt', 'issues/3/email.txt']);
  assert.match(readFileSync(join(root, 'dist', 'issues', '1', 'email.txt'), 'utf8'), /Thanks for reading\./);
  await assertEqualsCleanBuild(root);
});

test('a changed partial only the HTML email includes rewrites each issue\'s email.html alone', async () => {
  const root = archiveRoot();
  await build(root);
  mkdirSync(join(root, 'templates', 'partials'), { recursive: true });
  writeFileSync(join(root, 'templates', 'partials', 'footer.html.hbs'), BUILTIN_FOOTER_HTML.replace('<p>{{word', '<p>Hello. {{word'));
  const before = writtenTimes(root);
  assert.match(await build(root), /\(3 rendered, 0 unchanged\), .* files \(3 written\)/);
  assert.deepEqual(writtenSince(before, root), ['.paperboy-site', 'issues/1/email.html', 'issues/2/email.html', 'issues/3/email.html']);
  await assertEqualsCleanBuild(root);
});

test('an edit the emails do not show (their templates leave it out) rewrites the pages that show it, and neither email file', async () => {
  const root = archiveRoot();
  mkdirSync(join(root, 'templates'), { recursive: true });
  writeFileSync(join(root, 'templates', 'email.txt.hbs'), '{{issue.title}}\n{{newsletter.postalAddress}} {{links.unsubscribe}}\n');
  writeFileSync(join(root, 'templates', 'email.html.hbs'), '<html><body><h1>{{issue.title}}</h1><p>{{newsletter.postalAddress}} <a href="{{links.unsubscribe}}">Unsubscribe</a></p></body></html>\n');
  await build(root);
  replaceInIssues(root, 'Evaluations, plainly.', 'Evaluations, plainly and quickly.');
  const before = writtenTimes(root);
  assert.match(await build(root), /\(1 rendered, 2 unchanged\)/);
  const written = writtenSince(before, root);
  assert.ok(written.includes('issues/3/index.html'), written.join(', '));
  assert.deepEqual(written.filter((path) => path.includes('email')), []);
  await assertEqualsCleanBuild(root);
});

test('a changed partial a web template includes rewrites exactly the pages of that template', async () => {
  const root = archiveRoot();
  mkdirSync(join(root, 'templates', 'web'), { recursive: true });
  mkdirSync(join(root, 'templates', 'partials'), { recursive: true });
  writeFileSync(join(root, 'templates', 'web', 'name-list.html.hbs'), '{{> list-note.html}}<h1>{{pageTitle}}</h1>\n');
  writeFileSync(join(root, 'templates', 'partials', 'list-note.html.hbs'), '<p>Our note</p>\n');
  await build(root);
  writeFileSync(join(root, 'templates', 'partials', 'list-note.html.hbs'), '<p>Our new note</p>\n');
  // The two pages of that template (tags and authors), nothing else.
  assert.match(await build(root), / files \(2 written\)/);
  assert.match(readFileSync(join(root, 'dist', 'authors', 'index.html'), 'utf8'), /Our new note/);
  await assertEqualsCleanBuild(root);
});

test('a partial a web template names only as it runs counts as read by its pages: a changed partial rewrites them', async () => {
  const root = archiveRoot();
  mkdirSync(join(root, 'templates', 'web'), { recursive: true });
  mkdirSync(join(root, 'templates', 'partials'), { recursive: true });
  writeFileSync(join(root, 'templates', 'web', 'name-list.html.hbs'), '{{> (concat "list-" "note.html")}}<h1>{{pageTitle}}</h1>\n');
  writeFileSync(join(root, 'templates', 'partials', 'list-note.html.hbs'), '<p>Our note</p>\n');
  await build(root);
  writeFileSync(join(root, 'templates', 'partials', 'list-note.html.hbs'), '<p>Our new note</p>\n');
  assert.match(await build(root), / files \(2 written\)/);
  assert.match(readFileSync(join(root, 'dist', 'tags', 'index.html'), 'utf8'), /Our new note/);
});
