import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BUILTIN_TEMPLATES_DIR } from '../../src/render/template-files.js';
import { runCli } from '../helpers/cli.js';
import { pathsPassedTo } from '../helpers/fs-spy.js';
import { serve } from '../helpers/serve.js';
import { archiveRoot, replaceInIssues } from './fixture.js';
import { pagesDigest } from './site-check.js';

/** Bytes no text decoding would keep: every byte value once. */
const PNG = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

/** An archive root with its own files in `static/`: an image, a robots.txt, a hidden file and a link to a file. */
function rootWithStaticFiles(): string {
  const root = archiveRoot();
  mkdirSync(join(root, 'static', 'img'), { recursive: true });
  writeFileSync(join(root, 'static', 'img', 'chart.png'), PNG);
  writeFileSync(join(root, 'static', 'robots.txt'), 'User-agent: *\nAllow: /\n');
  writeFileSync(join(root, 'static', '.DS_Store'), 'finder');
  writeFileSync(join(root, 'favicon-source.ico'), 'icon');
  symlinkSync(join(root, 'favicon-source.ico'), join(root, 'static', 'favicon.ico'));
  return root;
}

test('build copies the files of staticDir into the site at their paths, byte for byte, hidden files left out, and a build that writes the site whole keeps them', async () => {
  const root = rootWithStaticFiles();
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  const site = join(root, 'dist');
  assert.deepEqual(readFileSync(join(site, 'img', 'chart.png')), PNG);
  assert.equal(readFileSync(join(site, 'robots.txt'), 'utf8'), 'User-agent: *\nAllow: /\n');
  assert.equal(readFileSync(join(site, 'favicon.ico'), 'utf8'), 'icon');
  assert.equal(existsSync(join(site, '.DS_Store')), false);
  const whole = await runCli(['build', '--no-cache'], { cwd: root });
  assert.equal(whole.code, 0, whole.stderr);
  assert.deepEqual(readFileSync(join(site, 'img', 'chart.png')), PNG);
});

test("a changed, added or removed file of staticDir is a change of the site: the rebuild equals a clean build, and a file left alone is up to date", async () => {
  const root = rootWithStaticFiles();
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  writeFileSync(join(root, 'static', 'robots.txt'), 'User-agent: *\nDisallow: /drafts/\n');
  rmSync(join(root, 'static', 'img', 'chart.png'));
  writeFileSync(join(root, 'static', 'CNAME'), 'news.example.org\n');
  const again = await runCli(['build'], { cwd: root });
  assert.equal(again.code, 0, again.stderr);
  assert.doesNotMatch(again.stdout, /up to date/);
  assert.equal(existsSync(join(root, 'dist', 'img', 'chart.png')), false);
  const clean = await runCli(['build', '--no-cache', '--out', 'clean'], { cwd: root });
  assert.equal(clean.code, 0, clean.stderr);
  assert.deepEqual(pagesDigest(join(root, 'dist')), pagesDigest(join(root, 'clean')));
  assert.equal(readFileSync(join(root, 'dist', 'CNAME'), 'utf8'), 'news.example.org\n');
  assert.match((await runCli(['build'], { cwd: root })).stdout, /up to date/);
});

