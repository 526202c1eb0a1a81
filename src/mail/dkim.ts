import { createPrivateKey, type KeyObject } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import DKIM from 'nodemailer/lib/dkim';
import { PaperboyError } from '../errors.js';
import { fileReadProblem, specialFileKind } from '../file-problem.js';
import { readFileAtMost } from '../regular-file.js';

/**
 * The headers a signature covers. nodemailer's default list leaves out
 * List-Unsubscribe-Post, and a one-click unsubscribe is only trusted by
 * Gmail and Yahoo when the signature covers both List-Unsubscribe headers
 * (RFC 8058 §4; RELIABILITY 2).
 */
const SIGNED_HEADERS = ['From', 'Reply-To', 'Subject', 'Date', 'Message-ID', 'To', 'MIME-Version', 'Content-Type', 'List-Id', 'List-Unsubscribe', 'List-Unsubscribe-Post'].join(':');

export interface DkimSigner {
  /** The message with a DKIM-Signature header in front. Throws when nodemailer could not sign (it would send unsigned). */
  sign(raw: Buffer): Promise<Buffer>;
}

export interface DkimSettings {
  domainName: string;
  keySelector: string;
}

/**
 * The signer of the config's `dkim` with the key in DKIM_PRIVATE_KEY_FILE
 * (never the config file), or undefined when DKIM is not configured.
 * Checked here, before any connection: a missing or unusable key is a
 * configuration error (DKIM_KEY, exit 2), because nodemailer given a bad
 * key sends the message unsigned and says nothing.
 */
export async function loadDkimSigner(settings: DkimSettings | undefined, env: NodeJS.ProcessEnv): Promise<DkimSigner | undefined> {
  const file = env.DKIM_PRIVATE_KEY_FILE;
  if (!settings) {
    if (file) throw dkimError('DKIM_PRIVATE_KEY_FILE is set but paperboy.config.yaml has no `dkim: { domainName, keySelector }`');
    return undefined;
  }
  if (!file) throw dkimError('Missing DKIM_PRIVATE_KEY_FILE in the environment: the config has `dkim`, so every message must be signed');
  const privateKey = readKeyFile(file);
  let key: KeyObject;
  try {
    key = createPrivateKey(privateKey);
  } catch (error) {
    throw dkimError(`Unexpected DKIM key in DKIM_PRIVATE_KEY_FILE (${file}): ${unreadableKey(error as NodeJS.ErrnoException)}, expected a PEM RSA private key`);
  }
  const problem = keyProblem(key);
  if (problem !== undefined) throw dkimError(`Unexpected DKIM key in DKIM_PRIVATE_KEY_FILE (${file}): ${problem}`);
  const dkim = new DKIM({ ...settings, privateKey, headerFieldNames: SIGNED_HEADERS });
  const signer: DkimSigner = {
    async sign(raw) {
      const signed = await buffer(dkim.sign(raw));
      if (!signed.subarray(0, 16).toString('latin1').startsWith('DKIM-Signature:')) throw dkimError('nodemailer could not sign the message with the DKIM key');
      return signed;
    },
  };
  // nodemailer sends unsigned when signing throws: a key it cannot use for any other reason is found now, before connecting.
  await signer.sign(Buffer.from('From: probe@example.org\r\nSubject: probe\r\n\r\nprobe\r\n'));
  return signer;
}

/**
 * The most bytes a key file may hold: 64 KiB. A PEM RSA key of 4096 bits
 * is about 3.3 KB, one of 16384 bits under 13 KB.
 */
const MAX_KEY_BYTES = 65_536;

/**
 * The text of the key file `file` (DKIM_PRIVATE_KEY_FILE), opened without
 * blocking: a named pipe with no writer kept `send` waiting for ever
 * before its first message, as `/dev/zero` kept it reading. Throws
 * DKIM_KEY (exit 2) naming the variable for a file that cannot be read
 * (file-problem.ts words the reason), a folder, a named pipe, a device or
 * a socket, and a file over `MAX_KEY_BYTES`.
 */
