import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, spawnCli } from '../helpers/cli.js';
import { newsletter, outboxFiles, SECRET } from '../helpers/send.js';

/** `newsletter` with its baseUrl replaced by `baseUrl`. */
async function newsletterAt(baseUrl: string): Promise<string> {
  const root = await newsletter(2);
  const config = join(root, 'paperboy.config.yaml');
  writeFileSync(config, readFileSync(config, 'utf8').replace('baseUrl: https://news.example.org/', `baseUrl: ${baseUrl}`));
  return root;
}

const WARNING = /^paperboy: warning: `baseUrl` \(paperboy\.config\.yaml\) is http:\/\/news\.example\.org\/, not https: the messages go without `List-Unsubscribe-Post`, and Gmail and Yahoo offer their one-click unsubscribe \(RFC 8058\) only for an https link\. Publish the archive over https and set `baseUrl: https:\/\/news\.example\.org\/`\.$/m;

test('send: an http baseUrl is warned of once (one-click unsubscribe needs https) on a real send, a --dry-run and a proof, and the messages go without List-Unsubscribe-Post', async () => {
  const root = await newsletterAt('http://news.example.org/');
  const env = { PAPERBOY_SECRET: SECRET };
  for (const argv of [['--dry-run'], ['--test', 'editor@example.org'], ['--yes']]) {
    const result = await runCli(['send', '1', '--root', root, ...argv], { cwd: root, env });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, WARNING, argv.join(' '));
    assert.equal(result.stderr.match(/warning: `baseUrl`/g)?.length, 1, 'one line');
  }
  // The CLI as users run it (the bundle, its own process): the same one line.
  const spawned = spawnCli(['send', '1', '--root', root, '--dry-run'], { cwd: root, env: { ...process.env, ...env } });
  assert.equal(spawned.code, 0, spawned.stderr);
  assert.match(spawned.stderr, WARNING);
  const [message] = outboxFiles(root);
  assert.match(message!, /^List-Unsubscribe:\r\n <http:\/\/news\.example\.org\/unsubscribe\?token=/m);
  assert.doesNotMatch(message!, /^List-Unsubscribe-Post:/m);
});

test('send: an https baseUrl, or an http one on this machine (localhost, 127.0.0.1: development), is not warned of', async () => {
  for (const baseUrl of ['https://news.example.org/', 'http://localhost:4000/', 'http://127.0.0.1:4000/news/', 'http://digest.localhost/', 'http://[::1]:4000/']) {
    const root = await newsletterAt(baseUrl);
    const result = await runCli(['send', '1', '--root', root, '--dry-run'], { cwd: root, env: { PAPERBOY_SECRET: SECRET } });
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /warning: `baseUrl`/, baseUrl);
  }
});
