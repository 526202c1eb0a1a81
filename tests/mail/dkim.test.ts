import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { newsletter, outboxFiles, send } from '../helpers/send.js';
import { startSmtpServer } from '../helpers/smtp-server.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const DKIM_CONFIG = 'dkim: { domainName: example.org, keySelector: news }\n';
const PUBLIC_RECORD = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;

/** mailauth's verifier with our key in the "DNS". */
async function verifyDkim(eml: string): Promise<{ results: { status: { result: string }; signingHeaders: { keys: string } }[] }> {
  const resolver = async (name: string, type: string) => {
    if (name === 'news._domainkey.example.org' && type === 'TXT') return [[PUBLIC_RECORD]];
    throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  };
  return (await dkimVerify(Buffer.from(eml), { resolver })) as unknown as { results: { status: { result: string }; signingHeaders: { keys: string } }[] };
}

test('dkim: every message is signed, verifies with mailauth, and the signature covers both List-Unsubscribe headers', async () => {
  const root = await newsletter(3, { extraConfig: DKIM_CONFIG });
  const keyFile = join(root, 'dkim.pem');
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const result = await send(root, {}, { DKIM_PRIVATE_KEY_FILE: keyFile });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /DKIM-signed/);
  const files = outboxFiles(root);
  assert.equal(files.length, 3);
  for (const eml of files) {
    const { results } = await verifyDkim(eml);
    assert.equal(results[0]!.status.result, 'pass');
    const signed = results[0]!.signingHeaders.keys.toLowerCase();
    assert.match(signed, /list-unsubscribe:/);
    assert.match(signed, /list-unsubscribe-post/);
    assert.match(signed, /list-id/);
  }
});

test('dkim: an unusable key aborts before connecting (exit 2), nothing sent', async () => {
  const root = await newsletter(2, { extraConfig: DKIM_CONFIG });
  const keyFile = join(root, 'dkim.pem');
  writeFileSync(keyFile, '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n');
  let connections = 0;
  const server = await startSmtpServer({ connect: () => (connections++, undefined) });
  try {
    const result = await send(root, {}, { DKIM_PRIVATE_KEY_FILE: keyFile, SMTP_URL: server.url });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Unexpected DKIM key/);
    assert.equal(connections, 0);
    const missing = await send(root, {}, { SMTP_URL: server.url });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Missing DKIM_PRIVATE_KEY_FILE/);
    assert.equal(connections, 0);
  } finally {
    await server.close();
  }
});
