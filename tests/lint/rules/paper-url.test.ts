import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/paper-url.js';
import { cleanIssue, configWith, lintWith, places } from '../../helpers/fixture.js';

const withUrl = (url: string) => cleanIssue().replace('url: https://arxiv.org/abs/2304.15004', `url: ${url}`);

test('paper-url: an https URL has no message', async () => {
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue() }), []);
});

test('paper-url: a URL without a scheme is an error at the url', async () => {
  const messages = await lintWith([rule], { 'a.md': withUrl('arxiv.org/abs/2304.15004') });
  assert.deepEqual(places(messages), ['paper-url 9:10']);
  assert.equal(messages[0]!.severity, 'error');
  assert.match(messages[0]!.message, /^Unexpected URL `arxiv\.org\/abs\/2304\.15004`, expected an absolute http\(s\) URL/);
});

test('paper-url: other schemes and half-written URLs are errors', async () => {
  for (const url of ['ftp://example.org/paper.pdf', 'https:/example.org/paper', 'mailto:author@example.org']) {
    const messages = await lintWith([rule], { 'a.md': withUrl(url) });
    assert.deepEqual(messages.map((m) => m.severity), ['error'], url);
  }
});

test('paper-url: plain http is a warning', async () => {
  const messages = await lintWith([rule], { 'a.md': withUrl('http://example.org/paper') });
  assert.deepEqual(places(messages), ['paper-url 9:10']);
  assert.equal(messages[0]!.severity, 'warning');
  assert.equal(messages[0]!.message, 'Unexpected plain http URL `http://example.org/paper`, expected https');
});

test('paper-url: a rule configured as warn never reports an error', async () => {
  const configYaml = configWith('lint: { rules: { paper-url: warn } }');
  const messages = await lintWith([rule], { 'a.md': withUrl('example.org/paper') }, { configYaml });
  assert.deepEqual(messages.map((m) => m.severity), ['warning']);
});

test('paper-url: a URL written without its scheme is given back with https:// to write; one that names no host gets the example', async () => {
  const expected = async (url: string) => /such as `([^`]*)`$/.exec((await lintWith([rule], { 'a.md': withUrl(url) }))[0]!.message)?.[1];
  assert.equal(await expected('arxiv.org/abs/2304.15004'), 'https://arxiv.org/abs/2304.15004');
  assert.equal(await expected('www.lesswrong.com/posts/5spBue2z2tw4JuDCx'), 'https://www.lesswrong.com/posts/5spBue2z2tw4JuDCx');
  for (const url of ['TBD', 'ftp://example.org/paper.pdf', 'https:/example.org/paper', 'mailto:author@example.org']) {
    assert.equal(await expected(url), 'https://example.org/paper', url);
  }
});
