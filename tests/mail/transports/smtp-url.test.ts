import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPaperboyError } from '../../../src/errors.js';
import { parseSmtpUrl } from '../../../src/mail/transports/smtp-url.js';

test('an SMTP_URL with no host, a port out of range, settings after ? or a path, another scheme or none, a user without a password, a bad percent-escape in its credentials or no URL at all is a configuration error saying which (exit 2)', () => {
  const cases: [string, RegExp][] = [
    ['smtp://', /names no host/],
    ['smtp://:25', /names no host/],
    ['smtp://user:s3cr3t@:25', /names no host/],
    ['smtp://user:s3cr3t@mail.example.org:0', /has the port 0, not one from 1 to 65535, expected smtp:/],
    ['smtp://user:s3cr3t@mail.example.org:99999', /has the port 99999, not one from 1 to 65535, expected smtp:/],
    ['smtp://user:s3cr3t@mail.example.org:2550/path', /has a path after the host \(\/path\), which paperboy does not read/],
    ['smtp://user:s3cr3t@mail.example.org:2550#relay', /has a fragment after the host \(#relay\)/],
    ['smtp://mailer:2024/s3cr3t@smtp.example.org:587', /has a `\/`, `\?` or `#` before its `@`: percent-encode them/],
    ['smtp://mailer:2024#s3cr3t@smtp.example.org:587', /has a `\/`, `\?` or `#` before its `@`/],
    ['smtp://mailer:pa?s3cr3t@smtp.example.org:587', /is not a URL/],
    ['smtps://user:s3cr3t@mail.example.org:99999/', /has the port 99999/],
    ['smtps://user:s3cr3t@/', /is not a URL/],
    ['smtps://user:s3cr3t@mail.example.org:465?secure=maybe', /has settings after `\?` \(\?secure=maybe\)/],
    ['http://mail.example.org', /has the scheme http:/],
    ['mail.example.org:587', /names no scheme \(`mail\.example\.org:587` reads as the scheme mail\.example\.org:\): write smtp:\/\/mail\.example\.org:587,/],
    ['localhost:2525', /names no scheme .*write smtp:\/\/localhost:2525,/],
    ['smtp://mailer@smtp.example.org:587', /names a user name but no password .*write both, `smtp:\/\/user:password@host`/],
    ['smtp://user:s3cr3t%zz@mail.example.org:587', /has a password with a `%` that is not followed by two hexadecimal digits/],
    ['smtp://us%4:s3cr3t@mail.example.org:587', /has a user name with a `%`/],
  ];
  for (const [url, problem] of cases) {
    assert.throws(
      () => parseSmtpUrl(url),
      (error) => isPaperboyError(error) && error.code === 'SMTP_URL_INVALID' && error.exitCode === 2 && problem.test(error.message) && !error.message.includes('s3cr3t'),
      url,
    );
  }
});

test('an SMTP_URL gives its host, its port (587 for smtp:, 465 for smtps: when none is written), whether TLS starts at once, and its login percent-decoded', () => {
  assert.deepEqual(parseSmtpUrl('smtp://mailer:p%40ss%2Fw0rd@smtp.example.org'), { host: 'smtp.example.org', port: 587, secure: false, auth: { user: 'mailer', pass: 'p@ss/w0rd' } });
  assert.deepEqual(parseSmtpUrl('smtps://smtp.example.org'), { host: 'smtp.example.org', port: 465, secure: true, auth: undefined });
  assert.deepEqual(parseSmtpUrl('smtp://127.0.0.1:2525'), { host: '127.0.0.1', port: 2525, secure: false, auth: undefined });
});
