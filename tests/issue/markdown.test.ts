import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { markdownTexts } from '../../src/issue/model.js';
import { parseIssue } from '../../src/issue/parse.js';
import { decodeIssueSource } from '../../src/issue/source.js';
import { parseMarkdown } from '../../src/issue/markdown.js';
import { generateCorpus } from '../../scripts/generate-corpus.js';

/** What paperboy's parser must match exactly: remark-parse with the whole of remark-gfm. */
const remarkWithGfm = unified().use(remarkParse).use(remarkGfm);

const tricky = [
  'Bare https://example.org/a_(b)?c=1, www.example.com. and (https://x.org/y).',
  'Mail me at editor@example.org, not x@y.',
  'No link in `https://code.example` nor in [text](https://linked.example) or <https://angle.example>.',
  'https://trailing.example/path?q=1&r=2#frag! And http://a.b/c… www.x.y/z _www.emph.org_',
  '| url | x |\n|---|:-:|\n| https://in.table.example | ~~s~~ |\n\n- [x] task https://task.example\n\n[^1]: note www.note.example\n\nRef[^1].',
  // Each GFM construct is left out of the parse when its character is absent: near misses either way.
  'a | b\n---\n\nx\n:-\n\nA setext\n---\nand a rule\n\n---',
  'one col |\n-|\nrow\n\n> | quoted | table |\n> | - | - |\n> | 1 | 2 |\n\n- | in | list |\n  | -- | -- |',
  '`a | b` and a \\| b and &#124; c\n\nno table: &#124; x &#124;\n--',
  '~one~ and ~~two~~ and ~~~three~~~\n\n~~~\nfenced ~~code~~\n~~~\n\n~~not closed',
  'Not a note [^ x] nor [^](y) nor \\[^1]; a note[^n] and [^n]: there\n\n[^n]: The note.\n\n[^unused]: Never called.',
  '*emphasis*~~strike~~**strong**~x~ and a_b~c_d',
];

test('the parser gives the very trees of remark-gfm, positions included (tricky inputs)', () => {
  for (const text of tricky) assert.deepEqual(parseMarkdown(text), remarkWithGfm.parse(text), text);
});

test('the parser gives the very trees of remark-gfm for every text of the sample issues', () => {
  const dir = new URL('../../issues/', import.meta.url).pathname;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.md'))) {
    const parsed = parseIssue(decodeIssueSource(name, readFileSync(join(dir, name))));
    for (const text of markdownTexts(parsed.issue!)) assert.deepEqual(text.tree, remarkWithGfm.parse(text.text), `${name} ${text.field}`);
  }
});

test('the parser gives the very trees of remark-gfm for every text of a generated corpus', () => {
  const files = generateCorpus({ issues: 40 });
  let texts = 0;
  for (const [name, contents] of files) {
    if (!name.endsWith('.md')) continue;
    const parsed = parseIssue(decodeIssueSource(name, Buffer.from(contents)));
    for (const text of markdownTexts(parsed.issue!)) {
      assert.deepEqual(text.tree, remarkWithGfm.parse(text.text), `${name} ${text.field} ${text.paperIndex ?? ''}`);
      texts++;
    }
  }
  assert.ok(texts > 800, `${texts} texts compared`);
});

// The two known differences from remark-gfm, both in bare literals (which
// no-bare-url warns about anyway), pinned here so a change is noticed.
test('`mailto:` literals are one link (remark-gfm links only the address after it)', () => {
  const paragraph = parseMarkdown('Write to mailto:x@y.z today.').children[0];
  assert.equal(paragraph?.type, 'paragraph');
  const link = paragraph.children[1];
  assert.equal(link?.type, 'link');
  assert.equal(link.url, 'mailto:x@y.z');
  assert.deepEqual([link.position?.start.column, link.position?.end.column], [10, 22]);
});

test('literals in a text with escapes keep the position of their text', () => {
  const paragraph = parseMarkdown(String.raw`A \* then https://example.org`).children[0];
  assert.equal(paragraph?.type, 'paragraph');
  const link = paragraph.children.find((node) => node.type === 'link');
  assert.ok(link?.position);
  assert.equal(link.position.start.line, 1);
});

test('a `*` ending a `www.` literal stays in the link (remark-gfm leaves it out)', () => {
  const paragraph = parseMarkdown('See www.x.y/z* now').children[0];
  assert.equal(paragraph?.type, 'paragraph');
  const link = paragraph.children[1];
  assert.equal(link?.type, 'link');
  assert.equal(link.url, 'http://www.x.y/z*');
});
