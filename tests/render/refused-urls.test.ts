import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultSchema } from 'rehype-sanitize';
import { safeUrl } from '../../src/render/links.js';
import { refusedUrls } from '../../src/render/refused-urls.js';
import { spawnCli } from '../helpers/cli.js';
import { blockScalar, cleanIssue, makeRoot } from '../helpers/fixture.js';
import { parseEml, renderAll, rootWith } from '../helpers/render.js';

const BASE = 'https://news.example.org/';

test('the URL filter keeps exactly the schemes rehype-sanitize keeps, for links and for images', () => {
  for (const scheme of defaultSchema.protocols!.href!) assert.ok(safeUrl(`${scheme}:x@example.org`, BASE).href, scheme);
  for (const scheme of defaultSchema.protocols!.src!) assert.ok(safeUrl(`${scheme}://example.org/i.png`, BASE, 'src').href, scheme);
  for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd']) {
    assert.equal(safeUrl(url, BASE).href, undefined, url);
    assert.match(safeUrl(url, BASE).refused ?? '', /^Unexpected URL scheme `[a-z]+:`/, url);
  }
  assert.equal(safeUrl('mailto:a@example.org', BASE, 'src').href, undefined, 'an image never loads from mailto:');
});

test('an accepted URL is absolute and percent-encoded, so it cannot break out of an attribute, a header or OSC 8', () => {
  assert.equal(safeUrl('archive/1', BASE).href, 'https://news.example.org/archive/1');
  assert.equal(safeUrl('https://example.org/a b"<>\u001b]8;;x', BASE).href, 'https://example.org/a%20b%22%3C%3E%1B]8;;x');
  assert.equal(safeUrl('#fn 1\u001bx', BASE).href, '#fn%201%1Bx');
});

test('refusedUrls names every URL the outputs leave out, with its line and column in the file', async () => {
  const papers = `  - title: A paper
    url: "javascript:alert(1)"
${blockScalar('summary', 'See [x](javascript:alert(2)), ![chart](data:image/png;base64,AAAA) and [ok](https://example.org/).\n\n[def]: vbscript:msgbox')}`;
  const { root } = await rootWith({ '0001-a.md': cleanIssue({ papers, body: 'Hi [there](data:text/html,x).' }) });
  const { parsed, workspace } = await renderAll(root, '1');
  const refused = refusedUrls(parsed, { baseUrl: BASE, corpus: workspace.corpus, from: undefined });
  assert.deepEqual(
    refused.map(({ url, position }) => `${position.start.line}:${position.start.column} ${url}`),
    ['9:10 javascript:alert(1)', '11:11 javascript:alert(2)', '11:37 data:image/png;base64,AAAA', '13:7 vbscript:msgbox', '16:4 data:text/html,x'],
  );
  assert.match(refused[2]!.message, /^Unexpected image URL scheme `data:` .*, expected one of http, https; only the alt text is shown$/);
});

test('a javascript: paper url reaches no output as a link: the HTML, the plaintext and the message show the title alone', async () => {
  const { root } = await rootWith({ '0001-a.md': cleanIssue().replace('url: https://arxiv.org/abs/2304.15004', 'url: "javascript:alert(1)"') });
  const { html, text, eml } = await renderAll(root, '1');
  const mail = await parseEml(eml);
  for (const output of [html, text, String(mail.html), mail.text ?? '']) {
    assert.doesNotMatch(output, /javascript/i);
    assert.match(output, /Are Emergent Abilities of Large Language Models a Mirage\?/);
  }
  assert.match(html, /<h3 class="paper-title"[^>]*>Are Emergent Abilities of Large Language Models a Mirage\?<\/h3>/);
});

test("a paper's relative URL is refused, not resolved against the archive: its title is shown without a link, in the email as on the page", async () => {
  const papers = `  - title: A paper
    url: example.com/paper
${blockScalar('summary', 'See [the archive](archive/1).')}`;
  const { root } = await rootWith({ '0001-a.md': cleanIssue({ papers }) });
  const { parsed, workspace, html } = await renderAll(root, '1');
  const refused = refusedUrls(parsed, { baseUrl: BASE, corpus: workspace.corpus, from: undefined });
  assert.deepEqual(
    refused.map(({ url, position, message }) => `${position.start.line}:${position.start.column} ${url}: ${message}`),
    ['9:10 example.com/paper: Unexpected URL `example.com/paper`, expected an absolute URL such as `https://example.org/paper`; the title is shown without a link'],
  );
  assert.ok(!html.includes('example.com/paper"'), 'no link to it in the email');
  assert.ok(html.includes('href="https://news.example.org/archive/1"'), 'a relative Markdown link still resolves against baseUrl');
});

test('render says a paper without a url is missing its URL, not that an empty URL `` is unexpected, and shows its title without a link', () => {
  const papers = `  - title: An unpublished note
    authors: [Sam Oduya]
${blockScalar('summary', 'A note shared privately.')}`;
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ papers }) });
  const render = spawnCli(['render', '1', '--format', 'text'], { cwd: root });
  assert.match(render.stderr, /^issues\/0001-a\.md:8:5 {2}warning {2}Missing URL, expected an absolute URL such as `https:\/\/example\.org\/paper`; the title is shown without a link$/m);
  assert.doesNotMatch(render.stderr, /Unexpected URL ``/);
  assert.match(render.stdout, /^1\. An unpublished note$/m);
});
