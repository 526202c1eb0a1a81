import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { markdownTexts } from '../../src/issue/model.js';
import { parseIssue } from '../../src/issue/parse.js';
import { decodeIssueSource } from '../../src/issue/source.js';
import type { InlineMath } from 'mdast-util-math';
import type { Link, PhrasingContent, Text } from 'mdast';
import { parseMarkdown } from '../../src/issue/markdown.js';
import { generateCorpus } from '../../scripts/generate-corpus.js';
import { remarkWithGfm } from '../helpers/reference-parser.js';

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
  'Inline $p_\\theta(x_t \\mid x_{<t})$ and\n\n$$\n\\mathbb{E}_{x \\sim p}[f_i(x)]\n$$\n\nnot math: 5$ and $ 6',
  'Mail me: mailto:x@y.z, xmpp:a@b.c/d, see www.x.y/z* and http://localhost:8080/demo today.',
  'a\n-:\n\nb\n:-:',
];

test('the parser gives the very trees of remark-gfm + remark-math, positions included (tricky inputs)', () => {
  for (const text of tricky) assert.deepEqual(parseMarkdown(text), remarkWithGfm.parse(text), text);
});

test('the parser gives the very trees of remark-gfm + remark-math for every text of the sample issues', () => {
  const dir = new URL('../../issues/', import.meta.url).pathname;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.md'))) {
    const parsed = parseIssue(decodeIssueSource(name, readFileSync(join(dir, name))));
    for (const text of markdownTexts(parsed.issue!)) assert.deepEqual(text.tree, remarkWithGfm.parse(text.text), `${name} ${text.field}`);
  }
});

test('the parser gives the very trees of remark-gfm + remark-math for every text of a generated corpus', () => {
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

// Kinds of text research newsletters hold, where a shortcut once changed the tree.
function firstParagraph(text: string): PhrasingContent[] {
  const paragraph = parseMarkdown(text).children[0];
  assert.equal(paragraph?.type, 'paragraph');
  return paragraph.children;
}

test('a bare URL with `_`, `*` or `~` in its path is one link, with no emphasis inside it', () => {
  for (const url of ['https://github.com/openai/evals/blob/main/evals/__init__.py', 'https://en.wikipedia.org/wiki/*nix', 'http://example.edu/~jane/paper_v2.pdf']) {
    const children = firstParagraph(`Code at ${url} for it.`);
    assert.deepEqual(children.map((node) => node.type), ['text', 'link', 'text'], url);
    assert.equal((children[1] as Link).url, url);
  }
});

test('a bare URL with a port and no dot in its host is linked, as remark-gfm does', () => {
  const children = firstParagraph('Run the demo at http://localhost:8080/demo today.');
  assert.equal((children[1] as Link).url, 'http://localhost:8080/demo');
});

test('a one-column table needs no `|`: a `:-` delimiter row makes it', () => {
  assert.equal(parseMarkdown('a\n:-').children[0]?.type, 'table');
  assert.equal(parseMarkdown('a\n-:').children[0]?.type, 'table');
  assert.equal(parseMarkdown('a\n--').children[0]?.type, 'heading');
});

test('a single tilde is text; only a double tilde strikes through', () => {
  const children = firstParagraph('improves by ~10% at ~3x the cost, ~~not~~ more');
  assert.deepEqual(children.map((node) => node.type), ['text', 'delete', 'text']);
  assert.equal((children[0] as Text).value, 'improves by ~10% at ~3x the cost, ');
});

test('dollar signs delimit math, whose underscores are never emphasis', () => {
  const inline = firstParagraph(String.raw`Model $p_\theta(x_t \mid x_{<t})$ here`);
  assert.deepEqual(inline.map((node) => node.type), ['text', 'inlineMath', 'text']);
  assert.equal((inline[1] as InlineMath).value, String.raw`p_\theta(x_t \mid x_{<t})`);
  const block = parseMarkdown(String.raw`$$\mathbb{E}_{x \sim p}[f_i(x)]$$`).children[0];
  assert.ok(block?.type === 'paragraph' && block.children[0]?.type === 'inlineMath');
  const display = parseMarkdown('$$\n\\mathbb{E}_{x \\sim p}[f_i(x)]\n$$').children[0];
  assert.equal(display?.type, 'math');
});
