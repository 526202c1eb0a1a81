import assert from 'node:assert/strict';
import { test } from 'node:test';
import { displayWidth } from '../../src/render/text/index.js';
import { cleanIssue } from '../helpers/fixture.js';
import { decodeEntities, flat, htmlLinkTargets, REPO_ROOT, renderAll, rootWith, sampleNumbers, textLinkTargets } from '../helpers/render.js';

/**
 * The plaintext is not a lesser copy: for every sample issue it carries the
 * same papers in the same order and the same link targets as the HTML, and
 * keeps to the email's line limits.
 */
const numbers = await sampleNumbers();

test('parity: there are sample issues to check', () => {
  assert.ok(numbers.length >= 3, `sample issues: ${numbers.join(', ')}`);
});

/** Where each title first appears in `output`, in the order given; -1 when absent. */
function positions(output: string, titles: readonly string[]): number[] {
  return titles.map((title) => output.indexOf(flat(title)));
}

for (const number of numbers) {
  test(`parity: issue ${number}, the HTML and the plaintext carry the same papers in the same order`, async () => {
    const { html, text, parsed } = await renderAll(REPO_ROOT, String(number));
    const htmlTitles = [...html.matchAll(/<h([2-6]) class="paper-title"[^>]*><a href="[^"]*"[^>]*>([^<]*)<\/a><\/h\1>/g)].map((match) => decodeEntities(match[2]!));
    assert.equal(htmlTitles.length, parsed.issue!.papers.length);
    const inText = positions(flat(text), htmlTitles);
    assert.ok(inText.every((position) => position >= 0), `missing in the plaintext: ${htmlTitles.filter((_, i) => inText[i]! < 0).join(' | ')}`);
    assert.deepEqual(inText, [...inText].sort((a, b) => a - b), 'the plaintext lists the papers in another order');
  });

  test(`parity: issue ${number}, the HTML and the plaintext link to the same targets`, async () => {
    const { html, text } = await renderAll(REPO_ROOT, String(number));
    assert.deepEqual([...textLinkTargets(text)].sort(), [...htmlLinkTargets(html)].sort());
  });

  test(`parity: issue ${number}, plaintext lines fit 72 columns except unbreakable URLs, no line over 998 octets`, async () => {
    const { text, eml } = await renderAll(REPO_ROOT, String(number));
    for (const line of text.split('\n')) {
      if (displayWidth(line) > 72) assert.match(line, /https?:\/\/\S{20,}/, `line over 72 columns without a URL: ${line}`);
    }
    for (const line of eml.toString('utf8').split('\r\n')) assert.ok(Buffer.byteLength(line) <= 998);
  });
}

test('parity: images, reference-style links, autolinks and links in footnotes reach both parts', async () => {
  const papers = `  - title: A paper with every kind of link
    url: https://example.org/paper
    prerequisites: "[Background](https://example.org/background)"
    summary: |
      See ![a chart](/img/chart.png), [the code][code], <https://example.org/auto>
      and www.example.com/literal, with a note[^n].

      [code]: https://github.com/example/code
      [^n]: The note cites [a source](https://example.org/source).
    opinion: |
      Compare [issue one](issue:1).
`;
  const { root } = await rootWith({ '0001-a.md': cleanIssue({ papers, body: 'Intro with [a link](https://example.org/intro).' }) });
  const { html, text } = await renderAll(root, '1');
  const targets = htmlLinkTargets(html);
  for (const url of ['https://news.example.org/img/chart.png', 'https://github.com/example/code', 'https://example.org/source', 'https://news.example.org/issues/1/']) {
    assert.ok(targets.has(url), `html: ${url}`);
  }
  assert.deepEqual([...textLinkTargets(text)].sort(), [...targets].sort());
});
