import assert from 'node:assert/strict';
import { test } from 'node:test';
import { previewText, PLAIN } from './terminal/fixture.js';
import { cleanIssue } from '../helpers/fixture.js';
import { renderAll, rootWith } from '../helpers/render.js';

/** The list of an issue whose body is `body`: as the HTML email's `<ul>` (styles left out), the plaintext's lines, the preview's lines. */
async function listOutputs(body: string): Promise<{ html: string; text: string; preview: string }> {
  const { root } = await rootWith({ '0001-list.md': cleanIssue({ body }) });
  const { html, text } = await renderAll(root, '1');
  const list = /<ul[^>]*>[\s\S]*?<\/ul>/.exec(html)![0].replace(/ style="[^"]*"/g, '');
  const itemsOf = (output: string, bullet: string) => {
    const lines = output.split('\n');
    const first = lines.findIndex((line) => line.startsWith(`${bullet} one`));
    const last = lines.findIndex((line) => line.startsWith(`${bullet} three`));
    return lines.slice(first, last + 1).join('\n');
  };
  return { html: list, text: itemsOf(text, '-'), preview: itemsOf(await previewText(cleanIssue({ body }), { ...PLAIN, width: 72 }), '•') };
}

test('an HTML block in a tight list item starts a line of its own in the HTML email, as in the plaintext and the preview', async () => {
  const { html, text, preview } = await listOutputs('- one\n- two\n  <div>\n  inside html\n  </div>\n- three');
  assert.equal(html, '<ul>\n<li>one</li>\n<li>two<br>\ninside html</li>\n<li>three</li>\n</ul>');
  assert.equal(text, '- one\n- two\n  inside html\n- three');
  assert.equal(preview, '• one\n• two\n  inside html\n• three');
});

test('a paragraph after an HTML block in a tight list item starts a line of its own in the HTML email too', async () => {
  const { html, text } = await listOutputs('- one\n- <pre>kept</pre>\n  after\n- three');
  assert.match(html, /<li>kept<br>\nafter<\/li>/);
  assert.equal(text, '- one\n- kept\n  after\n- three');
});

test("a loose list's items set their blocks apart by a blank line in the plaintext and the preview, as the HTML's paragraphs are", async () => {
  const { html, text, preview } = await listOutputs('- one\n\n  more\n- two\n  <div>\n  inside html\n  </div>\n- three');
  assert.match(html, /<li>\n<p>two<\/p>\n<p>inside html<\/p>\n<\/li>/);
  assert.equal(text, '- one\n\n  more\n\n- two\n\n  inside html\n\n- three');
  assert.equal(preview, '• one\n\n  more\n\n• two\n\n  inside html\n\n• three');
});
