import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { watchStaticFiles } from '../../src/server/static-watch.js';

test("serve --dev's watch of staticDir does not go into a link to a folder (the build copies none of it): a link to a large folder outside watched every file under it", async () => {
  const root = mkdtempSync(join(tmpdir(), 'paperboy-static-watch-'));
  const outside = mkdtempSync(join(tmpdir(), 'paperboy-outside-'));
  mkdirSync(join(outside, 'deep', 'deeper'), { recursive: true });
  writeFileSync(join(outside, 'deep', 'deeper', 'file.txt'), 'x');
  const staticDir = join(root, 'static');
  mkdirSync(join(staticDir, 'img'), { recursive: true });
  writeFileSync(join(staticDir, 'img', 'chart.png'), 'png');
  writeFileSync(join(root, 'icon.ico'), 'icon');
  symlinkSync(join(root, 'icon.ico'), join(staticDir, 'favicon.ico'));
  symlinkSync(outside, join(staticDir, 'everything'));
  const watcher = await watchStaticFiles(staticDir, join(root, '.paperboy'), () => undefined, (error) => assert.fail(String(error)));
  try {
    const folders = Object.keys(watcher.getWatched());
    assert.ok(!folders.some((folder) => folder.startsWith(join(staticDir, 'everything'))), folders.join('\n'));
    // Its own folders and a link to a file are watched as before.
    assert.ok(folders.includes(join(staticDir, 'img')), folders.join('\n'));
    assert.ok(watcher.getWatched()[staticDir]?.includes('favicon.ico'), JSON.stringify(watcher.getWatched()[staticDir]));
  } finally {
    await watcher.close();
  }
});
