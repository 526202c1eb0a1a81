import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { brokenLinks, inPageLinkProblems } from './site-check.js';

const BASE_URL = 'https://news.example.org/';

/** A site of `pages` (path → HTML) in a new folder. */
function siteOf(pages: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-site-check-'));
  for (const [path, html] of Object.entries(pages)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), html);
  }
  return dir;
}

/** A page showing HTML code as text (as a summary's code block is written): an `href="…"`, a `src="…"` and an `id="…"` in it are no attributes. */
const CODE_ABOUT_HTML = '<pre><code>&lt;a href="missing.html"&gt;link&lt;/a&gt; &lt;img src="gone.png"&gt; &lt;p id="only-in-code"&gt;</code></pre>';

test('brokenLinks reads the links of elements only: an href or src that a page shows as code is text, not a broken link', () => {
  const dir = siteOf({ 'index.html': `<!doctype html><html><body>${CODE_ABOUT_HTML}<a href="issues/1/">One</a></body></html>`, 'issues/1/index.html': '<p id="a">x</p>' });
  assert.deepEqual(brokenLinks(dir, BASE_URL), []);
});

test('brokenLinks still names a broken link of an element, its quoted value decoded, and a fragment no element has (an id shown as code is none)', () => {
  const dir = siteOf({
    'index.html': `<!doctype html><html><body>${CODE_ABOUT_HTML}<a href="gone.html?a=1&amp;b=2">Gone</a><img src="issues/1/pic.png" alt=""><a href="issues/1/#only-in-code">Code</a></body></html>`,
    'issues/1/index.html': `<p id="a">x</p>${CODE_ABOUT_HTML}`,
  });
  assert.deepEqual(brokenLinks(dir, BASE_URL), [
    'index.html: href="gone.html?a=1&b=2" (no gone.html)',
    'index.html: src="issues/1/pic.png" (no issues/1/pic.png)',
    'index.html: href="issues/1/#only-in-code" (no id "only-in-code" in issues/1/index.html)',
  ]);
});

test('inPageLinkProblems reads ids and in-page links of elements only: one shown as code is neither a second id nor a link', () => {
  assert.deepEqual(inPageLinkProblems(`<p id="only-in-code">x</p>${CODE_ABOUT_HTML}<a href="#only-in-code">here</a>`), []);
  assert.deepEqual(inPageLinkProblems(`${CODE_ABOUT_HTML}<a href="#only-in-code">here</a><p id="x"></p><p id="x"></p>`), ['id "x" given twice', 'href="#only-in-code" lands on no element']);
});
