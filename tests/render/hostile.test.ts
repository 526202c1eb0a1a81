import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanIssue } from '../helpers/fixture.js';
import { flat, parseEml, renderAll, rootWith } from '../helpers/render.js';

/**
 * Markdown is not trusted (SPEC, RELIABILITY 7): whatever an issue file
 * holds, no script, handler, frame, style or dangerous URL reaches an email,
 * and template syntax in content stays text.
 */
const HOSTILE = `Before <script>alert('s')</script> [click](javascript:alert('j')) [data](data:text/html;base64,PHNjcmlwdD4=)
      and <img src="x" onerror="alert('e')"> <iframe src="https://evil.example/"></iframe> <style>body{display:none}</style>
      ![pixel](data:image/png;base64,iVBORw0KGgo=) [vb](vbscript:msgbox) <a href="javascript:alert('a')" onclick="alert('c')">raw</a>
      {{links.unsubscribe}} {{{issue.title}}} {{#each papers}}loop{{/each}} After.

      <script>alert('block')</script>

      <iframe src="https://evil.example/"></iframe>

      <style>p { color: red }</style>

      <div onmouseover="alert('d')">div</div>
`;

const papers = `  - title: "<script>alert('t')</script> Title {{issue.number}}"
    url: https://arxiv.org/abs/2304.15004
    authors: ["<img src=x onerror=alert('a')>"]
    via: "<iframe src=x>"
    summarizer: "{{newsletter.name}}"
    summary: |
      ${HOSTILE}
    opinion: |
      ${HOSTILE}
    notes: |
      ${HOSTILE}
`;

const issue = cleanIssue({ papers, body: HOSTILE.replace(/\n {6}/g, '\n') }).replace(
  /^preheader: .*$/m,
  `preheader: "<script>alert('p')</script>"\nsubject: "Hi\\r\\nBcc: evil@example.com <script>"`,
);

function assertInert(output: string, where: string): void {
  assert.doesNotMatch(output, /<script|<iframe|<img[^>]*onerror|\son[a-z]+\s*=\s*["']?alert/i, `${where}: active markup`);
  assert.doesNotMatch(output, /(href|src)\s*=\s*["']?\s*(javascript|data|vbscript):/i, `${where}: dangerous URL`);
  assert.ok(!/<style/i.test(output.slice(output.indexOf('</head>'))), `${where}: a <style> in the body`);
}

for (const review of [false, true]) {
  test(`hostile content is inert in the HTML, the plaintext and the message${review ? ' (review proof)' : ''}`, async () => {
    const { root } = await rootWith({ '0001-hostile.md': issue });
    const { html, text, eml } = await renderAll(root, '1', review ? { review: { warnings: [] } } : {});
    assertInert(html, 'html');
    assert.equal(html.match(/<style/g)?.length, 1, 'only the template’s own <style> in <head>');
    assert.doesNotMatch(text, /javascript:|data:|vbscript:/i);
    const mail = await parseEml(eml);
    assertInert(String(mail.html), 'eml html');
    assert.doesNotMatch(mail.text ?? '', /javascript:|data:/i);
    assert.ok(!mail.headerLines.some((line) => line.key === 'bcc'));
    for (const output of [html, flat(text)]) {
      assert.match(output, /Before/, 'the hostile text was rendered');
      assert.match(output, /click/);
      assert.ok(output.includes('{{links.unsubscribe}}'), 'template syntax in content stays literal');
      assert.ok(output.includes('{{#each papers}}loop{{/each}}'));
      assert.ok(output.includes('Title {{issue.number}}'));
    }
    assert.match(html, /&lt;script&gt;alert\(&#x27;t&#x27;\)&lt;\/script&gt; Title/);
  });
}
