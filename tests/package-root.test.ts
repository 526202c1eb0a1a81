import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { packageVersion } from '../src/archive/package-version.js';
import { PACKAGE_ROOT, PACKAGE_VERSION, packageAbove } from '../src/package-root.js';

test('packageAbove finds the nearest package.json that passes, over ones that do not or cannot be read', () => {
  const top = mkdtempSync(join(tmpdir(), 'paperboy-package-'));
  const deep = join(top, 'a', 'b', 'c');
  mkdirSync(deep, { recursive: true });
  writeFileSync(join(top, 'package.json'), JSON.stringify({ name: 'outer', version: '1.0.0' }));
  writeFileSync(join(top, 'a', 'package.json'), '{ not json');
  writeFileSync(join(top, 'a', 'b', 'package.json'), JSON.stringify({ name: 'inner' }));
  assert.deepEqual(packageAbove(deep, () => true), { folder: join(top, 'a', 'b'), json: { name: 'inner' } });
  assert.equal(packageAbove(deep, (json) => json.name === 'outer')?.folder, top);
  assert.equal(packageAbove(deep, (json) => json.name === 'nowhere'), undefined);
});

test("paperboy's own package (its templates beside it) and an installed package's version are found from where the module runs", () => {
  const own = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  assert.equal(own.name, 'paperboy');
  assert.equal(PACKAGE_VERSION, own.version);
  assert.ok(existsSync(join(PACKAGE_ROOT, 'templates', 'web', 'layout.html.hbs')));
  const minisearch = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'node_modules', 'minisearch', 'package.json'), 'utf8')) as { version: string };
  assert.equal(packageVersion('minisearch'), minisearch.version);
});
