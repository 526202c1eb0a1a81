import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IncomingMessage } from 'node:http';
import { clientAddress, forwardedClient } from '../../src/server/client-address.js';

const request = (remoteAddress: string, headers: Record<string, string | string[]>) => ({ socket: { remoteAddress }, headers }) as unknown as IncomingMessage;
const proxied = (headers: Record<string, string | string[]>) => clientAddress(request('127.0.0.1', headers));

test('client address: X-Forwarded-For\'s last address is the reader, before Forwarded and X-Real-IP', () => {
  assert.equal(proxied({ 'x-forwarded-for': '10.0.0.1, 203.0.113.7' }), '203.0.113.7');
  assert.equal(proxied({ 'x-forwarded-for': '203.0.113.7', forwarded: 'for=198.51.100.1', 'x-real-ip': '192.0.2.1' }), '203.0.113.7');
});

test('client address: Forwarded (RFC 7239) names the reader by the for= of its last element, quoted, bracketed and with a port as proxies write it', () => {
  assert.equal(proxied({ forwarded: 'for=192.0.2.60;proto=https;by=203.0.113.43' }), '192.0.2.60');
  assert.equal(proxied({ forwarded: 'for=10.0.0.1, for="[2001:db8:cafe::17]:4711"' }), '[2001:db8:cafe::17]:4711');
  assert.equal(proxied({ forwarded: 'for=198.51.100.1', 'x-real-ip': '192.0.2.1' }), '198.51.100.1');
});

test('client address: a Forwarded naming nobody (unknown, an obfuscated _name, no for=, or against the grammar) leaves X-Real-IP, then the socket', () => {
  for (const forwarded of ['for=unknown', 'for=_hidden', 'proto=https', 'for=192.0.2.1;;', 'for="unterminated']) {
    assert.equal(proxied({ forwarded, 'x-real-ip': '192.0.2.1' }), '192.0.2.1', forwarded);
    assert.equal(proxied({ forwarded }), '127.0.0.1', forwarded);
  }
});

test('client address: X-Real-IP names the reader when it is the only header; blank headers name nobody', () => {
  assert.equal(proxied({ 'x-real-ip': ' 203.0.113.9 ' }), '203.0.113.9');
  assert.equal(proxied({ 'x-real-ip': '', 'x-forwarded-for': ' , ' }), '127.0.0.1');
  assert.equal(forwardedClient(request('127.0.0.1', {})), undefined);
});

test('client address: from anywhere but loopback the headers are not trusted (a reader could write any of them)', () => {
  const headers = { 'x-forwarded-for': '203.0.113.7', forwarded: 'for=203.0.113.8', 'x-real-ip': '203.0.113.9' };
  assert.equal(clientAddress(request('192.0.2.1', headers)), '192.0.2.1');
  for (const loopback of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) assert.equal(clientAddress(request(loopback, headers)), '203.0.113.7');
});
