import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { loadConfig } from '../../src/config/load.js';
import { Workspace } from '../../src/issue/workspace.js';
import { previewRoute } from '../../src/server/preview-route.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';

test('serve --dev: /preview/N of an issue whose frontmatter does not parse names the file from the newsletter root, in its render failure as in its lint lines, and its heading by the file\'s name', { timeout: 60_000 }, async () => {
  const root = makeRoot({ 'issues/0002-b.md': cleanIssue({ number: 2, title: '[unclosed' }) });
  const workspace = await Workspace.load(await loadConfig(root));
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    void previewRoute({ workspace, req, res, path: url.pathname, query: url.search, withLiveReload: (html) => html });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const page = await (await fetch(`${origin}/preview/2`)).text();
    assert.match(page, /<pre class="diagnostics">issues\/0002-b\.md:3:\d+ +error +Unexpected YAML/);
    assert.match(page, /<pre class="failure">Cannot render issues\/0002-b\.md:3:\d+: Unexpected YAML/);
    assert.ok(!page.includes(root), 'the absolute path is shown nowhere');
    assert.match(page, /<h1>Preview of #2: <span [^>]*>0002-b\.md<\/span><\/h1>/);
    const text = await (await fetch(`${origin}/preview/2/email.txt`)).text();
    assert.match(text, /^Cannot render issues\/0002-b\.md:3:\d+: Unexpected YAML/);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