test('a file of staticDir at a path the build writes itself, or a staticDir that is a file, stops build with exit 2 naming it', async () => {
  const root = rootWithStaticFiles();
  mkdirSync(join(root, 'static', 'assets'));
  writeFileSync(join(root, 'static', 'assets', 'archive.css'), 'body { color: red }\n');
  const collision = await runCli(['build'], { cwd: root });
  assert.equal(collision.code, 2, collision.stderr);
  assert.match(collision.stderr, /Unexpected file .*static\/assets\/archive\.css: the build writes `assets\/archive\.css` itself/);
  assert.doesNotMatch(collision.stderr, /\n\s+at /);
  rmSync(join(root, 'static'), { recursive: true });
  writeFileSync(join(root, 'static'), 'not a folder');
  const file = await runCli(['build'], { cwd: root });
  assert.equal(file.code, 2, file.stderr);
  assert.match(file.stderr, /Cannot copy the site's own files: .*static is a file/);
});

test('a file of staticDir the build cannot read (not readable by its user) stops build with exit 2 naming it and what to do, no "internal error", no stack trace', async () => {
  const root = rootWithStaticFiles();
  // Root reads any file: the permission case only for another user.
  if (process.getuid?.() === 0) return;
  const locked = join(root, 'static', 'img', 'chart.png');
  chmodSync(locked, 0o000);
  const unreadable = await runCli(['build'], { cwd: root });
  assert.equal(unreadable.code, 2, unreadable.stderr);
  assert.match(unreadable.stderr, /Cannot copy \S*static\/img\/chart\.png into the site: permission denied/);
  assert.doesNotMatch(unreadable.stderr, /internal error|\n\s+at /);
});

test("a link in staticDir to a file outside the newsletter's folder stops build with exit 2 naming the link and where it leads, and publishes nothing of it; a link to a file inside is followed", async () => {
  const root = rootWithStaticFiles();
  const elsewhere = mkdtempSync(join(tmpdir(), 'paperboy-outside-'));
  writeFileSync(join(elsewhere, 'id_rsa'), 'PRIVATE KEY');
  symlinkSync(join(elsewhere, 'id_rsa'), join(root, 'static', 'key.txt'));
  const refused = await runCli(['build'], { cwd: root });
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /Unexpected link \S*static\/key\.txt: it leads to \S*paperboy-outside-\w+\/id_rsa, outside the newsletter's folder/);
  assert.match(refused.stderr, /Copy the file into staticDir to publish it, or remove the link/);
  assert.equal(existsSync(join(root, 'dist', 'key.txt')), false);
  rmSync(join(root, 'static', 'key.txt'));
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  // rootWithStaticFiles links favicon.ico to a file beside static/, in the newsletter's folder.
  assert.equal(readFileSync(join(root, 'dist', 'favicon.ico'), 'utf8'), 'icon');
});

test("a link in staticDir to one of the newsletter's private files (hidden, like .env or .paperboy/, or in dataDir) stops build with exit 2 naming it, and publishes nothing of it", async () => {
  const root = rootWithStaticFiles();
  writeFileSync(join(root, '.env'), 'SMTP_URL=smtp://user:s3cr3t@relay');
  mkdirSync(join(root, '.paperboy'), { recursive: true });
  writeFileSync(join(root, '.paperboy', 'list.csv'), 'reader@example.org');
  writeFileSync(join(root, 'paperboy.config.yaml'), `${readFileSync(join(root, 'paperboy.config.yaml'), 'utf8')}dataDir: private-data\n`);
  mkdirSync(join(root, 'private-data'));
  writeFileSync(join(root, 'private-data', 'paperboy.db'), 'SQLite format 3');
  for (const [name, target] of [['env.txt', '.env'], ['list.csv', '.paperboy/list.csv'], ['subscribers.db', 'private-data/paperboy.db']] as const) {
    symlinkSync(join(root, target), join(root, 'static', name));
    const refused = await runCli(['build'], { cwd: root });
    assert.equal(refused.code, 2, `${name}: ${refused.stderr}`);
    assert.match(refused.stderr, new RegExp(`Unexpected link \\S*static/${name.replace('.', '\\.')}: it leads to \\S+, one of the newsletter's private files \\(hidden, or in dataDir\\)`), name);
    assert.match(refused.stderr, /a hidden file or dataDir \(subscribers, send journals\) is never published/, name);
    assert.equal(existsSync(join(root, 'dist', name)), false, name);
    rmSync(join(root, 'static', name));
  }
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
});

test('a loop of links in staticDir (a → b → a) stops build with exit 2 naming the link, no "internal error", no stack trace; removed, the build goes on', async () => {
  const root = rootWithStaticFiles();
  symlinkSync('b', join(root, 'static', 'a'));
  symlinkSync('a', join(root, 'static', 'b'));
  const refused = await runCli(['build'], { cwd: root });
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /Unexpected link \S*static\/a: it leads back to itself through other links/);
  assert.match(refused.stderr, /Remove the link, or point it at the file to publish/);
  assert.doesNotMatch(refused.stderr, /internal error|ELOOP|\n\s+at /);
  rmSync(join(root, 'static', 'a'));
  rmSync(join(root, 'static', 'b'));
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
});

