import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/link-url-length.js';
import { cleanIssue, cleanIssueWithMarkdown, CONFIG_YAML, lintWith, makeRoot, places } from '../../helpers/fixture.js';
import { renderAll, rootWith } from '../../helpers/render.js';

const SITE = 'https://example.org/';

/** An https URL of exactly `octets` UTF-8 octets as the plaintext writes it, made of ASCII only. */
function asciiUrl(octets: number): string {
  return SITE + 'a'.repeat(octets - SITE.length);
}

/**
 * A URL of exactly `octets` octets as the plaintext writes it, written with
 * 100 `é`: 2 octets each in the file, 6 (`%C3%A9`) in the email.
 */
function accentedUrl(octets: number): string {
  return `${SITE}${'é'.repeat(100)}${'a'.repeat(octets - SITE.length - 600)}`;
}

const withPaperUrl = (url: string) => cleanIssue().replace('url: https://arxiv.org/abs/2304.15004', `url: ${url}`);

/** Whether the plaintext email of `issueText` (rendered as `paperboy render` does) or its review proof shows `href` whole on one line. */
async function plaintextKeepsWhole(issueText: string, href: string, review = false): Promise<boolean> {
  const { root } = await rootWith({ '0001-a.md': issueText });
  const { text } = await renderAll(root, '1', review ? { review: { warnings: [] } } : {});
  return text.split('\n').some((line) => line.includes(href));
}

/** Lints `issueText` with the rule alone, and checks its verdict against the renderer's: a warning exactly when the plaintext cuts `href`. */
async function lintAgreesWithRenderer(issueText: string, href: string, review = false) {
  const messages = await lintWith([rule], { 'a.md': issueText });
  assert.equal(messages.length === 0, await plaintextKeepsWhole(issueText, href, review), `${messages.length} messages for a URL of ${Buffer.byteLength(href)} octets`);
  return messages;
}

test('link-url-length: the ok examples, and every sample-sized URL, have no message', async () => {
  const text = cleanIssueWithMarkdown({ summary: '[the data](https://example.org/d.tar) and ![a plot](plot.png)' }, { body: 'See [us](about/) and <https://example.org/>.' });
  assert.deepEqual(await lintWith([rule], { 'a.md': text.replace('https://arxiv.org/abs/2304.15004', 'https://doi.org/10.48550/arXiv.2304.15004') }), []);
});

test("link-url-length: a paper's URL of 995 octets stays whole under its title, one of 996 is cut and reported at the url", async () => {
  const whole = asciiUrl(995);
  assert.deepEqual(await lintAgreesWithRenderer(withPaperUrl(whole), whole), []);
  const cut = asciiUrl(996);
  const messages = await lintAgreesWithRenderer(withPaperUrl(cut), cut);
  assert.deepEqual(places(messages), ['link-url-length 9:10']);
  assert.deepEqual(
    messages.map((m) => [m.severity, m.message]),
    [
      [
        'warning',
        'Unexpected URL of 996 octets, expected at most 995: the plaintext email cuts it over two lines (no line over 998 octets), where a mail program will not follow it; link a shorter address (a DOI, the abstract page)',
      ],
    ],
  );
});

test("link-url-length: a link's URL of 994 octets stays whole on its `[1] ` line, one of 995 is cut and reported at the link", async () => {
  const whole = asciiUrl(994);
  assert.deepEqual(await lintAgreesWithRenderer(cleanIssueWithMarkdown({ summary: `Get [the data](${whole}).` }), whole), []);
  const cut = asciiUrl(995);
  const messages = await lintAgreesWithRenderer(cleanIssueWithMarkdown({ summary: `Get [the data](${cut}).` }), cut);
  assert.deepEqual(places(messages), ['link-url-length 16:11']);
  assert.match(messages[0]!.message, /^Unexpected URL of 995 octets, expected at most 994: the plaintext email cuts it/);
});

