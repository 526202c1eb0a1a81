import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { staticPathKind } from '../../src/config/static-sources.js';
import { spawnCli } from '../helpers/cli.js';
import { serve } from '../helpers/serve.js';
import { archiveRoot } from './fixture.js';

test('build: a dataDir inside staticDir (`dataDir: static/data`, not hidden) is never published: the subscriber database was at `data/paperboy.db` for anyone to download, with every cache a build writes there', () => {
  const root = archiveRoot();
  mkdirSync(join(root, 'static'), { recursive: true });
  writeFileSync(join(root, 'static', 'robots.txt'), 'User-agent: *\n');
  appendFileSync(join(root, 'paperboy.config.yaml'), '\ndataDir: static/data\n');
  assert.equal(spawnCli(['subscribers', 'add', 'reader@example.org'], { cwd: root }).code, 0);
  assert.ok(existsSync(join(root, 'static', 'data', 'paperboy.db')));
  const built = spawnCli(['build'], { cwd: root });
  assert.equal(built.code, 0, built.stderr);
  assert.equal(readFileSync(join(root, 'dist', 'robots.txt'), 'utf8'), 'User-agent: *\n');
  assert.equal(existsSync(join(root, 'dist', 'data')), false);
  assert.doesNotMatch(readFileSync(join(root, 'dist', '.paperboy-site'), 'utf8'), /paperboy\.db|data\//);
  const again = spawnCli(['build'], { cwd: root });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /up to date/);
  // serve --dev does not rebuild for what a build writes there.
  assert.equal(staticPathKind(join(root, 'static'), join(root, 'static', 'data', 'cache', 'x.json'), join(root, 'static', 'data')), 'hidden');
});

test('build: `.well-known/` of staticDir (RFC 8615: security.txt, a Mastodon or app association file) is published and served, where every hidden folder was left out; hidden files in it, and other hidden folders, still are', async () => {
  const root = archiveRoot();
  mkdirSync(join(root, 'static', '.well-known'), { recursive: true });
  writeFileSync(join(root, 'static', '.well-known', 'security.txt'), 'Contact: mailto:security@example.org\n');
  writeFileSync(join(root, 'static', '.well-known', '.DS_Store'), 'finder');
  mkdirSync(join(root, 'static', 'img', '.well-known'), { recursive: true });
  writeFileSync(join(root, 'static', 'img', '.well-known', 'x.txt'), 'not at the top');
  const built = spawnCli(['build'], { cwd: root });
  assert.equal(built.code, 0, built.stderr);
  assert.equal(readFileSync(join(root, 'dist', '.well-known', 'security.txt'), 'utf8'), 'Contact: mailto:security@example.org\n');
  assert.equal(existsSync(join(root, 'dist', '.well-known', '.DS_Store')), false);
  assert.equal(existsSync(join(root, 'dist', 'img', '.well-known')), false);
  const staticDir = join(root, 'static');
  assert.equal(staticPathKind(staticDir, join(staticDir, '.well-known', 'security.txt'), join(root, '.paperboy')), 'copied');
  const { child, url } = await serve(root);
  try {
    const answer = await fetch(new URL('/.well-known/security.txt', url));
    assert.equal(answer.status, 200);
    assert.equal(await answer.text(), 'Contact: mailto:security@example.org\n');
  } finally {
    child.kill();
  }
});
