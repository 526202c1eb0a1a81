import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { simpleParser } from 'mailparser';
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

/** `send` with the PEM in DKIM_PRIVATE_KEY_FILE, against an SMTP server that counts connections. */
async function sendWithKey(pem: string): Promise<{ code: number; stderr: string; connections: number; root: string }> {
  const root = await newsletter(1, { extraConfig: DKIM_CONFIG });
  const keyFile = join(root, 'dkim.pem');
  writeFileSync(keyFile, pem);
  let connections = 0;
  const server = await startSmtpServer({ connect: () => (connections++, undefined) });
  try {
    const result = await send(root, {}, { DKIM_PRIVATE_KEY_FILE: keyFile, SMTP_URL: server.url });
    return { code: result.code, stderr: result.stderr, connections, root };
  } finally {
    await server.close();
  }
}

const pem = (key: ReturnType<typeof generateKeyPairSync>['privateKey']) => key.export({ type: 'pkcs8', format: 'pem' }) as string;

test('dkim: a key that cannot make an rsa-sha256 signature (EC, Ed25519) stops send before connecting, naming the key type', async () => {
  for (const [type, said] of [
    ['ec', /a key of type ec, expected an RSA key/],
    ['ed25519', /an Ed25519 key \(RFC 8463\), which nodemailer cannot sign with, expected an RSA key/],
  ] as const) {
    const key = type === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey : generateKeyPairSync('ed25519').privateKey;
    const result = await sendWithKey(pem(key));
    assert.equal(result.code, 2, type);
    assert.match(result.stderr, said);
    assert.equal(result.connections, 0);
  }
});

test('dkim: an RSA key under 1024 bits is refused (RFC 8301), and a 1024-bit key signs messages mailauth verifies', async () => {
  const small = await sendWithKey(pem(generateKeyPairSync('rsa', { modulusLength: 512 }).privateKey));
  assert.equal(small.code, 2);
  assert.match(small.stderr, /a 512-bit RSA key, expected at least 1024 bits \(RFC 8301 §3\.2/);
  assert.equal(small.connections, 0);

  const pair = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const root = await newsletter(1, { extraConfig: DKIM_CONFIG });
  writeFileSync(join(root, 'dkim.pem'), pem(pair.privateKey));
  const result = await send(root, {}, { DKIM_PRIVATE_KEY_FILE: join(root, 'dkim.pem') });
  assert.equal(result.code, 0, result.stderr);
  const record = `v=DKIM1; k=rsa; p=${pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
  const resolver = async (name: string, type: string) => {
    if (name === 'news._domainkey.example.org' && type === 'TXT') return [[record]];
    throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  };
  const { results } = (await dkimVerify(Buffer.from(outboxFiles(root)[0]!), { resolver })) as unknown as { results: { status: { result: string } }[] };
  assert.equal(results[0]!.status.result, 'pass');
});

test('dkim: a message whose texts have lines starting "From " still verifies after mbox delivery, which rewrites such lines ">From " (none are left in the encoded message)', async () => {
  const body = ['From the inbox: several readers asked about steering.', '', `${'word '.repeat(13)}From the editor, and more after it to fill the line.`].join('\n');
  const root = await newsletter(2, { extraConfig: DKIM_CONFIG, body });
  const keyFile = join(root, 'dkim.pem');
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const result = await send(root, {}, { DKIM_PRIVATE_KEY_FILE: keyFile });
  assert.equal(result.code, 0, result.stderr);
  const files = outboxFiles(root);
  assert.equal(files.length, 2);
  for (const eml of files) {
    assert.match((await simpleParser(eml)).text!, /^From the inbox/m);
    const delivered = eml.replace(/^(>*From )/gm, '>$1');
    assert.equal(delivered, eml, 'mbox delivery has nothing to rewrite');
    const { results } = await verifyDkim(delivered);
    assert.equal(results[0]!.status.result, 'pass');
  }
});

test('dkim: an encrypted, cut-short or missing key file is said in words (no OpenSSL or errno code alone), before connecting', async () => {
  const key = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
  for (const type of ['pkcs8', 'pkcs1'] as const) {
    const encrypted = await sendWithKey(key.export({ type, format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }) as string);
    assert.equal(encrypted.code, 2, type);
    assert.match(encrypted.stderr, /an encrypted key, whose passphrase paperboy cannot ask for \(decrypt it once: `openssl pkey -in KEY -out dkim\.pem`/, type);
    assert.equal(encrypted.connections, 0);
  }
  const cut = await sendWithKey(pem(key).slice(0, 200));
  assert.equal(cut.code, 2);
  assert.match(cut.stderr, /no private key OpenSSL can read \(DECODER routines::unsupported: a PEM file starts with `-----BEGIN PRIVATE KEY-----`/);
  const root = await newsletter(1, { extraConfig: DKIM_CONFIG });
  const missing = await send(root, {}, { DKIM_PRIVATE_KEY_FILE: join(root, 'nowhere.pem') });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /Cannot read DKIM_PRIVATE_KEY_FILE \(\S*nowhere\.pem\): no such file or folder \(ENOENT\)\n {2}Check the path: nothing by that name is there\. Nothing was sent\./);
  for (const output of [cut.stderr, missing.stderr]) assert.doesNotMatch(output, /ERR_OSSL|Unexpected DKIM key[^\n]*: ENOENT/);
});

/**
 * `loadDkimSigner` given `keyFile`, in a process of its own stopped after
 * 20 s: a read that waits for ever (synchronously, so no timer here could
 * fire) is seen to, not left to hang the test run. Its error's code and
 * message, or `signer`.
 */
function loadKeyApart(keyFile: string) {
  const source = new URL('../../src/mail/dkim.ts', import.meta.url).href;
  const script = `import { loadDkimSigner } from ${JSON.stringify(source)};
loadDkimSigner({ domainName: 'example.org', keySelector: 'news' }, { DKIM_PRIVATE_KEY_FILE: process.argv[1] }).then(() => console.log('signer'), (error) => console.log(error.code + ' ' + error.message));`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, keyFile], { encoding: 'utf8', timeout: 20_000 });
  return { signal: run.signal, said: run.stdout.trim() };
}

test('dkim: a key file that is a named pipe with no writer, a device or a folder is refused at once as not a regular file, naming DKIM_PRIVATE_KEY_FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-dkim-'));
  execFileSync('mkfifo', [join(dir, 'key.pem')]);
  mkdirSync(join(dir, 'folder'));
  for (const [file, kind] of [[join(dir, 'key.pem'), 'named pipe \\(FIFO\\)'], ['/dev/zero', 'device'], [join(dir, 'folder'), 'folder']] as const) {
    const run = loadKeyApart(file);
    assert.equal(run.signal, null, `${file}: still reading after 20 s`);
    assert.match(run.said, new RegExp(`^DKIM_KEY Unexpected ${kind} as DKIM_PRIVATE_KEY_FILE \\(${file}\\), expected a regular file holding the key`), file);
  }
});

test('dkim: a key file over 64 KiB is refused without reading it whole, naming DKIM_PRIVATE_KEY_FILE', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'paperboy-dkim-')), 'key.pem');
  writeFileSync(file, Buffer.alloc(50_000_000, 'A'));
  const run = loadKeyApart(file);
  assert.match(run.said, /^DKIM_KEY Unexpected DKIM_PRIVATE_KEY_FILE \(\S+key\.pem\) of over 64 KiB, expected a PEM private key/);
});
