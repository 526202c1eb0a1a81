import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPaperboyError } from '../../../src/errors.js';
import { SmtpTransport } from '../../../src/mail/transports/smtp.js';

test('an SMTP_URL with no host, settings after ?, another scheme, a bad percent-escape in its credentials or no URL at all is a configuration error saying which (exit 2)', () => {
  const cases: [string, RegExp][] = [
    ['smtp://', /names no host/],
    ['smtps://user:s3cr3t@/', /is not a URL/],
    ['smtps://user:s3cr3t@mail.example.org:465?secure=maybe', /has settings after `\?` \(\?secure=maybe\)/],
    ['http://mail.example.org', /has the scheme http:/],
    ['mail.example.org:587', /has the scheme mail\.example\.org:|is not a URL/],
    ['smtp://user:s3cr3t%zz@mail.example.org:587', /has a password with a `%` that is not followed by two hexadecimal digits/],
    ['smtp://us%4:s3cr3t@mail.example.org:587', /has a user name with a `%`/],
  ];
  for (const [url, problem] of cases) {
    assert.throws(
      () => new SmtpTransport({ url, connections: 1 }),
      (error) => isPaperboyError(error) && error.code === 'SMTP_URL_INVALID' && error.exitCode === 2 && problem.test(error.message) && !error.message.includes('s3cr3t'),
      url,
    );
  }
});

test('a well-formed SMTP_URL makes a transport described without its password', async () => {
  const transport = new SmtpTransport({ url: 'smtp://user:secret@mail.example.org:2525', connections: 2 });
  assert.equal(transport.description, 'SMTP mail.example.org:2525 (2 connections)');
  await transport.close();
});
