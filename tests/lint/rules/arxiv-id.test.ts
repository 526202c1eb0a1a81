import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixes } from '../../../src/lint/fix.js';
import rule from '../../../src/lint/rules/arxiv-id.js';
import { cleanIssue, configWith, lintWith, places } from '../../helpers/fixture.js';

const ABS = 'url: https://arxiv.org/abs/2304.15004';
const FIELD = 'arxiv: "2304.15004"';

test('arxiv-id: an abs URL with its bare id has no message', async () => {
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue() }), []);
});

test('arxiv-id: a malformed id is an error at the id', async () => {
  const messages = await lintWith([rule], { 'a.md': cleanIssue().replace(FIELD, 'arxiv: "2304.1500"') });
  assert.deepEqual(places(messages), ['arxiv-id 10:12']);
  assert.equal(messages[0]!.message, 'Unexpected arXiv id `2304.1500`, expected a bare id such as `2304.15004`');
  assert.equal(messages[0]!.severity, 'error');
});

test('arxiv-id: an id that disagrees with the arXiv URL is an error, without a fix', async () => {
  const messages = await lintWith([rule], { 'a.md': cleanIssue().replace(FIELD, 'arxiv: "2212.03827"') });
  assert.deepEqual(places(messages), ['arxiv-id 10:12']);
  assert.match(messages[0]!.message, /^Unexpected arXiv id `2212\.03827` for a URL of 2304\.15004/);
  assert.equal(messages[0]!.fix, undefined);
});

test('arxiv-id: a PDF link is a warning, fixed to the abs page', async () => {
  const text = cleanIssue().replace(ABS, "url: 'https://arxiv.org/pdf/2304.15004v2'");
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['arxiv-id 9:10']);
  assert.equal(messages[0]!.severity, 'warning');
  assert.match(messages[0]!.message, /^Unexpected arXiv PDF\/versioned URL .*, expected the abs page/);
  assert.equal(applyFixes(text, messages).text, cleanIssue().replace(ABS, "url: 'https://arxiv.org/abs/2304.15004'"));
});

test('arxiv-id: a missing arxiv field is a warning, fixed by a line after the url', async () => {
  const text = cleanIssue().replace(`    ${FIELD}\n`, '');
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['arxiv-id 9:10']);
  assert.equal(messages[0]!.message, 'Missing `arxiv` for an arXiv URL, expected `arxiv: "2304.15004"`');
  assert.equal(applyFixes(text, messages).text, cleanIssue());
});

test('arxiv-id: a versioned id is a warning, fixed to the bare id', async () => {
  const text = cleanIssue().replace(FIELD, 'arxiv: arXiv:2304.15004v3');
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['arxiv-id 10:12']);
  assert.equal(messages[0]!.severity, 'warning');
  assert.equal(applyFixes(text, messages).text, cleanIssue());
});

test('arxiv-id: a paper that is not on arXiv needs no id', async () => {
  const text = cleanIssue().replace(ABS, 'url: https://www.lesswrong.com/posts/5spBue2z2tw4JuDCx').replace(`    ${FIELD}\n`, '');
  assert.deepEqual(await lintWith([rule], { 'a.md': text }), []);
});

test('arxiv-id: ids arXiv could not have issued are malformed', async () => {
  for (const id of ['2313.15004', '0704.00001', 'arxiv 2304.15004']) {
    const messages = await lintWith([rule], { 'a.md': cleanIssue().replace(FIELD, `arxiv: "${id}"`) });
    assert.match(messages[0]?.message ?? '', /expected a bare id such as/, id);
  }
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue().replace(FIELD, 'arxiv: "hep-th/9901001"').replace(/url: .*/, 'url: https://arxiv.org/abs/hep-th/9901001') }), []);
});

test('arxiv-id: a severity the config sets is every message\'s: `arxiv-id: error` makes a missing arxiv field and a PDF link errors (a CI run fails on them), `warn` makes every message a warning', async () => {
  const text = cleanIssue().replace(`    ${FIELD}\n`, '').replace(ABS, "url: 'https://arxiv.org/pdf/2304.15004v2'");
  const severities = async (setting: string) =>
    (await lintWith([rule], { 'a.md': text }, { configYaml: configWith(`lint: { rules: { arxiv-id: ${setting} } }`) })).map((message) => message.severity);
  assert.deepEqual(await severities('error'), ['error', 'error']);
  assert.deepEqual(await severities('warn'), ['warning', 'warning']);
  const malformed = cleanIssue().replace(FIELD, 'arxiv: "2304.1500"');
  assert.deepEqual((await lintWith([rule], { 'a.md': malformed }, { configYaml: configWith('lint: { rules: { arxiv-id: warn } }') })).map((message) => message.severity), ['warning']);
});

test('arxiv-id: an old-style id written with its subject class is the same paper as the bare id, tidied to arXiv\'s preferred form', async () => {
  const oldStyle = (field: string, url: string) => cleanIssue().replace(FIELD, field).replace(/url: .*/, `url: ${url}`);
  const clean = oldStyle('arxiv: "math/0309136"', 'https://arxiv.org/abs/math/0309136');
  assert.deepEqual(await lintWith([rule], { 'a.md': clean }), []);
  // The field with its subject class agrees with the URL without one: a tidy-up, not a mismatch.
  const withClass = oldStyle('arxiv: "math.GT/0309136"', 'https://arxiv.org/abs/math/0309136');
  const fieldMessages = await lintWith([rule], { 'a.md': withClass });
  assert.deepEqual(fieldMessages.map((message) => [message.severity, message.message]), [['warning', 'Unexpected arXiv id `math.GT/0309136`, expected the bare id `math/0309136`']]);
  assert.equal(applyFixes(withClass, fieldMessages).text, clean);
  // The abs URL with a subject class names the same paper; its fix is the abs page of the bare id.
  const urlWithClass = oldStyle('arxiv: "math/0309136"', 'https://arxiv.org/abs/math.GT/0309136');
  const urlMessages = await lintWith([rule], { 'a.md': urlWithClass });
  assert.deepEqual(urlMessages.map((message) => message.message), ['Unexpected arXiv subject-class URL `https://arxiv.org/abs/math.GT/0309136`, expected the abs page `https://arxiv.org/abs/math/0309136`']);
  assert.equal(applyFixes(urlWithClass, urlMessages).text, clean);
});

test('arxiv-id: the fix of a versioned id keeps the quotes it was written in, and quotes a plain one', async () => {
  const cases: [written: string, fixed: string][] = [
    ["arxiv: 'arXiv:2304.15004v2'", "arxiv: '2304.15004'"],
    ['arxiv: "2304.15004v2"', 'arxiv: "2304.15004"'],
    ['arxiv: 2304.15004v2   # the second version', 'arxiv: "2304.15004"   # the second version'],
  ];
  for (const [written, fixed] of cases) {
    const text = cleanIssue().replace(FIELD, written);
    const messages = await lintWith([rule], { 'a.md': text });
    assert.equal(applyFixes(text, messages).text, cleanIssue().replace(FIELD, fixed), written);
  }
});

test("arxiv-id: a browse.arxiv.org abs page, arXiv's own, is a warning, fixed to the abs page", async () => {
  const text = cleanIssue().replace(ABS, 'url: https://browse.arxiv.org/abs/2304.15004v2');
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['arxiv-id 9:10']);
  assert.equal(messages[0]!.severity, 'warning');
  assert.equal(applyFixes(text, messages).text, cleanIssue());
});