test('link-url-length: a URL is measured percent-encoded, as the email writes it, not as the file holds it', async () => {
  for (const [octets, reported] of [
    [995, false],
    [996, true],
  ] as const) {
    const url = accentedUrl(octets);
    const href = new URL(url).href;
    assert.ok(Buffer.byteLength(url) < 900 && Buffer.byteLength(href) === octets);
    const messages = await lintAgreesWithRenderer(withPaperUrl(url), href);
    assert.equal(messages.length, reported ? 1 : 0, `paper url of ${octets} octets`);
    if (reported) assert.match(messages[0]!.message, /^Unexpected URL of 996 octets as the email writes it, expected at most 995:/);
  }
  for (const [octets, reported] of [
    [994, false],
    [995, true],
  ] as const) {
    const url = accentedUrl(octets);
    const href = new URL(url).href;
    const messages = await lintAgreesWithRenderer(cleanIssueWithMarkdown({}, { body: `An image: ![a plot](${url})` }), href);
    assert.deepEqual(places(messages), reported ? ['link-url-length 21:11'] : [], `image of ${octets} octets`);
  }
});

test('link-url-length: a list that reaches `[10]` widens every marker, and its limit is one octet less', async () => {
  const others = Array.from({ length: 9 }, (_, i) => `[${i + 1}](https://example.org/${i + 1})`).join(', ');
  for (const [octets, reported] of [
    [993, false],
    [994, true],
  ] as const) {
    const url = asciiUrl(octets);
    const messages = await lintAgreesWithRenderer(cleanIssueWithMarkdown({ summary: `Links: ${others}.`, opinion: `And [the long one](${url}).` }), url);
    assert.equal(messages.length, reported ? 1 : 0, `${octets} octets`);
    if (reported) assert.match(messages[0]!.message, /expected at most 993:/);
  }
});

test('link-url-length: a relative link is measured once resolved against baseUrl, a definition is reported where its URL is written', async () => {
  const base = 'https://news.example.org/';
  const path = 'a'.repeat(995 - base.length);
  const messages = await lintAgreesWithRenderer(cleanIssue({ body: `See [the page][p].\n\n[p]: ${path}` }), base + path);
  assert.deepEqual(places(messages), ['link-url-length 23:1']);
  assert.match(messages[0]!.message, /^Unexpected URL of 995 octets as the email writes it, expected at most 994:/);
});

test("link-url-length: a link in the private notes is measured in the review proof's list, where they show", async () => {
  const cut = asciiUrl(995);
  const text = cleanIssueWithMarkdown({ notes: `Compare [the mirror](${cut}).` });
  const messages = await lintAgreesWithRenderer(text, cut, true);
  assert.deepEqual(places(messages), ['link-url-length 20:15']);
});

test('link-url-length: a URL the outputs refuse, or an empty one, is not measured (link-url-refused and paper-url report them)', async () => {
  const long = 'ftp://example.org/' + 'a'.repeat(1_200);
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssueWithMarkdown({ summary: `[mirror](${long})` }) }), []);
  assert.deepEqual(await lintWith([rule], { 'a.md': withPaperUrl(long) }), []);
});

test('link-url-length: an autolink shows its address on a line of its own in the text, whole up to 998 octets with what follows it cut off', async () => {
  const whole = asciiUrl(998);
  assert.deepEqual(await lintAgreesWithRenderer(cleanIssueWithMarkdown({ summary: `Get it at <${whole}>.` }), whole), []);
  const cut = asciiUrl(999);
  const messages = await lintAgreesWithRenderer(cleanIssueWithMarkdown({ summary: `Get it at <${cut}>.` }), cut);
  assert.deepEqual(places(messages), ['link-url-length 16:17']);
  assert.match(messages[0]!.message, /^Unexpected URL of 999 octets, expected at most 998: the plaintext email cuts it/);
});

