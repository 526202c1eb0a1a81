import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createServer, request } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { BIN, spawnCli } from '../helpers/cli.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';
import { exited, serve } from '../helpers/serve.js';

test('serve refuses to start without PAPERBOY_SECRET (exit 2, saying how to set it), unless --dev', () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  const result = spawnCli(['serve', '--root', root, '--port', '0'], { cwd: root });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /Missing PAPERBOY_SECRET/);
  assert.match(result.stderr, /openssl rand/);
  assert.doesNotMatch(result.stderr, /at .*\.js:\d+/, 'no stack trace');
});

test('serve on a port another program uses exits 2 at once, saying so (the dev server too), nothing left running', { timeout: 60_000 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const { port } = taken.address() as AddressInfo;
  try {
    for (const args of [[], ['--dev']]) {
      const child = spawn(process.execPath, [BIN, 'serve', '--root', root, '--port', String(port), ...args], { env: { PATH: process.env.PATH, PAPERBOY_SECRET: 'serve-test-secret-serve-test-secret-0123' } });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      // Before the fix the process stayed up, kept alive by the archive's watcher: it is killed after 20 s.
      const deadline = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited(child);
      clearTimeout(deadline);
      assert.equal(code, 2, `serve ${args.join(' ')}: ${stderr}`);
      assert.match(stderr, new RegExp(`Cannot listen on 127\\.0\\.0\\.1:${port}: EADDRINUSE`));
      assert.match(stderr, /pass --port N/);
      assert.doesNotMatch(stderr, /at .*\.js:\d+/, 'no stack trace');
    }
  } finally {
    taken.close();
  }
});

test('serve: a request in flight at SIGTERM is answered (and committed), then the server exits 0', { timeout: 60_000 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  const server = await serve(root);
  const exit = exited(server.child);
  const answer = new Promise<number>((resolve, reject) => {
    const body = 'email=ada%40example.org';
    const req = request(new URL('subscribe', server.url), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': body.length } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    // Half the body, the signal, then the rest: the request is in flight when the server is told to stop.
    req.write(body.slice(0, 5));
    setTimeout(() => {
      server.child.kill('SIGTERM');
      setTimeout(() => req.end(body.slice(5)), 300);
    }, 300);
  });
  assert.equal(await answer, 202);
  assert.equal(await exit, 0);
  assert.match(server.stderr(), /stopping/);
  // Run from another folder with --root: the command it suggests carries it.
  assert.match(server.stderr(), /dist has no site yet \(no index\.html\): pages answer 404 until `paperboy build --root \S+paperboy-test-\w+` writes it/);
  const outbox = join(root, '.paperboy', 'outbox', 'confirmations');
  const [message] = readdirSync(outbox);
  assert.match(readFileSync(join(outbox, message!), 'utf8'), /confirm\?token=/);
  const log = server.stdout().trim().split('\n').map((line) => JSON.parse(line) as { path: string; status: number });
  assert.deepEqual(log.map(({ path, status }) => [path, status]), [['/subscribe', 202]]);
});

/** Sends a POST's head and half the body its Content-Length announces on a raw socket, then closes it: a client that gave up. */
function abortedPost(url: URL, path: string, contentType: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => {
      const body = contentType.startsWith('multipart') ? '--b\r\nContent-Disposition: form-data; name="email"\r\n\r\nada@exa' : 'email=ada%40exa';
      socket.write(`POST ${url.pathname}${path} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length * 2}\r\n\r\n${body}`);
      setTimeout(() => socket.destroy(), 200);
    });
    socket.on('error', reject);
    socket.on('close', () => resolve());
  });
}

test('serve: a client that closes the connection mid-body gets one stderr line starting `paperboy: `, no stack, and the server goes on', { timeout: 60_000 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  const server = await serve(root);
  try {
    await abortedPost(server.url, 'subscribe', 'application/x-www-form-urlencoded');
    await abortedPost(server.url, 'unsubscribe?token=x', 'multipart/form-data; boundary=b');
    const still = await fetch(new URL('subscribe', server.url), { method: 'POST', body: new URLSearchParams({ email: 'ada@example.org' }) });
    assert.equal(still.status, 202);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = server.stderr().trimEnd().split('\n');
    assert.ok(
      lines.every((line) => line.startsWith('paperboy: ')),
      server.stderr(),
    );
    assert.deepEqual(
      lines.filter((line) => /connection closed/.test(line)),
      [
        'paperboy: POST /subscribe: the connection closed before its request was read whole (the client left, or sent it too slowly); nothing was changed',
        'paperboy: POST /unsubscribe: the connection closed before its request was read whole (the client left, or sent it too slowly); nothing was changed',
      ],
    );
  } finally {
    server.child.kill('SIGTERM');
    await exited(server.child);
  }
});

