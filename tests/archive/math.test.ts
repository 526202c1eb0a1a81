import assert from 'node:assert/strict';
import { test } from 'node:test';
import katex from 'katex';
import { typesetMath } from '../../src/archive/math.js';

const inline = (tex: string) => `<code class="language-math math-inline">${tex}</code>`;

test('a size a formula gives is capped at 10em: \\rule{100000em}{100000em} cannot black out the page', () => {
  // The annotation keeps the TeX as written; every size KaTeX lays out is capped.
  const html = typesetMath(inline('\\rule{100000em}{100000em}')).replace(/<annotation[^>]*>[^<]*<\/annotation>/, '');
  const sizes = [...html.matchAll(/(-?[\d.]+)em/g)].map((match) => Math.abs(Number(match[1])));
  assert.ok(sizes.includes(10), html);
  assert.ok(Math.max(...sizes) <= 10, `sizes ${sizes.join(', ')}`);
});

test('ordinary formulas, struts and spaces included, are typeset byte for byte as without the bounds', () => {
  const formulas = [
    '\\mathbb{E}_{x \\sim p}[f_i(x)]',
    '\\operatorname*{arg\\,min}_{\\theta} \\sum_{i=1}^{n} \\ell(f_\\theta(x_i), y_i) + \\lambda \\lVert \\theta \\rVert_2^2',
    '\\begin{pmatrix} a &#x26; b \\\\ c &#x26; d \\end{pmatrix} \\implies \\det A \\neq 0',
    '\\text{softmax}(QK^\\top/\\sqrt{d_k})V \\qquad \\hspace{3em} \\kern{2em} \\rule{0pt}{2.5ex} \\rule{3cm}{0.4pt}',
    '\\mathcal{L} = -\\sum_{t} \\log p_\\theta(x_t \\mid x_{&#x3C;t}) \\le \\dots',
  ];
  const unbounded = (tex: string) =>
    katex.renderToString(tex.replaceAll('&#x26;', '&').replaceAll('&#x3C;', '<'), { displayMode: false, throwOnError: false, output: 'htmlAndMathml', strict: 'ignore' });
  for (const tex of formulas) assert.equal(typesetMath(inline(tex)), unbounded(tex), tex);
});

test('the web page typesets the TeX the parser read, whatever dollars and spaces the email shows around it (property)', async () => {
  const fc = (await import('fast-check')).default;
  const { parseMarkdown } = await import('../../src/issue/markdown.js');
  const { nodesInTree } = await import('../../src/issue/tree-index.js');
  const { FootnoteNumbering, fragmentToHtml, markdownToHast } = await import('../../src/render/markdown-html.js');
  const { CorpusIndex } = await import('../../src/issue/corpus.js');
  const links = { baseUrl: 'https://news.example.org/', corpus: new CorpusIndex([]), from: undefined };
  // What hast-util-to-html escapes in text: `&` and `<`.
  const escaped = (text: string) => text.replaceAll('&', '&#x26;').replaceAll('<', '&#x3C;');
  const piece = fc.constantFrom('x', 'y', '2', '\\alpha', '\\frac{a}{b}', '^', '_', '{', '}', ' ', '  ', '&', '<', '>', '\\$', '\\', '|', '(', ')', '=');
  const tex = fc.array(piece, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));
  const written = fc.record({ tex, fence: fc.constantFrom('$', '$$'), pad: fc.boolean() }).map(({ tex, fence, pad }) => `${fence}${pad ? ' ' : ''}${tex}${pad ? ' ' : ''}${fence}`);
  fc.assert(
    fc.property(fc.array(written, { minLength: 1, maxLength: 3 }), (formulas) => {
      const markdown = `Cost ${formulas.join(' and ')} here.`;
      const tree = parseMarkdown(markdown);
      const values = nodesInTree(tree, 'inlineMath').map((node) => node.value);
      const email = fragmentToHtml(markdownToHast(tree, { idPrefix: 'p-', links, source: markdown }).content, new FootnoteNumbering());
      // The email as it was before it showed the dollars: each formula's element holding the parser's TeX alone.
      let i = 0;
      const before = email.replace(/(<code class="language-math math-inline[^"]*">)[^<]*(<\/code>)/g, (_, open: string, close: string) => `${open}${escaped(values[i++]!)}${close}`);
      assert.equal(i, values.length);
      assert.equal(typesetMath(email), typesetMath(before), markdown);
    }),
    { numRuns: 300, seed: 20261203 },
  );
});
