import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { commonMarkSpecExamples, gfmSpecExamples, outsideSuiteExamples, type SuiteExample } from '../helpers/markdown-suites.js';
import { renderBody, renderTexts, TEXTS_BASE_URL, type RenderedText } from '../helpers/render-texts.js';
import { firstDifference, htmlWords, plainWords, referenceWords } from '../helpers/visible-words.js';

// No text lost, doubled or changed, on suites nobody here wrote: each
// Markdown text is a paper's summary (and, for generated texts, an issue's
// body too), rendered by every output (the HTML email, the plaintext email,
// the terminal preview, the issue's web page); the
// words each shows must be the words the stock unified stack's HTML shows
// in a browser, in the same order. The exceptions (footnote markers, link
// references, image labels…) are named in tests/helpers/visible-words.ts.

const OUTPUTS = ['emailHtml', 'emailText', 'preview', 'webHtml'] as const satisfies readonly (keyof RenderedText)[];

/**
 * Examples whose words differ by design, each with why. All three leave open
 * an element a browser reads as raw text to its closing tag: the browser
 * hides the rest of the text (`<style>`, `<script>`) or shows it as source,
 * tags included (`<xmp>`, `<textarea>`); paperboy ends the element with its
 * block and keeps the author's words (docs/issue-format.md).
 */
const KNOWN_DIFFERENCES = new Map([
  ['GFM example 657 (6.11 Disallowed Raw HTML (extension))', 'a <title> and a <style> left open in the first paragraph'],
  ['commonmark.js/regression.txt:195', 'a <script> left open in a list item'],
  ['cmark-gfm/extensions.txt:605', 'an <xmp> and a <textarea> left open'],
]);

/** How many texts are rendered as the papers of one issue. */
const BATCH = 100;

/** Each output of each example whose words are not the reference's: the example, the output, and where the words part. */
function differences(examples: readonly SuiteExample[], previewWidth = 100): string[] {
  const found: string[] = [];
  for (let start = 0; start < examples.length; start += BATCH) {
    const batch = examples.slice(start, start + BATCH);
    const rendered = renderTexts(batch.map((example) => example.markdown), previewWidth);
    batch.forEach((example, i) => found.push(...outputDifferences(example, rendered[i]!)));
  }
  return found;
}

/** Each output of one example's rendering whose words are not the reference's. */
function outputDifferences(example: SuiteExample, rendered: RenderedText): string[] {
  const expected = { html: referenceWords(example.markdown), plain: referenceWords(example.markdown, { baseUrl: TEXTS_BASE_URL }) };
  return OUTPUTS.flatMap((output) => {
    const isHtml = output.endsWith('Html');
    const shown = (isHtml ? htmlWords : plainWords)(rendered[output]);
    const reference = isHtml ? expected.html : expected.plain;
    const at = firstDifference(reference, shown);
    if (at === undefined) return [];
    return [`${example.name} [${output}] ${JSON.stringify(example.markdown)}: word ${at}, expected ${JSON.stringify(reference.slice(at, at + 5))}, shown near ${JSON.stringify(shown.words.slice(at, at + 5))}`];
  });
}

const unexpected = (examples: readonly SuiteExample[]) => differences(examples.filter((example) => !KNOWN_DIFFERENCES.has(example.name)));

test('every output shows the words of every example of the CommonMark 0.31.2 spec, in order, none lost, doubled or changed', () => {
  const examples = commonMarkSpecExamples();
  assert.ok(examples.length > 600, `${examples.length} examples`);
  assert.deepEqual(unexpected(examples), []);
});

test('every output shows the words of every example of the GFM spec, in order, none lost, doubled or changed', () => {
  const examples = gfmSpecExamples();
  assert.ok(examples.length > 600, `${examples.length} examples`);
  assert.deepEqual(unexpected(examples), []);
});

test("every output shows the words of every example of markdown-it's fixtures, commonmark.js's regressions and smart punctuation, cmark-gfm's extensions", () => {
  const examples = outsideSuiteExamples();
  assert.ok(examples.length > 250, `${examples.length} examples`);
  assert.deepEqual(unexpected(examples), []);
});

test('the known differences are still differences (each is needed, and names an example that exists)', () => {
  const all = [...commonMarkSpecExamples(), ...gfmSpecExamples(), ...outsideSuiteExamples()];
  const known = all.filter((example) => KNOWN_DIFFERENCES.has(example.name));
  assert.deepEqual(known.map((example) => example.name).sort(), [...KNOWN_DIFFERENCES.keys()].sort());
  for (const example of known) assert.notDeepEqual(differences([example]), [], `${example.name}: ${KNOWN_DIFFERENCES.get(example.name)}`);
});

