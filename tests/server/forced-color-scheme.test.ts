import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emailInScheme, queryInScheme } from '../../src/server/forced-color-scheme.js';

test('queryInScheme decides a query’s prefers-color-scheme features and leaves the rest to the browser', () => {
  assert.equal(queryInScheme('(prefers-color-scheme: dark)', 'dark'), 'all');
  assert.equal(queryInScheme('(prefers-color-scheme: dark)', 'light'), 'not all');
  assert.equal(queryInScheme(' only screen and (PREFERS-COLOR-SCHEME : dark) and (max-width: 620px)', 'dark'), 'only screen and (max-width: 620px)');
  assert.equal(queryInScheme('(prefers-color-scheme: light) and (max-width: 620px)', 'dark'), 'not all');
  assert.equal(queryInScheme('only screen and (max-width: 620px)', 'dark'), 'only screen and (max-width: 620px)');
  // Not the plain form: as written.
  assert.equal(queryInScheme('not (prefers-color-scheme: dark)', 'dark'), 'not (prefers-color-scheme: dark)');
  assert.equal(queryInScheme('(prefers-color-scheme: dark) or (orientation: portrait)', 'light'), '(prefers-color-scheme: dark) or (orientation: portrait)');
});

const EMAIL = `<!DOCTYPE html><html><head><meta name="color-scheme" content="light dark">
<style>body { color: #111; }</style>
<style>
a { color: blue; }
@media screen { @media (prefers-color-scheme: dark), print { a { color: #93c5fd !important; } } }
@media (prefers-color-scheme: light) { a { color: navy; } }
</style>
</head><body><a href="https://example.org/">link</a></body></html>`;

test('emailInScheme: the email’s dark rules apply in dark, not in light, the light ones the other way round, and its color-scheme is the one asked for', () => {
  const dark = emailInScheme(EMAIL, 'dark');
  assert.match(dark, /@media all, print \{/);
  assert.match(dark, /@media not all \{\s*a \{\s*color: navy;/);
  assert.match(dark, /<style>:root \{ color-scheme: dark !important; \}<\/style><\/head>/);
  const light = emailInScheme(EMAIL, 'light');
  assert.match(light, /@media not all, print \{/);
  assert.match(light, /@media all \{\s*a \{\s*color: navy;/);
  assert.match(light, /color-scheme: light !important/);
  // A style element without the feature, and the body, are as they were.
  for (const html of [dark, light]) {
    assert.ok(html.includes('<style>body { color: #111; }</style>'));
    assert.ok(html.includes('<body><a href="https://example.org/">link</a></body>'));
  }
});
