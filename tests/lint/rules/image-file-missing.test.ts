import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { lintIssues } from '../../../src/lint/engine.js';
import rule from '../../../src/lint/rules/image-file-missing.js';
import { cleanIssue, cleanIssueWithMarkdown, configOf, makeRoot, places } from '../../helpers/fixture.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

/** A newsletter with `static/img/chart.png` and `static/img/loss curve.svg`, and one issue `text`. */
function rootWith(text: string): string {
  return makeRoot({ 'issues/0001-a.md': text, 'static/img/chart.png': PNG, 'static/img/loss curve.svg': '<svg/>', 'static/.hidden.png': PNG });
}

async function lintRoot(root: string, options: { cache?: boolean; rules?: boolean } = {}) {
  const [result] = await lintIssues(configOf(root), { files: [join(root, 'issues', '0001-a.md')], cache: options.cache ?? false, ...(options.rules === false ? {} : { rules: [rule] }) });
  return result!.messages.filter((message) => message.ruleId === rule.id);
}

test('image-file-missing: an image of a file of staticDir, however written (a path, from the root, the whole URL under baseUrl, a reference, encoded), of another host or of the build\'s assets has no message', async () => {
  const body = [
    '![a](img/chart.png) ![b](/img/chart.png) ![c](https://news.example.org/img/chart.png?v=2#x) ![d][chart] ![e](<img/loss curve.svg>) ![f](img/loss%20curve.svg)',
    '![g](https://cdn.example.net/img/nothing.png) ![h](/assets/icon.svg) [a link to no file](img/nothing.png)',
    '',
    '[chart]: img/chart.png',
  ].join('\n');
  assert.deepEqual(await lintRoot(rootWith(cleanIssue({ body }))), []);
});

test('image-file-missing: an image of the site whose file staticDir lacks is an error at the image, naming the file looked for and the one likely meant (its case, the folder written in, another extension, a typo)', async () => {
  const summary = '![case](img/Chart.PNG) and ![prefixed](static/img/chart.png)\n![extension](/img/chart.jpg), ![typo](https://news.example.org/img/chrt.png) ![hidden](.hidden.png)';
  const messages = await lintRoot(rootWith(cleanIssueWithMarkdown({ summary }, { body: '![none][r]\n\n[r]: pictures/diagram-of-everything.gif' })));
  assert.deepEqual(places(messages), ['image-file-missing 16:7', 'image-file-missing 16:34', 'image-file-missing 17:7', 'image-file-missing 17:37', 'image-file-missing 17:84', 'image-file-missing 22:1']);
  assert.deepEqual(
    messages.map((message) => message.message),
    [
      'Unexpected image `img/Chart.PNG`: `static/img/Chart.PNG` does not exist, so the image is broken in the email and on the page; expected `img/chart.png` (`static/img/chart.png`)',
      'Unexpected image `static/img/chart.png`: `static/static/img/chart.png` does not exist, so the image is broken in the email and on the page; expected `img/chart.png` (`static/img/chart.png`)',
      'Unexpected image `/img/chart.jpg`: `static/img/chart.jpg` does not exist, so the image is broken in the email and on the page; expected `/img/chart.png` (`static/img/chart.png`)',
      'Unexpected image `https://news.example.org/img/chrt.png`: `static/img/chrt.png` does not exist, so the image is broken in the email and on the page; expected `https://news.example.org/img/chart.png` (`static/img/chart.png`)',
      "Unexpected image `.hidden.png`: `static/.hidden.png` is left out of the site (hidden, or in dataDir), so the image is broken in the email and on the page; expected a file of staticDir (`static/`) or an image's `https://` URL",
      'Unexpected image `pictures/diagram-of-everything.gif`: `static/pictures/diagram-of-everything.gif` does not exist, so the image is broken in the email and on the page; expected a file of staticDir (`static/`) or an image\'s `https://` URL',
    ],
  );
});

test('image-file-missing: a file added to staticDir after a lint is seen by the next one, the lint cache notwithstanding', async () => {
  const root = rootWith(cleanIssue({ body: 'See ![the new chart](img/new.png).' }));
  assert.deepEqual(places(await lintRoot(root, { cache: true, rules: false })), ['image-file-missing 21:5']);
  writeFileSync(join(root, 'static', 'img', 'new.png'), PNG);
  assert.deepEqual(await lintRoot(root, { cache: true, rules: false }), []);
});