// Research-newsletter Markdown: emphasis, links of every kind, code, math,
// lists, task items, tables, footnotes, block quotes, raw HTML a summary
// pastes, in English, Chinese, Arabic and Hebrew, with emoji.
const word = fc.constantFrom(
  'model', 'attention', 'GPT-4', 'RLHF', 'scaling', 'p<0.05', '~10%', '3×', 'naïve', 'e.g.', "don't", '2023', 'x_1', 'snake_case',
  '研究', '大型语言模型', 'の', 'نموذج', 'اللغة', 'שלום', 'מודל', '🧠', '👩‍🔬', '🇫🇷', '€5', 'α-β', 'Ünïcödé',
  // Wider than a line: cut across lines in the plaintext and the preview.
  'Pneumonoultramicroscopicsilicovolcanoconiosis-and-Supercalifragilisticexpialidocious',
  'https://example.org/a/very/long/path/that/goes/on/and/on/for/a/while/until/it/is/wider/than/a/line.html',
);
const inline = fc.oneof(
  { weight: 6, arbitrary: word },
  word.map((w) => `*${w}*`),
  word.map((w) => `**${w}**`),
  word.map((w) => `_${w}_`),
  word.map((w) => `~~${w}~~`),
  word.map((w) => `\`${w}\``),
  fc.constantFrom('$x_1 + y$', '$\\mathbb{E}[f(x)]$', '$p_\\theta(x_t \\mid x_{<t})$', '$$a^2$$'),
  fc.tuple(word, fc.constantFrom('https://arxiv.org/abs/2304.15004', 'https://example.org/a_b?q=1&r=2', '/issues/1/', 'mailto:a@example.org')).map(([w, url]) => `[${w}](${url})`),
  fc.constantFrom('<https://example.org/auto>', 'www.example.com/literal', 'https://github.com/openai/evals/blob/main/evals/__init__.py', 'jane@example.org'),
  word.map((w) => `![${w}](https://img.example.org/figure.png)`),
  fc.constantFrom('H<sub>2</sub>O', 'a<br>b', '<b>bold</b>', '<span title="t">span</span>', '&amp;', '&copy;', '&#x1F600;', '\\*not emphasis\\*', '[^1]', '[^note]'),
);
const line = fc.array(inline, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(' '));
// Wide cells too: the plaintext and the preview wrap them within their column.
const cell = fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join(' '));
const block = fc.oneof(
  { weight: 4, arbitrary: fc.array(line, { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n')) },
  fc.array(line, { minLength: 1, maxLength: 3 }).map((items) => items.map((item) => `- ${item}`).join('\n')),
  fc.array(line, { minLength: 1, maxLength: 3 }).map((items) => items.map((item, i) => `${i + 1}. ${item}`).join('\n')),
  fc.array(fc.tuple(fc.boolean(), line), { minLength: 1, maxLength: 3 }).map((items) => items.map(([done, item]) => `- [${done ? 'x' : ' '}] ${item}`).join('\n')),
  line.map((text) => `> ${text}`),
  line.map((text) => `## ${text}`),
  fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => `\`\`\`python\n${words.join(' ')}\n\`\`\``),
  fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 3 }).map((rows) => `| method | score | notes |\n| --- | ---: | :-: |\n${rows.map((row) => `| ${row.join(' | ')} |`).join('\n')}`),
  fc.constantFrom('$$\n\\sum_{i=1}^{n} \\alpha_i\n$$', '<div align="center">\n<b>Figure 1</b>: results\n</div>', '<details><summary>Setup</summary>\n\nHidden details.\n\n</details>', '***'),
);
const researchMarkdown = fc
  .tuple(fc.array(block, { minLength: 1, maxLength: 6 }), line, line)
  .map(([blocks, first, note]) => `${blocks.join('\n\n')}\n\n[^1]: ${first}\n[^note]: ${note}\n`);

test('every output shows the words of generated research-newsletter Markdown (CJK, Arabic, Hebrew, emoji, math, tables with wide cells, footnotes, raw HTML, words wider than a line), the preview 48 columns wide', () => {
  const texts = fc.sample(researchMarkdown, { numRuns: 300, seed: 20261205 });
  assert.deepEqual(differences(texts.map((markdown, i) => ({ name: `generated text ${i}`, markdown })), 48), []);
});

test("every output shows the words of generated research-newsletter Markdown as an issue's body (its introduction, its notes at the end of the email)", () => {
  const texts = fc.sample(researchMarkdown, { numRuns: 100, seed: 20261206 });
  assert.deepEqual(
    texts.flatMap((markdown, i) => outputDifferences({ name: `generated body ${i}`, markdown }, renderBody(markdown, 48))),
    [],
  );
});