function readKeyFile(file: string): string {
  let read: ReturnType<typeof readFileAtMost>;
  try {
    read = readFileAtMost(file, MAX_KEY_BYTES);
  } catch (error) {
    const problem = fileReadProblem(error, file);
    throw dkimError(`Cannot read DKIM_PRIVATE_KEY_FILE (${file}): ${problem.reason}`, problem.fix);
  }
  const { info, bytes } = read;
  const regular = 'Point DKIM_PRIVATE_KEY_FILE at the key saved as a regular file (a PEM file such as dkim.pem).';
  if (info.isDirectory()) throw dkimError(`Unexpected folder as DKIM_PRIVATE_KEY_FILE (${file}), expected a regular file holding the key`, regular);
  if (!info.isFile()) throw dkimError(`Unexpected ${specialFileKind(info)} as DKIM_PRIVATE_KEY_FILE (${file}), expected a regular file holding the key: paperboy never waits on one to be written`, regular);
  if (bytes === undefined || bytes.length > MAX_KEY_BYTES) {
    throw dkimError(`Unexpected DKIM_PRIVATE_KEY_FILE (${file}) of over ${MAX_KEY_BYTES / 1024} KiB, expected a PEM private key (a 2048-bit one is under 2 KB)`, regular);
  }
  return bytes.toString('utf8');
}

/** RFC 8301 §3.2: signers use at least 1024 bits, and verifiers refuse a smaller key. */
const MIN_RSA_BITS = 1024;

/**
 * Why `key` cannot make a signature that verifies, or undefined. nodemailer
 * signs `a=rsa-sha256` only (RFC 6376 §3.3): an EC key made an ECDSA value
 * under that name, and an Ed25519 key (RFC 8463's ed25519-sha256) has no
 * path in it, so both fail at every verifier.
 */
function keyProblem(key: KeyObject): string | undefined {
  const type = key.asymmetricKeyType;
  if (type !== 'rsa') {
    const which = type === 'ed25519' ? 'an Ed25519 key (RFC 8463), which nodemailer cannot sign with' : `a key of type ${type ?? 'unknown'}`;
    return `${which}, expected an RSA key: nodemailer signs rsa-sha256 only, and a signature of another kind fails at every receiving server`;
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS) return `a ${bits}-bit RSA key, expected at least ${MIN_RSA_BITS} bits (RFC 8301 §3.2: receiving servers refuse smaller keys); 2048 is usual`;
  return undefined;
}

/**
 * Why OpenSSL could not read a key, in words: its codes name the routine
 * that failed, not the file's fault. An encrypted PEM (`Proc-Type: 4,ENCRYPTED`
 * or `ENCRYPTED PRIVATE KEY`) fails as "interrupted or cancelled", the
 * passphrase prompt that a process without a terminal cannot show.
 */
function unreadableKey(error: NodeJS.ErrnoException): string {
  if (error.code === 'ERR_OSSL_CRYPTO_INTERRUPTED_OR_CANCELLED') {
    return 'an encrypted key, whose passphrase paperboy cannot ask for (decrypt it once: `openssl pkey -in KEY -out dkim.pem`, then keep dkim.pem readable only by you)';
  }
  return `no private key OpenSSL can read (${error.message.replace(/^error:[0-9A-F]+:/, '')}: a PEM file starts with \`-----BEGIN PRIVATE KEY-----\` or \`-----BEGIN RSA PRIVATE KEY-----\` and holds all of its base64 lines)`;
}

function dkimError(message: string, fix?: string): PaperboyError {
  const make = 'Generate a key with `openssl genrsa -out dkim.pem 2048`, publish its public half at <keySelector>._domainkey.<domainName>, and set DKIM_PRIVATE_KEY_FILE=dkim.pem.';
  return new PaperboyError('DKIM_KEY', message, { hint: `${fix ?? make} Nothing was sent.` });
}
