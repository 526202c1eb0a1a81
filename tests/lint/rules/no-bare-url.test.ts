import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/no-bare-url.js';
import { cleanIssue, cleanIssueWithMarkdown, lintWith, places } from '../../helpers/fixture.js';

test('no-bare-url: links with words, angle-bracket links and e-mail addresses pass', async () => {
  const body = 'Read [the paper](https://arxiv.org/abs/2304.15004), <https://example.org>, [https://example.org](https://example.org); write to editor@example.org.';
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue({ body }) }), []);
});

test('no-bare-url: bare URLs in the body and on a summary\'s 2nd line are reported', async () => {
  const text = cleanIssueWithMarkdown({ summary: 'Smooth metrics.\nCode: www.example.org/code' }, { body: 'See https://example.org/a for more.' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['no-bare-url 17:13', 'no-bare-url 22:5']);
  assert.equal(
    messages[1]!.message,
    'Unexpected bare URL `https://example.org/a`, expected a link with words, such as `[the paper](https://example.org/a)`',
  );
});

test('no-bare-url: the link to write for a long URL is given whole, ready to paste', async () => {
  const url = 'https://www.lesswrong.com/posts/6eKL9wDqeiELbKPDj/unfaithful-explanations-in-chain-of-thought-prompting';
  const [message] = await lintWith([rule], { 'a.md': cleanIssue({ body: `See ${url} for more.` }) });
  assert.ok(message!.message.endsWith(`, expected a link with words, such as \`[the paper](${url})\``), message!.message);
});

test('no-bare-url: the position is the URL itself inside list items, block quotes and after escapes', async () => {
  const body = ['Intro.', '', '- item \\* then https://a.example/x_y_z', '', '> quoted *text* and www.b.example', '', 'Escaped \\_ and &amp; then http://c.example/__init__.py.'].join('\n');
  const text = cleanIssue({ body });
  const messages = await lintWith([rule], { 'a.md': text });
  const lines = text.split('\n');
  const expected = ['https://a.example/x_y_z', 'www.b.example', 'http://c.example/__init__.py'].map((url) => {
    const line = lines.findIndex((l) => l.includes(url));
    return `no-bare-url ${line + 1}:${lines[line]!.indexOf(url) + 1}`;
  });
  assert.deepEqual(places(messages), expected);
  assert.deepEqual(messages.map((m) => m.endColumn! - m.column), [23, 13, 28]);
});

test('no-bare-url: a footnote call a bare URL took into its address is named, and the fix never holds the call in the URL', async () => {
  const text = cleanIssueWithMarkdown({ summary: 'The code is at https://github.com/org/repo[^1]. More text.\n\n[^1]: Released under MIT.' });
  const [message] = await lintWith([rule], { 'a.md': text });
  assert.equal(
    message!.message,
    'Unexpected footnote call `[^1]` read as part of the bare URL `https://github.com/org/repo` (the link leads to `https://github.com/org/repo[^1` and the note is never shown), expected the URL in angle brackets before the call, `<https://github.com/org/repo>[^1]`, or a link with words, such as `[the paper](https://github.com/org/repo)[^1]`',
  );
});

test('no-bare-url: a definition written on the line right after a paragraph is named with the blank line it needs, not given words', async () => {
  const text = cleanIssueWithMarkdown({ summary: 'We read [the paper][p] closely.\n[p]: https://example.org/the_paper' }, { body: 'Intro.\n  [Data Set]:  <https://example.org/d> and\n[q]: www.example.org/q' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(
    messages.map((m) => `${m.line}:${m.column} ${m.message}`),
    [
      '17:12 Unexpected definition `[p]: https://example.org/the_paper` on the line right after a paragraph, which reads it as its text, expected a blank line before it',
      '24:6 Unexpected definition `[q]: http://www.example.org/q` on the line right after a paragraph, which reads it as its text, expected a blank line before it',
    ],
  );
});

test('no-bare-url: a cross-reference written as an autolink (`<paper:…>`, `<issue:4>`), whose text readers would see as `paper:…`, gets the link with words to write', async () => {
  const body = 'Last month (<paper:2304.15004>, <issue:1>) and [issue 1](issue:1), <https://example.org>.';
  const messages = await lintWith([rule], { 'a.md': cleanIssue({ body }) });
  assert.deepEqual(places(messages), ['no-bare-url 21:13', 'no-bare-url 21:33']);
  assert.equal(
    messages[0]!.message,
    'Unexpected cross-reference written as an autolink, `<paper:2304.15004>`, which shows its readers `paper:2304.15004` (the email and the pages) or the address it leads to (the plaintext), expected a link with words, such as `[the paper](paper:2304.15004)`',
  );
  assert.match(messages[1]!.message, /, `<issue:1>`, .* such as `\[issue 1\]\(issue:1\)`$/);
});

test('no-bare-url: a bare `www.` address is quoted as written, and the link offered for it is https, not the http GFM links it with', async () => {
  const messages = await lintWith([rule], { 'a.md': cleanIssue({ body: 'Code at www.example.org/code, data at http://example.org/d.' }) });
  assert.deepEqual(
    messages.map((m) => m.message),
    [
      'Unexpected bare URL `www.example.org/code`, expected a link with words, such as `[the paper](https://www.example.org/code)`',
      'Unexpected bare URL `http://example.org/d`, expected a link with words, such as `[the paper](http://example.org/d)`',
    ],
  );
});
