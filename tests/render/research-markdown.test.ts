import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Workspace } from '../../src/issue/workspace.js';
import { cleanIssueWithMarkdown } from '../helpers/fixture.js';
import { decodeEntities, renderAll, rootWith } from '../helpers/render.js';
import { PLAIN, previewOf } from './terminal/fixture.js';

/**
 * Markdown that research writing uses (tildes for "about", TeX, tables)
 * reaches the HTML email, the plaintext and the terminal preview with the
 * same text in each.
 */
async function renderSummary(summary: string): Promise<{ html: string; text: string; preview: string }> {
  const { root, config } = await rootWith({ '0001-a.md': cleanIssueWithMarkdown({ summary }) });
  const { html, text } = await renderAll(root, '1');
  const workspace = await Workspace.load(config);
  const preview = previewOf(workspace, workspace.newest()!, { ...PLAIN, width: 100 });
  return { html: decodeEntities(html), text, preview };
}

test('a single tilde keeps its place in every output; a double tilde strikes through', async () => {
  const outputs = await renderSummary('It improves by ~10% at ~3x the cost, ~~not free~~.');
  assert.match(outputs.html, /improves by ~10% at ~3x the cost, <del>not free<\/del>/);
  for (const output of [outputs.text, outputs.preview]) assert.match(output, /improves by ~10% at ~3x the cost, ~~not free~~/);
});

test('math keeps its TeX source, underscores included, between its dollars in every output, and is set apart in the HTML', async () => {
  const inline = String.raw`p_\theta(x_t \mid x_{<t})`;
  const display = String.raw`\mathbb{E}_{x \sim p}[f_i(x)]`;
  const outputs = await renderSummary(`The model $${inline}$ is trained.\n\n$$\n${display}\n$$`);
  assert.ok(outputs.html.includes(`>$${inline}$</code>`), 'inline TeX between its dollars in the HTML');
  assert.match(outputs.html, /<code class="language-math math-inline math-nowrap"[^>]*font-family:[^>]*white-space: ?nowrap/);
  assert.ok(outputs.html.includes(`>$$\n${display}\n$$</code></pre>`), 'display TeX between its `$$` lines in the HTML');
  assert.doesNotMatch(outputs.html, /<em>/);
  for (const output of [outputs.text, outputs.preview]) {
    assert.ok(output.includes(`$${inline}$`), `inline TeX in:\n${output}`);
    assert.ok(output.includes(`    ${display}`), `display TeX in:\n${output}`);
  }
});

test('a formula in a table cell holds the pipe its cell escapes (`$a\\|b$` is a|b in every output, as code is)', async () => {
  const outputs = await renderSummary('| set | size |\n| --- | --- |\n| $\\{x \\mid a\\|b\\}$ | `x \\| y` |\n');
  assert.match(outputs.html, /math-inline[^>]*>\$\\\{x \\mid a\|b\\\}\$<\/code>/);
  for (const output of [outputs.text, outputs.preview]) {
    assert.ok(output.includes('$\\{x \\mid a|b\\}$'), `the formula, its pipe unescaped, in:\n${output}`);
    assert.ok(output.includes('x | y'), `the code, likewise, in:\n${output}`);
  }
});

test('a long formula wraps in the HTML; a short one never does', async () => {
  const long = String.raw`\sum_{i=1}^{n} \alpha_i \cdot \nabla_\theta \log \pi_\theta(a_i \mid s_i) \cdot A(s_i, a_i)`;
  const { html } = await renderSummary(`Short $x_1$ and long $${long}$.`);
  assert.match(html, /<code class="language-math math-inline math-nowrap"[^>]*>\$x_1\$</);
  assert.match(html, /<code class="language-math math-inline"[^>]*>\$\\sum/);
});

