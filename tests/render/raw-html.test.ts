import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Paragraph } from 'mdast';
import { parseMarkdown } from '../../src/issue/markdown.js';
import { inlineHtml, rawHtmlText, visibleSiblings } from '../../src/render/raw-html.js';

test('raw-html: the text of HTML is what a browser shows, a line per block, cells apart, entities decoded, hidden contents and comments left out', () => {
  assert.deepEqual(rawHtmlText('<p align="center">\nKey   result:\t74%.\n</p>'), ['Key result: 74%.']);
  assert.deepEqual(rawHtmlText('<table><tr><th>a</th><td>b &amp; c</td></tr><tr><td>d</td></tr></table>'), ['a b & c', 'd']);
  assert.deepEqual(rawHtmlText('<div>one<br>two</div><ul><li>three</li><li>four</li></ul>'), ['one', 'two', 'three', 'four']);
  assert.deepEqual(rawHtmlText('<script>alert(1)</script><style>p{}</style><template>t</template><!-- note -->'), []);
  assert.deepEqual(rawHtmlText('<span>in</span><b>line</b>'), ['inline']);
});

test('raw-html: an inline tag is a break (<br>), a space (a tag set apart, once for a run of tags, between two words), or nothing', () => {
  const shown = (markdown: string) => {
    const children = (parseMarkdown(markdown).children[0] as Paragraph).children;
    return children.map((node, i) => (node.type === 'html' ? `${node.value}=${inlineHtml(children, i) ?? 'none'}` : undefined)).filter(Boolean);
  };
  assert.deepEqual(shown('a<br>b'), ['<br>=break']);
  assert.deepEqual(shown('see<details><summary>Setup</summary>x'), ['<details>=space', '<summary>=none', '</summary>=space']);
  assert.deepEqual(shown('end</details>.'), ['</details>=none']);
  assert.deepEqual(shown('H<sub>2</sub>O'), ['<sub>=none', '</sub>=none']);
  assert.deepEqual(shown('a <td>b'), ['<td>=none']);
});

test('raw-html: the nodes between an inline <script>, <style> or <template> and its closing tag are left out, the tags too; other tags stay', () => {
  const children = (parseMarkdown('a <script>alert(1)</script> b <STYLE>p{}</STYLE> c <sub>2</sub>').children[0] as Paragraph).children;
  assert.equal(
    visibleSiblings(children)
      .map((node) => ('value' in node ? node.value : ''))
      .join(''),
    'a  b  c <sub>2</sub>',
  );
  const plain = (parseMarkdown('no tags here').children[0] as Paragraph).children;
  assert.equal(visibleSiblings(plain), plain, 'the same array when nothing is hidden');
});

test('raw-html: an HTML block that closes its own <script> or <style> hides what it holds, never the blocks after it', () => {
  for (const markdown of ['<script>\nalert(1)\n</script>\nokay', '<style>p{color:red;}</style>\n*okay*', '<script>\nfoo\n</script>okay']) {
    const blocks = parseMarkdown(markdown).children;
    assert.deepEqual(visibleSiblings(blocks), blocks, markdown);
  }
  // The text a browser shows of the block itself: none of the script, what follows its closing tag on the line.
  assert.deepEqual(rawHtmlText('<script>\nfoo\n</script>okay'), ['okay']);
  const open = parseMarkdown('<template>\n\nhidden\n\n</template>\n\nshown').children;
  assert.deepEqual(
    visibleSiblings(open).map((node) => node.type),
    ['paragraph'],
    'a <template> left open still hides the blocks up to its closing tag, as a browser does',
  );
});

test('raw-html: an unfinished processing instruction or declaration (`<?php` or `<!x` without `>`) shows nothing, as a browser reads it: a comment to the end', () => {
  assert.deepEqual(rawHtmlText('<?php\n'), []);
  assert.deepEqual(rawHtmlText('<!x y'), []);
  assert.deepEqual(rawHtmlText('<?php echo 1 ?>\nshown'), ['shown']);
});
