import assert from 'node:assert/strict';
import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../../src/config/load.js';
import { devServer, EVENTS_PATH } from '../../src/server/dev.js';
import { CONFIG_YAML, cleanIssue, makeRoot } from '../helpers/fixture.js';

test('serve --dev: a config saved after its first build read it and before its watch was ready is read again and built (the site shows the new name)', { timeout: 60_000 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ title: 'First' }) });
  const lines: string[] = [];
  const dev = devServer(await loadConfig(root), (line) => lines.push(line), () => undefined);
  try {
    // `start` reads the config at once (synchronously) and only then watches it: this save has no event of its own.
    const started = dev.start(() => undefined);
    writeFileSync(join(root, 'paperboy.config.yaml'), CONFIG_YAML.replace('name: Test Newsletter', 'name: Renamed Digest'));
    await started;
    const index = () => readFileSync(join(dev.siteDir, 'index.html'), 'utf8');
    for (let i = 0; i < 100 && !index().includes('Renamed Digest'); i++) await sleep(100);
    assert.match(index(), /Renamed Digest/);
    assert.deepEqual(lines.filter((line) => !/^rebuilt in \d+ ms$/.test(line)), [], 'every build succeeded');
  } finally {
    await dev.stop();
  }
});

test('serve --dev: saves made while its first build runs are built after it, one build at a time (a build beside it would take over its lock and write the same site)', { timeout: 120_000 }, async () => {
  const issues = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`issues/${String(i + 1).padStart(4, '0')}-a.md`, cleanIssue({ number: i + 1, title: `Issue ${i + 1}` })]));
  const root = makeRoot(issues);
  // Each build's span, from its "rebuilt in N ms" line and the time it was said.
  const spans: [number, number][] = [];
  const dev = devServer(await loadConfig(root), (line) => {
    const took = /^rebuilt in (\d+) ms$/.exec(line);
    assert.ok(took, `no build failed: ${line}`);
    spans.push([performance.now() - Number(took[1]), performance.now()]);
  }, () => undefined);
  try {
    const started = dev.start(() => undefined);
    let done = false;
    void started.then(() => (done = true));
    // Saved again and again while the first build runs (its watch is ready before it builds).
    for (let i = 0; !done; i++) {
      writeFileSync(join(root, 'issues/0040-a.md'), cleanIssue({ number: 40, title: `Saved ${i}` }));
      await sleep(30);
    }
    await started;
    for (let i = 0; i < 100 && spans.length < 2; i++) await sleep(100);
    await sleep(500);
    assert.ok(spans.length >= 2, `a build after the first: ${spans.length}`);
    for (let i = 1; i < spans.length; i++) assert.ok(spans[i]![0] >= spans[i - 1]![1] - 5, `build ${i + 1} started after build ${i} ended: ${JSON.stringify(spans)}`);
  } finally {
    await dev.stop();
  }
});

test("serve --dev: the live-reload script goes before the page's own </body>, never into a link's title that shows `</body>`", async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  const dev = devServer(await loadConfig(root), () => undefined, () => undefined);
  // A summary's `[link](https://example.org/x "</body> ends here")`: hast-util-to-html leaves `<` unescaped in an attribute value.
  const page = '<!DOCTYPE html>\n<html><body>\n<p><a href="https://example.org/x" title="</body> ends here">link</a></p>\n</BODY>\n</html>\n';
  const served = dev.withLiveReload(page);
  assert.ok(served.includes('title="</body> ends here"'), 'the title as written');
  assert.match(served, /<\/p>\n<script>[\s\S]*<\/script><\/BODY>\n<\/html>\n$/);
  assert.equal(served.split('<script>').length, 2, 'the script once');
});

test('serve --dev: an issue file made a loop of symbolic links is built again (the build says it cannot be read), not logged as a watch lost ("saves are not rebuilt"); a later save is built', { timeout: 60_000 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ title: 'First' }) });
  const lines: string[] = [];
  const dev = devServer(await loadConfig(root), (line) => lines.push(line), () => undefined);
  const waitFor = async (pattern: RegExp) => {
    for (let i = 0; i < 100 && !lines.some((line) => pattern.test(line)); i++) await sleep(100);
  };
  try {
    await dev.start(() => undefined);
    const loop = join(root, 'issues', '0002-loop.md');
    symlinkSync('0002-loop.md', loop);
    await waitFor(/0002-loop\.md/);
    assert.ok(lines.some((line) => /0002-loop\.md/.test(line) && /ELOOP|symbolic links/.test(line)), lines.join('\n'));
    rmSync(loop);
    writeFileSync(join(root, 'issues', '0001-a.md'), cleanIssue({ title: 'Saved after the loop' }));
    for (let i = 0; i < 100 && !readFileSync(join(dev.siteDir, 'index.html'), 'utf8').includes('Saved after the loop'); i++) await sleep(100);
    assert.match(readFileSync(join(dev.siteDir, 'index.html'), 'utf8'), /Saved after the loop/);
    assert.deepEqual(lines.filter((line) => /cannot watch/.test(line)), []);
  } finally {
    await dev.stop();
  }
});

test('serve --dev: the live-reload stream and the email previews answer only GET and HEAD (405 with Allow for DELETE, PUT, POST), and a HEAD of the stream ends at once with its headers, never held open', { timeout: 60_000 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  const dev = devServer(await loadConfig(root), () => undefined, () => undefined);
  // Whether the answer to each HEAD was finished (its last byte handed to the connection), as the server sees it.
  const headsFinished: Promise<void>[] = [];
  const server = createServer((req, res) => {
    if (req.method === 'HEAD') headsFinished.push(new Promise((finished) => res.once('finish', finished)));
    const url = new URL(req.url ?? '/', 'http://localhost');
    void Promise.resolve(dev.route({ req, res, path: url.pathname, query: url.search })).then((answered) => answered || res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await dev.start(() => undefined);
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const path of [EVENTS_PATH, '/preview/', '/preview/1', '/preview/1/email.html']) {
      for (const method of ['DELETE', 'PUT', 'POST']) {
        const answer = await fetch(`${origin}${path}`, { method, signal: AbortSignal.timeout(5000) });
        assert.equal(answer.status, 405, `${method} ${path}`);
        assert.equal(answer.headers.get('allow'), 'GET, HEAD', `${method} ${path}`);
      }
    }
    const head = await fetch(`${origin}${EVENTS_PATH}`, { method: 'HEAD', signal: AbortSignal.timeout(5000) });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-type'), 'text/event-stream');
    assert.equal(await Promise.race([headsFinished[0]!.then(() => 'finished'), sleep(3000).then(() => 'held open')]), 'finished');
    assert.equal((await fetch(`${origin}/preview/1`, { signal: AbortSignal.timeout(20_000) })).status, 200);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await dev.stop();
  }
});