test('serve --dev without a secret: serves the dev site with drafts, and /preview/N shows the email at two widths with its lint', { timeout: 60_000 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ status: 'draft', title: 'A draft issue' }) });
  const server = await serve(root, ['--dev'], {});
  try {
    const home = await fetch(server.url);
    assert.equal(home.status, 200);
    const html = await home.text();
    assert.match(html, /A draft issue/);
    assert.match(html, /EventSource/);
    const preview = await (await fetch(new URL('preview/1', server.url))).text();
    assert.match(preview, /width="600"/);
    assert.match(preview, /width="375"/);
    assert.match(preview, /Dark mode/);
    const email = await fetch(new URL('preview/1/email.html', server.url));
    assert.match(await email.text(), /A draft issue/);
  } finally {
    server.child.kill('SIGTERM');
    assert.equal(await exited(server.child), 0);
  }
});

test("serve --dev shows an issue's email (/preview/N/email.html, issues/N/email.html) with its images of staticDir loaded from the dev server, which serves them; its links stay under baseUrl", { timeout: 60_000 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ body: 'A chart: ![The loss](img/chart.png) and [about us](/about/).' }), 'static/img/chart.png': Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
  const server = await serve(root, ['--dev'], {});
  try {
    const local = `${server.url.origin}/img/chart.png`;
    for (const path of ['preview/1/email.html', 'issues/1/email.html']) {
      const email = await (await fetch(new URL(path, server.url))).text();
      assert.deepEqual([...email.matchAll(/<img [^>]*?src="([^"]*)"/g)].map((match) => match[1]), [local], path);
      assert.match(email, /href="https:\/\/news\.example\.org\/about\/"/, path);
    }
    assert.equal((await fetch(local)).status, 200);
  } finally {
    server.child.kill('SIGTERM');
    assert.equal(await exited(server.child), 0);
  }
});

test('serve --dev with an issue whose frontmatter does not parse: /preview/N finds it by its file name and shows its problem at file:line:column; the failed build is said on stderr, stdout is the access log alone', { timeout: 60_000 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue(), 'issues/0002-b.md': cleanIssue({ number: 2, title: '[unclosed' }) });
  const server = await serve(root, ['--dev'], {});
  try {
    const preview = await fetch(new URL('preview/2', server.url));
    assert.equal(preview.status, 200);
    const page = await preview.text();
    assert.match(page, /issues\/0002-b\.md:3:\d+ +error +Unexpected YAML/);
    assert.match(page, /Cannot render \S*0002-b\.md:3:\d+: Unexpected YAML/);
    // A number no file has: a page that reloads once one does.
    const missing = await fetch(new URL('preview/3', server.url));
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /No issue has number 3\.[\s\S]*EventSource/);
  } finally {
    server.child.kill('SIGTERM');
    assert.equal(await exited(server.child), 0);
  }
  assert.match(server.stderr(), /^paperboy: build failed: Cannot publish issues\/0002-b\.md:3:\d+: /m);
  const log = server.stdout().trim().split('\n').map((line) => JSON.parse(line) as { path: string; status: number });
  assert.deepEqual(log.map(({ path, status }) => [path, status]), [['/preview/2', 200], ['/preview/3', 404]]);
});

test('serve --dev: /preview/, the address its start names, lists every issue newest first, each a link to its /preview/N with its status (one that cannot be read by its file name\'s number)', { timeout: 60_000 }, async () => {
  const root = makeRoot({
    'issues/0001-a.md': cleanIssue({ status: 'sent', title: 'The first <issue>' }),
    'issues/0002-b.md': cleanIssue({ number: 2, status: 'draft', title: 'The second' }),
    'issues/0003-c.md': cleanIssue({ number: 3, title: '[unclosed' }),
  });
  const server = await serve(root, ['--dev'], {});
  try {
    for (const path of ['preview/', 'preview']) {
      const list = await fetch(new URL(path, server.url));
      assert.equal(list.status, 200, path);
      const page = await list.text();
      const items = [...page.matchAll(/<li><a href="([^"]+)">(.*?)<\/a> · ([^<]+)<\/li>/g)].map((match) => [match[1], match[2]!.replace(/<[^>]+>/g, ''), match[3]]);
      assert.deepEqual(items, [
        ['/preview/3', '#3: 0003-c.md', 'cannot be read'],
        ['/preview/2', '#2: The second', 'draft'],
        ['/preview/1', '#1: The first &lt;issue&gt;', 'sent'],
      ], path);
      assert.match(page, /EventSource/, 'reloaded after a save, as the other pages');
    }
  } finally {
    server.child.kill('SIGTERM');
    assert.equal(await exited(server.child), 0);
  }
  const url = new URL('preview/', server.url).href;
  assert.match(server.stderr(), new RegExp(`^paperboy: the issues' emails are at ${url.replaceAll('.', '\\.')} \\(issue N's at ${url.replaceAll('.', '\\.')}N\\)$`, 'm'));
});

