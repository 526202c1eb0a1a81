import assert from 'node:assert/strict';
import { test } from 'node:test';
import { indexFileLinks } from '../../src/archive/index-file-links.js';

test('a link the site makes to a folder names its index.html (a site opened from disk has no server to answer a folder); other links and text stay as they are', () => {
  const cases: [root: string, href: string, expected: string][] = [
    ['./', './', './index.html'],
    ['../../', '../../', '../../index.html'],
    ['../../', '../../papers/x/', '../../papers/x/index.html'],
    ['../../', '../../issues/2/#a', '../../issues/2/index.html#a'],
    ['../../', '../../papers/x/?q=1', '../../papers/x/index.html?q=1'],
    ['../', '../papers/x/', '../papers/x/index.html'],
    // Not the site's: an editor's relative link, anchors, files, links out, absolute paths, a folder without its slash.
    ['../../', 'docs/', 'docs/'],
    ['../../', '#a', '#a'],
    ['../../', '', ''],
    ['../../', '../../feed.xml', '../../feed.xml'],
    ['../../', '../../a/b.html#c', '../../a/b.html#c'],
    ['../../', 'https://example.org/papers/', 'https://example.org/papers/'],
    ['../../', 'mailto:editor@example.org', 'mailto:editor@example.org'],
    ['../../', '/papers/', '/papers/'],
    ['../../', '../../papers', '../../papers'],
  ];
  for (const [root, href, expected] of cases) assert.equal(indexFileLinks(`<a class="x" href="${href}">t</a>`, root), `<a class="x" href="${expected}">t</a>`, `${root} ${href}`);
  // Attributes as written: single quotes, no quotes, another case, a line break before; other attributes untouched.
  assert.equal(indexFileLinks("<a href='../tags/'>t</a>", '../'), "<a href='../tags/index.html'>t</a>");
  assert.equal(indexFileLinks('<a href=../tags/>t</a>', '../'), '<a href=../tags/index.html>t</a>');
  assert.equal(indexFileLinks('<A HREF="../tags/">t</A>', '../'), '<A HREF="../tags/index.html">t</A>');
  assert.equal(indexFileLinks('<a\n  href="../tags/" data-x="../y/">t</a>', '../'), '<a\n  href="../tags/index.html" data-x="../y/">t</a>');
  assert.equal(indexFileLinks('<a title="a > b" href="../tags/">t</a>', '../'), '<a title="a > b" href="../tags/index.html">t</a>');
  // Text is text: an attribute written in prose, or another attribute's value that holds one.
  assert.equal(indexFileLinks('<p>the attribute href="../guide/" matters</p>', '../'), '<p>the attribute href="../guide/" matters</p>');
  assert.equal(indexFileLinks('<code>&#x3C;a href="../x/"></code>', '../'), '<code>&#x3C;a href="../x/"></code>');
  assert.equal(indexFileLinks('<abbr title=\' href="../x/"\'>t</abbr>', '../'), '<abbr title=\' href="../x/"\'>t</abbr>');
});