test('a broken link in staticDir is left out, one through a file (`robots.txt/x`) too: the build goes on, no "internal error"', async () => {
  const root = rootWithStaticFiles();
  symlinkSync('robots.txt/x', join(root, 'static', 'through-a-file.txt'));
  symlinkSync('missing.txt', join(root, 'static', 'missing-target.txt'));
  const built = await runCli(['build'], { cwd: root });
  assert.equal(built.code, 0, built.stderr);
  assert.equal(existsSync(join(root, 'dist', 'through-a-file.txt')), false);
  assert.equal(existsSync(join(root, 'dist', 'missing-target.txt')), false);
  assert.equal(readFileSync(join(root, 'dist', 'robots.txt'), 'utf8'), 'User-agent: *\nAllow: /\n');
});

test("a link in staticDir out of the newsletter's folder, to a path holding an escape sequence, is refused naming it with the sequence shown, not sent to the terminal", async () => {
  const root = rootWithStaticFiles();
  const elsewhere = join(mkdtempSync(join(tmpdir(), 'paperboy-outside-')), 'a\u001b[31mred');
  mkdirSync(elsewhere);
  writeFileSync(join(elsewhere, 'file.txt'), 'x');
  symlinkSync(join(elsewhere, 'file.txt'), join(root, 'static', 'file.txt'));
  const refused = await runCli(['build'], { cwd: root });
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /Unexpected link \S*static\/file\.txt: it leads to \S*a\uFFFD+red\/file\.txt/);
  assert.ok(!refused.stderr.includes('\u001b'), JSON.stringify(refused.stderr));
});

test('a file of staticDir whose name holds a line break or a tab stops build with exit 2 naming it, and none is published', async () => {
  const root = rootWithStaticFiles();
  for (const name of ['notes\nold.txt', 'tab\there.txt']) {
    writeFileSync(join(root, 'static', name), 'x');
    const refused = await runCli(['build'], { cwd: root });
    assert.equal(refused.code, 2, refused.stderr);
    assert.ok(refused.stderr.includes(`Unexpected control character in the name ${JSON.stringify(join(root, 'static', name))}`), refused.stderr);
    assert.equal(existsSync(join(root, 'dist', name)), false);
    rmSync(join(root, 'static', name));
  }
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
});

test('a file or folder of staticDir whose name is not UTF-8 (Latin-1 `café`) stops build with exit 2 saying so, not as a file not found to make readable', async () => {
  const root = rootWithStaticFiles();
  const staticDir = Buffer.from(join(root, 'static'));
  for (const name of [Buffer.from('caf\xe9.txt', 'latin1'), Buffer.from('r\xe9sum\xe9s', 'latin1')]) {
    const path = Buffer.concat([staticDir, Buffer.from('/'), name]);
    if (name.toString('latin1').endsWith('.txt')) writeFileSync(path, 'x');
    else mkdirSync(path);
    const refused = await runCli(['build'], { cwd: root });
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /Unexpected name \S*static\/\S+: it is not written in UTF-8/);
    assert.doesNotMatch(refused.stderr, /ENOENT|chmod/);
    rmSync(path, { recursive: true });
  }
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
});

test('a file of staticDir where the build writes a folder (`issues/1`), or a folder of it where the build writes a file (`feed.xml/`), stops build with exit 2 naming both, and a rebuild is not left stuck', async () => {
  const root = rootWithStaticFiles();
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  mkdirSync(join(root, 'static', 'issues'));
  writeFileSync(join(root, 'static', 'issues', '1'), 'a file where the issue page folder is');
  const onFolder = await runCli(['build'], { cwd: root });
  assert.equal(onFolder.code, 2, onFolder.stderr);
  assert.match(onFolder.stderr, /Unexpected file .*static\/issues\/1: the build writes `issues\/1\/index\.html` itself/);
  assert.doesNotMatch(onFolder.stderr, /writable|\n\s+at /);
  rmSync(join(root, 'static', 'issues'), { recursive: true });
  const afterwards = await runCli(['build'], { cwd: root });
  assert.equal(afterwards.code, 0, afterwards.stderr);
  mkdirSync(join(root, 'static', 'feed.xml'));
  writeFileSync(join(root, 'static', 'feed.xml', 'old.xml'), '<rss/>');
  const underFile = await runCli(['build', '--no-cache', '--out', 'fresh'], { cwd: root });
  assert.equal(underFile.code, 2, underFile.stderr);
  assert.match(underFile.stderr, /Unexpected file .*static\/feed\.xml\/old\.xml: the build writes `feed\.xml` itself/);
});

