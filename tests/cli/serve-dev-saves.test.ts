import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';
import { exited, serve } from '../helpers/serve.js';

/** The built-in web template `name`, with an `{{#if}}` opened and never closed: a save half done. */
function brokenTemplate(name: string): string {
  return `{{#if newsletter.name}}${readFileSync(join(import.meta.dirname, '..', '..', 'templates', 'web', name), 'utf8')}`;
}

/** GETs `path` every 100 ms until `done` holds (at most 10 s); the last answer. */
async function pollUntil(url: URL, path: string, done: (status: number, body: string) => boolean): Promise<{ status: number; body: string }> {
  let answer = { status: 0, body: '' };
  for (let i = 0; i < 100; i++) {
    const response = await fetch(new URL(path, url));
    answer = { status: response.status, body: await response.text() };
    if (done(answer.status, answer.body)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return answer;
}

test('serve --dev with a web template broken (at the start, or saved so while it runs): its own pages still answer, the server stays up and says the error at file:line:column, and the fix is served', { timeout: 90_000 }, async () => {
  const template = join('templates', 'web', 'issue.html.hbs');
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ title: 'First title' }), [template]: brokenTemplate('issue.html.hbs') });
  const server = await serve(root, ['--dev'], {});
  try {
    // The first build failed: no dev site yet. Every page is the not-found page, and the endpoints answer theirs.
    const missing = await fetch(new URL('issues/1/', server.url));
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /Page not found[\s\S]*EventSource/, 'the not-found page reloads once a save fixes the template');
    const unsubscribe = await fetch(new URL('unsubscribe', server.url));
    assert.equal(unsubscribe.status, 200);
    assert.match(await unsubscribe.text(), /<\/html>/);
    assert.match(server.stderr(), /build failed: \S*templates\/web\/issue\.html\.hbs:\d+:\d+: /);
    // Fixed: the site is built and served.
    writeFileSync(join(root, template), readFileSync(join(import.meta.dirname, '..', '..', 'templates', 'web', 'issue.html.hbs')));
    assert.match((await pollUntil(server.url, 'issues/1/', (status) => status === 200)).body, /First title/);
    // Broken again while it runs: the endpoints and the not-found page answer, the page as last built is served.
    writeFileSync(join(root, template), brokenTemplate('issue.html.hbs'));
    await pollUntil(server.url, 'unsubscribe', () => (server.stderr().match(/build failed/g)?.length ?? 0) >= 2);
    assert.equal((await fetch(new URL('unsubscribe', server.url))).status, 200);
    assert.equal((await fetch(new URL('nowhere/', server.url))).status, 404);
    assert.equal((await fetch(new URL('issues/1/', server.url))).status, 200);
    assert.equal(server.child.exitCode, null, 'still running');
  } finally {
    server.child.kill('SIGTERM');
    assert.equal(await exited(server.child), 0);
  }
  assert.doesNotMatch(server.stderr(), /\n\S*paperboy: +at /, 'no stack trace');
});

test('serve --dev: after a save of the config naming other folders (issuesDir, staticDir), edits in those folders are built and served, not only the first', { timeout: 120_000 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ title: 'Old folder' }), 'letters/0001-a.md': cleanIssue({ title: 'New folder' }), 'site-files/hello.txt': 'one' });
  const server = await serve(root, ['--dev'], {});
  try {
    const config = readFileSync(join(root, 'paperboy.config.yaml'), 'utf8');
    writeFileSync(join(root, 'paperboy.config.yaml'), `${config}issuesDir: letters\nstaticDir: site-files\n`);
    assert.match((await pollUntil(server.url, 'issues/1/', (_, body) => body.includes('New folder'))).body, /New folder/);
    assert.equal((await pollUntil(server.url, 'hello.txt', (status) => status === 200)).body, 'one');
    // Saves in the folders the config names now.
    writeFileSync(join(root, 'site-files', 'hello.txt'), 'two');
    assert.equal((await pollUntil(server.url, 'hello.txt', (_, body) => body === 'two')).body, 'two');
    writeFileSync(join(root, 'letters', '0001-a.md'), cleanIssue({ title: 'Edited there' }));
    assert.match((await pollUntil(server.url, 'issues/1/', (_, body) => body.includes('Edited there'))).body, /Edited there/);
  } finally {
    server.child.kill('SIGTERM');
    assert.equal(await exited(server.child), 0);
  }
});

test("serve --dev: a config saved with another path in baseUrl says the server still answers under the path it started with, and to restart", { timeout: 90_000 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  const server = await serve(root, ['--dev'], {});
  try {
    const config = readFileSync(join(root, 'paperboy.config.yaml'), 'utf8');
    writeFileSync(join(root, 'paperboy.config.yaml'), config.replace('baseUrl: https://news.example.org/', 'baseUrl: https://news.example.org/digest/'));
    await pollUntil(server.url, 'issues/1/', () => (server.stderr().match(/rebuilt in/g)?.length ?? 0) >= 2);
    assert.match(server.stderr(), /baseUrl's path is \/digest\/ now; this server answers under \/, the path it started with: restart it to serve under \/digest\//);
    assert.equal((await fetch(new URL('issues/1/', server.url))).status, 200);
  } finally {
    server.child.kill('SIGTERM');
    assert.equal(await exited(server.child), 0);
  }
});