test('serve --dev: /preview/N of a number no issue has names the number as written, not as JavaScript prints a large one (`1e+23`)', { timeout: 60_000 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  const server = await serve(root, ['--dev'], {});
  try {
    for (const [path, type] of [['preview/99999999999999999999999', /No issue has number 99999999999999999999999\.[\s\S]*EventSource/], ['preview/99999999999999999999999/email.txt', /^No issue has number 99999999999999999999999\.\n$/]] as const) {
      const missing = await fetch(new URL(path, server.url));
      assert.equal(missing.status, 404, path);
      assert.match(await missing.text(), type, path);
    }
  } finally {
    server.child.kill('SIGTERM');
    assert.equal(await exited(server.child), 0);
  }
});

test('serve --dev with a template error: /preview/N shows the error at its file:line:column (not "something went wrong on our side"), and no stack trace reaches stderr', { timeout: 60_000 }, async () => {
  const footer = '<p>{{editor}} <a href="{{links.unsubscribe}}">Unsubscribe</a></p>\n<p>{{newsletter.postalAddress}}</p>\n';
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ status: 'draft' }), 'templates/partials/footer.html.hbs': footer });
  const server = await serve(root, ['--dev'], {});
  try {
    const preview = await fetch(new URL('preview/1', server.url));
    assert.equal(preview.status, 200);
    const page = await preview.text();
    assert.doesNotMatch(page, /Something went wrong/);
    assert.match(page, /<h2>Lint<\/h2>\n<pre class="diagnostics">paperboy: \S*templates\/partials\/footer\.html\.hbs:1:6: Unexpected field `editor`/);
    assert.match(page, /EventSource/, 'the page reloads once a save fixes the template');
  } finally {
    server.child.kill('SIGTERM');
    assert.equal(await exited(server.child), 0);
  }
  assert.doesNotMatch(server.stderr(), /\n\S*paperboy: +at /, 'no stack trace');
});

test('serve: a build while the server runs is served at once, without a restart', { timeout: 90_000 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ title: 'First build' }) });
  assert.equal(spawnCli(['build', '--root', root], { cwd: root }).code, 0);
  const server = await serve(root);
  try {
    assert.doesNotMatch(server.stderr(), /no site yet/);
    assert.match(await (await fetch(new URL('issues/1/', server.url))).text(), /First build/);
    writeFileSync(join(root, 'issues', '0001-a.md'), cleanIssue({ title: 'Second build' }));
    assert.equal(spawnCli(['build', '--root', root], { cwd: root }).code, 0);
    let page = '';
    for (let i = 0; i < 100 && !page.includes('Second build'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      page = await (await fetch(new URL('issues/1/', server.url))).text();
    }
    assert.match(page, /Second build/);
  } finally {
    server.child.kill('SIGTERM');
    await exited(server.child);
  }
});