test('a table row with more cells than its header shows the same cells in every output', async () => {
  const outputs = await renderSummary('| model | score |\n| --- | --- |\n| `a|b` | 1 |\n| short |');
  assert.match(outputs.html, /<td[^>]*>`a<\/td>\s*<td[^>]*>b`<\/td>\s*<\/tr>/);
  assert.doesNotMatch(outputs.html, /<td[^>]*>1<\/td>/);
  for (const output of [outputs.text, outputs.preview]) {
    const row = output.split('\n').find((line) => line.includes('`a'))!;
    assert.match(row, /`a +\S \S*b`$/);
    assert.doesNotMatch(output, /\| 1\b/);
  }
});

test('a bare URL with underscores in its path reaches every output whole, without emphasis', async () => {
  const url = 'https://github.com/openai/evals/blob/main/evals/__init__.py';
  const outputs = await renderSummary(`Code at ${url} for it, and http://localhost:8080/demo today.`);
  assert.ok(outputs.html.includes(`<a href="${url}"`), 'the whole URL is the link');
  assert.ok(outputs.html.includes('<a href="http://localhost:8080/demo"'), 'a localhost URL is linked');
  assert.doesNotMatch(outputs.html, /<strong>init<\/strong>/);
  for (const output of [outputs.text, outputs.preview]) {
    assert.ok(output.includes(url), `the URL in:\n${output}`);
    assert.doesNotMatch(output, /\*init\*/);
  }
});

test('plaintext writes a code span containing backticks with a longer fence, as written', async () => {
  const outputs = await renderSummary('Think of `` `backticks` `` and ` `` ` and a.\nUse `` a `tick` b `` inside code.');
  assert.match(outputs.html, /<code[^>]*>`backticks`<\/code>/);
  for (const output of [outputs.text, outputs.preview]) {
    const flat = output.replaceAll('\n', ' ');
    assert.ok(flat.includes('Think of `` `backticks` `` and ``` `` ``` and a. Use ``a `tick` b`` inside code.'), `the code spans in:\n${output}`);
  }
});

test('plaintext shows a www. autolink as written, like every autolink', async () => {
  const outputs = await renderSummary('Or www.example.com/baz? Or <https://example.com/x> and a@b.org.');
  assert.match(outputs.html, /<a href="http:\/\/www\.example\.com\/baz"[^>]*>www\.example\.com\/baz<\/a>/);
  for (const output of [outputs.text, outputs.preview]) {
    assert.ok(output.replaceAll('\n', ' ').includes('Or www.example.com/baz? Or https://example.com/x and a@b.org.'), `the autolinks in:\n${output}`);
  }
});

test('plaintext keeps the dollars inline math was written with', async () => {
  const outputs = await renderSummary('Math $$x^2$$ and $y$ and $$$z$$$.[^1]\n\n| a |\n| --- |\n| $$b$$ |\n\n[^1]: Note $$c$$.');
  for (const output of [outputs.text, outputs.preview]) {
    assert.ok(output.includes('Math $$x^2$$ and $y$ and $$$z$$$.'), `the math in:\n${output}`);
    assert.match(output, /\$\$b\$\$/);
    assert.ok(output.includes('Note $$c$$.'), `the note's math in:\n${output}`);
  }
});

test('plaintext keeps the delimiter an ordered list was written with', async () => {
  const outputs = await renderSummary('1) first item\n2) second item\n\n> 3) quoted\n\n- 1. nested');
  for (const output of [outputs.text, outputs.preview]) {
    assert.match(output, /^1\) first item\n2\) second item$/m);
    assert.match(output, /3\) quoted$/m);
    assert.match(output, /1\. nested$/m);
  }
});

test('a raw <br> is the line break it stands for in every output, never two words joined; other raw HTML is dropped, its text kept', async () => {
  const outputs = await renderSummary('line<br>break and more<BR />here. Water is H<sub>2</sub>O.');
  assert.match(outputs.html, /line<br>break and more<br>here\. Water is H2O\./);
  for (const output of [outputs.text, outputs.preview]) assert.match(output, /line\n\s*break and more\n\s*here\. Water is H2O\./, output);
});

