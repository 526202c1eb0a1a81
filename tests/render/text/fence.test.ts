import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Paragraph, PhrasingContent } from 'mdast';
import { parseMarkdown } from '../../../src/issue/markdown.js';
import { FootnoteCollector, plainStyle, ReferenceList, renderBlocks } from '../../../src/render/text/index.js';
import { linkContext, render } from './fixture.js';

test('a wrapped code span keeps its runs of spaces, its tabs and its CJK text: a line ends only at a single space', () => {
  assert.equal(render('Run `aaa    bbb\tccc  ddd eee    fff ggg hhh` now.', { width: 20 }), 'Run\n`aaa    bbb\tccc  ddd\neee    fff ggg hhh`\nnow.');
  assert.equal(render(`Run \`${'日本語のコード'.repeat(3)}\` now.`, { width: 20 }), `Run\n\`${'日本語のコード'.repeat(3)}\`\nnow.`);
});

/** A paragraph holding `code` between `before` and `after`, as the plaintext email writes it. */
function plaintextOf(before: string, code: string, after: string, width: number): string {
  const children: PhrasingContent[] = [{ type: 'text', value: before }, { type: 'inlineCode', value: code }, { type: 'text', value: after }];
  const paragraph: Paragraph = { type: 'paragraph', children: children.filter((child) => !('value' in child) || child.value !== '') };
  return renderBlocks([paragraph], { width, style: plainStyle, links: linkContext(), references: new ReferenceList(), footnotes: new FootnoteCollector() });
}

/** The values of the code spans of `markdown`, if it is one paragraph; a line ending in code is a space, as CommonMark reads it. */
function codeSpansOf(markdown: string): string[] | undefined {
  const [paragraph, ...rest] = parseMarkdown(markdown).children;
  if (paragraph?.type !== 'paragraph' || rest.length > 0) return undefined;
  return paragraph.children.flatMap((child) => (child.type === 'inlineCode' ? [child.value.replace(/\r\n?|\n/g, ' ')] : []));
}

test('inline math written with a space inside each dollar keeps its spaces where they were written', () => {
  assert.equal(render('Between $ 5 and $ 10 per run.'), 'Between $ 5 and $ 10 per run.');
  assert.equal(render('Between $$ 5 and $$ 10.'), 'Between $$ 5 and $$ 10.');
  assert.equal(render('A formula $x + y$ as written.'), 'A formula $x + y$ as written.');
});

test('a code span in the plaintext reads back as its code, padded, fenced and wrapped', () => {
  // A line starting `> out` was a block quote, `+ e` a list item.
  assert.equal(render('Run `ls -la | sort -k 5 -n | head -n 20 > out` now.', { width: 20 }), 'Run `ls -la |\nsort -k 5 -n |\nhead -n 20 > out`\nnow.');
  assert.equal(render('Math $$a + b + c + d + e + f + g + h + i$$ z', { width: 20 }), 'Math\n$$a + b + c + d + e + f + g + h + i$$\nz');
  // What a span's fence and padding depend on, and what starts a block at the start of a line.
  const unit = fc.constantFrom('`', '`', ' ', ' ', '\t', '\n', 'a', 'b', '日', '$', '#', '>', '-', '*', '=', '1', '.', '[', '^', ']', ':', '<', '|', '~');
  const code = fc.string({ unit, minLength: 1, maxLength: 80, size: 'max' });
  const before = fc.constantFrom('', 'See ', 'Several words of prose before the code: ');
  const after = fc.constantFrom('', ' now.', ', then more words of prose after it.');
  fc.assert(
    fc.property(before, code, after, fc.integer({ min: 8, max: 72 }), (prefix, value, suffix, width) => {
      const text = plaintextOf(prefix, value, suffix, width);
      assert.deepEqual(codeSpansOf(text), [value.replace(/\r\n?|\n/g, ' ')], text);
    }),
    { numRuns: 2000 },
  );
});
