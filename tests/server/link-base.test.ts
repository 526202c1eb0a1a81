import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import { test } from 'node:test';
import { mailLinkBase } from '../../src/server/link-base.js';

const config = { baseUrl: 'https://example.org/news/' };
const base = (headers: IncomingHttpHeaders, dev = false) => mailLinkBase({ headers }, config, dev);

test("a confirmation asked of a server reached on this machine's loopback leads back to it, under the site's path", () => {
  assert.equal(base({ host: 'localhost:8080' }), 'http://localhost:8080/news/');
  assert.equal(base({ host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080' }), 'http://127.0.0.1:8080/news/');
  assert.equal(base({ host: '[::1]:3000' }), 'http://[::1]:3000/news/');
  assert.equal(base({ host: 'paperboy.localhost' }), 'http://paperboy.localhost/news/');
  assert.equal(base({ host: '127.0.0.2' }), 'http://127.0.0.2/news/');
});

test('a confirmation asked through the published address, a proxy or another name leads under baseUrl', () => {
  assert.equal(base({ host: 'example.org' }), config.baseUrl);
  assert.equal(base({}), config.baseUrl);
  // nginx's default proxy_pass sends the upstream's address as Host: the reader's browser still says where the form was.
  assert.equal(base({ host: '127.0.0.1:8080', origin: 'https://example.org' }), config.baseUrl);
  assert.equal(base({ host: '127.0.0.1:8080', origin: 'null' }), config.baseUrl);
  for (const header of ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip']) assert.equal(base({ host: 'localhost:8080', [header]: 'for=203.0.113.7' }), config.baseUrl, header);
  // DNS rebinding: someone else's name pointed at 127.0.0.1.
  assert.equal(base({ host: 'evil.example:8080' }, true), config.baseUrl);
  assert.equal(base({ host: 'localhost@evil.example' }), config.baseUrl);
  assert.equal(base({ host: '192.168.1.20:8080' }), config.baseUrl, 'a network address without --dev: a published server may be reached so');
});

test('with --dev, a confirmation asked at any IP address of the machine (a phone on the same network) leads back to it', () => {
  assert.equal(base({ host: '192.168.1.20:8080', origin: 'http://192.168.1.20:8080' }, true), 'http://192.168.1.20:8080/news/');
  assert.equal(base({ host: '[fd00::5]:8080' }, true), 'http://[fd00::5]:8080/news/');
  assert.equal(base({ host: 'example.org' }, true), config.baseUrl);
});