test("a rebuild reads no file of staticDir nor asset it hashed before and that is unchanged (known by inode, size and times, as git's index), and writes the site a clean build writes", async () => {
  const root = rootWithStaticFiles();
  mkdirSync(join(root, 'templates', 'web'), { recursive: true });
  writeFileSync(join(root, 'templates', 'web', 'archive.css'), 'body { color: navy }\n');
  const copied = ['static/img/chart.png', 'static/robots.txt', 'static/favicon.ico', 'templates/web/archive.css'];
  // Saved a while ago (the link's file too: utimes follows it): a file saved in the last seconds is hashed again by every build (copied-hashes.ts RACY_MS).
  const before = new Date(Date.now() - 60_000);
  for (const path of copied) utimesSync(join(root, path), before, before);
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  replaceInIssues(root, 'quokkaformer', 'quokkaformers');
  const { value: again, paths } = await pathsPassedTo('openSync', () => pathsPassedTo('readFileSync', () => runCli(['build'], { cwd: root })).then(({ value, paths: read }) => ({ ...value, read })));
  assert.equal(again.code, 0, again.stderr);
  assert.doesNotMatch(again.stdout, /up to date/);
  const reads = (path: string) => [...paths, ...again.read].filter((read) => read === join(root, path)).length;
  assert.deepEqual(copied.map((path) => [path, reads(path)]), copied.map((path) => [path, 0]));
  const clean = await runCli(['build', '--no-cache', '--out', 'clean'], { cwd: root });
  assert.equal(clean.code, 0, clean.stderr);
  // Every file byte for byte, the copied ones among them.
  assert.deepEqual(pagesDigest(join(root, 'dist')), pagesDigest(join(root, 'clean')));
});

test("a rebuild's commit that can never finish (left by an earlier paperboy: a file to move where the site has a folder) no longer stops every build after: it is dropped and the site written whole", async () => {
  const root = rootWithStaticFiles();
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  const pending = join(root, 'dist.pending-1');
  mkdirSync(pending);
  writeFileSync(join(pending, '0'), 'a file where the issue page folder is');
  writeFileSync(join(root, 'dist.commit'), JSON.stringify({ pending: 'dist.pending-1', files: [['0', 'issues/1']], removed: [] }));
  // What the writer then did: the clashing file, removed from staticDir since, made the site change.
  writeFileSync(join(root, 'static', 'robots.txt'), 'User-agent: *\n');
  const after = await runCli(['build'], { cwd: root });
  assert.equal(after.code, 0, after.stderr);
  assert.equal(existsSync(join(root, 'dist.commit')), false);
  assert.equal(existsSync(pending), false);
  const clean = await runCli(['build', '--no-cache', '--out', 'clean'], { cwd: root });
  assert.equal(clean.code, 0, clean.stderr);
  assert.deepEqual(pagesDigest(join(root, 'dist')), pagesDigest(join(root, 'clean')));
});

test('a file of staticDir whose name is saved decomposed (NFD, as macOS saves `café`) is published under its composed name, which links and address bars carry: serve answers it (it was 404); the name saved both ways stops build with exit 2 naming both', async () => {
  const root = rootWithStaticFiles();
  const decomposed = 'cafe\u0301/menu\u0308.txt';
  mkdirSync(join(root, 'static', 'cafe\u0301'));
  writeFileSync(join(root, 'static', decomposed), 'menu');
  const built = await runCli(['build'], { cwd: root });
  assert.equal(built.code, 0, built.stderr);
  assert.equal(readFileSync(join(root, 'dist', decomposed.normalize('NFC')), 'utf8'), 'menu');
  const { child, url } = await serve(root);
  try {
    const answer = await fetch(new URL(encodeURI('/café/menü.txt'), url));
    assert.equal(answer.status, 200);
    assert.equal(await answer.text(), 'menu');
  } finally {
    child.kill();
  }
  writeFileSync(join(root, 'static', 'cafe\u0301', 'menü.txt'.normalize('NFC')), 'other');
  const refused = await runCli(['build'], { cwd: root });
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /Unexpected file ".*static\/\S+": its name is ".*static\/\S+"'s written another way .*published at `café\/menü\.txt`/su);
  assert.doesNotMatch(refused.stderr, /\n\s+at /);
});