test("link-url-length: a bare URL and a `www.` address are measured as the text prints them, after their line's indentation", async () => {
  // In a list item, after `- `: 996 octets left.
  for (const [octets, reported] of [
    [996, false],
    [997, true],
  ] as const) {
    const url = asciiUrl(octets);
    const messages = await lintAgreesWithRenderer(cleanIssueWithMarkdown({ summary: `Data:\n\n- the set, ${url} here` }), url);
    assert.deepEqual(places(messages), reported ? ['link-url-length 18:18'] : [], `bare URL of ${octets} octets`);
    if (reported) assert.match(messages[0]!.message, /^Unexpected URL of 997 octets, expected at most 996:/);
  }
  // In a quote, after `> `, printed as written (no `http://`).
  const www = `www.example.org/${'a'.repeat(996 - 16)}`;
  assert.equal(Buffer.byteLength(www), 996);
  assert.deepEqual(await lintAgreesWithRenderer(cleanIssue({ body: `> See ${www}` }), www), []);
  const longer = `${www}a`;
  const messages = await lintAgreesWithRenderer(cleanIssue({ body: `> See ${longer}` }), longer);
  assert.deepEqual(places(messages), ['link-url-length 21:7']);
  assert.match(messages[0]!.message, /^Unexpected URL of 997 octets, expected at most 996:/);
});

test('link-url-length: a non-ASCII bare URL is measured on its reference line too, percent-encoded, as the email writes it there', async () => {
  for (const [octets, reported] of [
    [994, false],
    [995, true],
  ] as const) {
    const url = accentedUrl(octets);
    const href = new URL(url).href;
    const messages = await lintAgreesWithRenderer(cleanIssue({ body: `See ${url} here.` }), href);
    assert.deepEqual(places(messages), reported ? ['link-url-length 21:5'] : [], `bare URL of ${octets} octets`);
    if (reported) assert.match(messages[0]!.message, /^Unexpected URL of 995 octets as the email writes it, expected at most 994:/);
  }
});

test("link-url-length: an address in a table is measured on its row's line, after the columns before it", async () => {
  // The row: 700 columns, ` | `, then the URL: 295 octets left for it.
  const table = (url: string) => `| name | link |\n| --- | --- |\n| ${'x'.repeat(700)} | ${url} |`;
  assert.deepEqual(await lintAgreesWithRenderer(cleanIssue({ body: table(asciiUrl(295)) }), asciiUrl(295)), []);
  const url = asciiUrl(296);
  const messages = await lintAgreesWithRenderer(cleanIssue({ body: table(url) }), url);
  assert.deepEqual(places(messages), ['link-url-length 23:706']);
  assert.match(messages[0]!.message, /^Unexpected URL of 296 octets, expected at most 295:/);
});

test("link-url-length: an image on an address's line is measured in the newsletter's word for it (`words.image`), as the email labels it", async () => {
  // The table wraps the first column at its spaces: 10 columns wide in English, 11 for `[Abbildung:`; then ` | `, 680 columns, ` | `, the URL: 302 octets left for it, 301 in German.
  const table = (url: string) => `| image | name | link |\n| --- | --- | --- |\n| ![chart](c.png) | ${'x'.repeat(680)} | ${url} |`;
  const url = asciiUrl(302);
  const configYaml = `${CONFIG_YAML}language: de\nwords:\n  image: Abbildung\n`;
  const issue = cleanIssue({ body: table(url) });
  assert.deepEqual(await lintWith([rule], { 'a.md': issue }), [], 'whole under the English label');
  const root = makeRoot({ 'issues/0001-a.md': issue }, configYaml);
  assert.ok(!(await renderAll(root, '1')).text.split('\n').some((line) => line.includes(url)), 'the email in German cuts it');
  const messages = await lintWith([rule], { 'a.md': issue }, { configYaml });
  assert.equal(messages.length, 1);
  assert.match(messages[0]!.message, /^Unexpected URL of 302 octets, expected at most 301:/);
});