/** GETs `path` of `url` every 100 ms until `done` holds for its body (at most 10 s); returns the last body. */
async function pollBody(url: URL, path: string, done: (status: number, body: string) => boolean): Promise<{ status: number; body: string }> {
  let answer = { status: 0, body: '' };
  for (let i = 0; i < 100; i++) {
    const response = await fetch(new URL(path, url), { headers: { 'Cache-Control': 'no-cache' } });
    answer = { status: response.status, body: await response.text() };
    if (done(answer.status, answer.body)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return answer;
}

test('serve --dev: a file of staticDir added, edited or removed while it runs is served as it is now, without a restart (the folder made after the start, or removed and made again, too)', { timeout: 90_000 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  const server = await serve(root, ['--dev'], {});
  try {
    assert.equal((await fetch(new URL('img/chart.svg', server.url))).status, 404);
    // No static/ folder at the start: made now, with a file.
    mkdirSync(join(root, 'static', 'img'), { recursive: true });
    writeFileSync(join(root, 'static', 'img', 'chart.svg'), '<svg>first</svg>');
    assert.deepEqual(await pollBody(server.url, 'img/chart.svg', (status) => status === 200), { status: 200, body: '<svg>first</svg>' });
    writeFileSync(join(root, 'static', 'img', 'chart.svg'), '<svg>second</svg>');
    assert.deepEqual(await pollBody(server.url, 'img/chart.svg', (_, body) => body === '<svg>second</svg>'), { status: 200, body: '<svg>second</svg>' });
    writeFileSync(join(root, 'static', 'robots.txt'), 'User-agent: *\n');
    assert.equal((await pollBody(server.url, 'robots.txt', (status) => status === 200)).body, 'User-agent: *\n');
    rmSync(join(root, 'static', 'img', 'chart.svg'));
    assert.equal((await pollBody(server.url, 'img/chart.svg', (status) => status === 404)).status, 404);
    // The folder removed, then made again.
    rmSync(join(root, 'static'), { recursive: true });
    assert.equal((await pollBody(server.url, 'robots.txt', (status) => status === 404)).status, 404);
    mkdirSync(join(root, 'static'));
    writeFileSync(join(root, 'static', 'robots.txt'), 'User-agent: again\n');
    assert.equal((await pollBody(server.url, 'robots.txt', (status) => status === 200)).body, 'User-agent: again\n');
    // An editor's swap file is not copied: no rebuild, no page reloaded.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const builds = server.stderr().match(/rebuilt in/g)?.length;
    writeFileSync(join(root, 'static', '.robots.txt.swp'), 'swap');
    await new Promise((resolve) => setTimeout(resolve, 800));
    assert.equal(server.stderr().match(/rebuilt in/g)?.length, builds);
  } finally {
    server.child.kill('SIGTERM');
    assert.equal(await exited(server.child), 0);
  }
  assert.doesNotMatch(server.stderr(), /build failed/);
});

test('serve --dev: the issues folder or the templates folder moved away and back (a branch switched, a sync tool) is still watched: a save after it is rebuilt and served (none was, ever again)', { timeout: 90_000 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ title: 'First title' }), 'templates/partials/.keep': '' });
  const server = await serve(root, ['--dev'], {});
  try {
    assert.match((await pollBody(server.url, '', (_, body) => body.includes('First title'))).body, /First title/);
    for (const folder of ['issues', 'templates']) {
      renameSync(join(root, folder), join(root, `${folder}-away`));
      // The issues gone, the build fails; the templates gone, the built-in ones are used.
      await new Promise((resolve) => setTimeout(resolve, 500));
      renameSync(join(root, `${folder}-away`), join(root, folder));
      await new Promise((resolve) => setTimeout(resolve, 500));
      const title = `Saved after ${folder} came back`;
      writeFileSync(join(root, 'issues', '0001-a.md'), cleanIssue({ title }));
      assert.match((await pollBody(server.url, '', (_, body) => body.includes(title))).body, new RegExp(title));
    }
    const footer = join(root, 'templates', 'partials', 'footer.html.hbs');
    writeFileSync(footer, '{{#each}}');
    for (let i = 0; i < 100 && !/footer\.html\.hbs:1:1: Unexpected/.test(server.stderr()); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.match(server.stderr(), /build failed: \S*footer\.html\.hbs:1:1: Unexpected/);
  } finally {
    server.child.kill('SIGTERM');
    await exited(server.child);
  }
});

test("build and serve: an issue's published email.html and email.txt link the unsubscribe page without a token, which serve answers 200 with how to leave (a placeholder token was a 400 \"not valid\")", { timeout: 60_000 }, async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() });
  assert.equal(spawnCli(['build', '--root', root], { cwd: root }).code, 0);
  const html = readFileSync(join(root, 'dist/issues/1/email.html'), 'utf8');
  const text = readFileSync(join(root, 'dist/issues/1/email.txt'), 'utf8');
  const links = [...html.matchAll(/href="([^"]*unsubscribe[^"]*)"/g)].map((match) => match[1]);
  assert.deepEqual(links, ['https://news.example.org/unsubscribe']);
  assert.match(text, /^Unsubscribe: https:\/\/news\.example\.org\/unsubscribe$/m);
  assert.doesNotMatch(html + text, /PLACEHOLDER|token=/);
  const server = await serve(root);
  try {
    const answer = await fetch(new URL(new URL(links[0]!).pathname.slice(1), server.url));
    assert.equal(answer.status, 200);
    assert.match(await answer.text(), /<h1>Unsubscribe from Test Newsletter<\/h1>[\s\S]*use the unsubscribe link at the bottom of your copy/);
  } finally {
    server.child.kill('SIGTERM');
    await exited(server.child);
  }
});