test('a rebuild after a file of staticDir is renamed in case only (Chart.png → chart.png) restages the site, never journals the old name’s removal after the new one is moved in: a macOS or Windows file system takes the two for one file and lost it', async () => {
  const root = rootWithStaticFiles();
  writeFileSync(join(root, 'static', 'Chart.png'), PNG);
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  const before = statSync(join(root, 'dist')).ino;
  renameSync(join(root, 'static', 'Chart.png'), join(root, 'static', 'chart.png'));
  const again = await runCli(['build'], { cwd: root });
  assert.equal(again.code, 0, again.stderr);
  // A staged site takes the output's place by a rename: a folder of its own.
  assert.notEqual(statSync(join(root, 'dist')).ino, before);
  assert.deepEqual(readFileSync(join(root, 'dist', 'chart.png')), PNG);
  assert.equal(existsSync(join(root, 'dist', 'Chart.png')), false);
});

test('a link in templatesDir to a private file (`.env`, dataDir) stops build with exit 2 naming it, a web asset’s (copied byte for byte) also when it leads out of the newsletter, and nothing of it is published; a template shared from beside the newsletter is still followed', async () => {
  const root = rootWithStaticFiles();
  const secret = 'SMTP_URL=smtp://editor:hunter2-secret@mail.example.org:587\n';
  writeFileSync(join(root, '.env'), secret);
  assert.equal((await runCli(['build'], { cwd: root })).code, 0);
  const outside = mkdtempSync(join(tmpdir(), 'paperboy-shared-'));
  writeFileSync(join(outside, 'archive.css'), `/* ${secret} */`);
  mkdirSync(join(root, 'templates', 'web'), { recursive: true });
  const cases = [
    { link: 'templates/web/icon.svg', to: '../../.env', says: /Unexpected link \S*templates\/web\/icon\.svg: it leads to \S*\.env, one of the newsletter's private files/ },
    { link: 'templates/web/papers.js', to: '../../.paperboy/paperboy.db', says: /Unexpected link \S*templates\/web\/papers\.js: it leads to \S*\.paperboy\/paperboy\.db, one of the newsletter's private files/ },
    { link: 'templates/web/archive.css', to: join(outside, 'archive.css'), says: /Unexpected link \S*templates\/web\/archive\.css: it leads to \S*archive\.css, outside the newsletter's folder/ },
    { link: 'templates/web/paper.html.hbs', to: '../../.env', says: /Unexpected link \S*templates\/web\/paper\.html\.hbs: it leads to \S*\.env, a hidden file or folder/ },
  ];
  writeFileSync(join(root, '.paperboy', 'paperboy.db'), secret);
  for (const { link, to, says } of cases) {
    symlinkSync(to, join(root, link));
    const refused = await runCli(['build'], { cwd: root });
    assert.equal(refused.code, 2, `${link}: ${refused.stderr}`);
    assert.match(refused.stderr, says);
    assert.doesNotMatch(refused.stderr, /\n\s+at /);
    assert.equal(siteHolds(join(root, 'dist'), 'hunter2-secret'), false, link);
    rmSync(join(root, link));
  }
  // Templates shared between newsletters, in a folder beside this one: followed, as docs say.
  writeFileSync(join(outside, 'header.html.hbs'), readFileSync(join(BUILTIN_TEMPLATES_DIR, 'partials', 'header.html.hbs')));
  mkdirSync(join(root, 'templates', 'partials'));
  symlinkSync(join(outside, 'header.html.hbs'), join(root, 'templates', 'partials', 'header.html.hbs'));
  const shared = await runCli(['build'], { cwd: root });
  assert.equal(shared.code, 0, shared.stderr);
});

/** Whether any file of the folder `dir` holds `text`. */
function siteHolds(dir: string, text: string): boolean {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).some((entry) => entry.isFile() && readFileSync(join(entry.parentPath, entry.name), 'utf8').includes(text));
}
