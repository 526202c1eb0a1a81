import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { openSite, writeSite } from '../../src/archive/site-writer.js';
import { followRebuilds } from '../../src/server/follow-rebuilds.js';

/** A site written by `writeSite` with `key`, as `paperboy build` writes one. */
async function siteOf(key: string): Promise<string> {
  const out = join(mkdtempSync(join(tmpdir(), 'paperboy-follow-')), 'dist');
  await writeSite(out, [{ path: 'index.html', key: 'k1', contents: () => '<p>home</p>\n' }], { site: key, maker: 'paperboy test', shape: 'shape', outputs: new Map() }, openSite(out, 'paperboy test', true), {});
  return out;
}

/** How many times the site was mapped again within `ms` of following `out`, mapped when its key was `mappedKey`. */
async function remapsWithin(out: string, mappedKey: string | undefined, ms: number): Promise<number> {
  let reloads = 0;
  const warnings: string[] = [];
  const following = followRebuilds(out, () => (reloads += 1), (line) => warnings.push(line), mappedKey);
  await sleep(ms);
  following?.close();
  assert.deepEqual(warnings, []);
  return reloads;
}

test('serve: a rebuild that landed after the site was mapped and before its watch was set (no event for it) is mapped once the watch is set', async () => {
  const out = await siteOf('rebuilt');
  assert.equal(await remapsWithin(out, 'mapped-before-the-rebuild', 1000), 1);
});

test('serve: a site unchanged since it was mapped is not mapped again when its watch is set', async () => {
  const out = await siteOf('same');
  assert.equal(await remapsWithin(out, 'same', 500), 0);
});