test('an HTML block shows its text in every output, a line per line a browser breaks, its tags and hidden contents dropped', async () => {
  const outputs = await renderSummary(
    'Before.\n\n<p align="center">\nKey result: 74% versus 4%.\n</p>\n\n<table><tr><td>cell one</td><td>two &amp; three</td></tr><tr><td>row two</td></tr></table>\n\n<div><script>alert(1)</script><style>p{}</style>Shown</div>\n\n<!-- a comment -->\n\nAfter.',
  );
  assert.match(outputs.html, /<p[^>]*>Key result: 74% versus 4%\.<\/p>\s*<p[^>]*>cell one two & three<br>\s*row two<\/p>\s*<p[^>]*>Shown<\/p>\s*<p[^>]*>After\.<\/p>/);
  const summary = /<div class="summary">([\s\S]*?)<\/div>/.exec(outputs.html)?.[1] ?? '';
  assert.match(summary, /Key result/);
  assert.doesNotMatch(summary, /<table|<td|<div|alert|p\{\}|a comment/);
  for (const output of [outputs.text, outputs.preview]) {
    assert.match(output, /Before\.\n\s*\n\s*Key result: 74% versus 4%\.\n\s*\n\s*cell one two & three\n\s*row two\n\s*\n\s*Shown\n\s*\n\s*After\./, output);
    assert.doesNotMatch(output, /alert|p\{\}|a comment/);
  }
});

test('an inline tag of an element set apart (details, summary, a cell) between two words is a space in every output; other tags join nothing', async () => {
  const outputs = await renderSummary('see<details><summary>Setup</summary>Four numbers</details>. H<sub>2</sub>O, a<td>b, x<b>y</b>z.');
  assert.match(outputs.html, /see Setup Four numbers\. H2O, a b, xyz\./);
  for (const output of [outputs.text, outputs.preview]) assert.match(output, /see Setup Four numbers\. H2O, a b, xyz\./, output);
});

test("an HTML block's own line breaks are spaces, as a browser shows them; a control character an entity names is U+FFFD in every output", async () => {
  const outputs = await renderSummary('<div align=center>\nCentered ONE\n<b>bold</b> TWO &#27;[31mred&#7;\n</div>\n\nAfter.');
  assert.match(outputs.html, /<p[^>]*>Centered ONE bold TWO \uFFFD{5}red\uFFFD<\/p>/);
  for (const output of [outputs.text, outputs.preview]) assert.match(output, /Centered ONE bold TWO \uFFFD{5}red\uFFFD\n/, output);
  for (const output of [outputs.html, outputs.text, outputs.preview]) assert.ok(!output.includes('\u001b') && !output.includes('\u0007'), 'no control character');
});

test('what an inline <script> or <style> holds shows in no output; a tag set apart after punctuation is a space too', async () => {
  const outputs = await renderSummary('Inline before <script>alert(1)</script> after, <style>p{color:red}</style> styled. First sentence.</p><p>Second sentence. Steps:<ul><li>one</li><li>two</li></ul>');
  for (const output of [outputs.html, outputs.text, outputs.preview]) {
    assert.doesNotMatch(output, /alert|color:red/);
    assert.match(output, /Inline before\s+after,\s+styled\. First sentence\. Second sentence\. Steps: one\s+two/, output);
  }
});

test('a line break between two Chinese or Japanese characters adds no space in the plaintext or the preview; elsewhere it is a space', async () => {
  const outputs = await renderSummary('这是第一行中文\n这是第二行中文。日本語の文章です\n次の行です。한국어 문장\n다음 줄 and English\nwords.');
  for (const output of [outputs.text, outputs.preview]) {
    assert.match(output, /这是第一行中文这是第二行中文。日本語の文章です次の行です。한국어 문장\s+다음 줄 and English\s+words\./, output);
  }
});
