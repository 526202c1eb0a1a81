import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { applyFixes } from '../../../src/lint/fix.js';
import rule from '../../../src/lint/rules/no-trailing-spaces.js';
import { cleanIssue, cleanIssueWithMarkdown, lintWith, places } from '../../helpers/fixture.js';
import { renderAll, rootWith } from '../../helpers/render.js';

test('no-trailing-spaces: a clean issue has no message', async () => {
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue() }), []);
});

test('no-trailing-spaces: spaces and tabs at line ends are reported where they start, and fixed', async () => {
  const text = cleanIssue().replace('title: Emergence mirages\n', 'title: Emergence mirages \t\n').replace('Welcome to the first issue.', 'Welcome to the first issue.\t');
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['no-trailing-spaces 3:25', 'no-trailing-spaces 21:28']);
  assert.equal(messages[0]!.message, 'Unexpected trailing whitespace, expected none');
  assert.equal(applyFixes(text, messages).text, cleanIssue());
});

test('no-trailing-spaces: --fix keeps a hard line break of the body, written as a backslash', async () => {
  const text = cleanIssue({ body: 'First line  \nsecond line' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['no-trailing-spaces 21:11']);
  assert.equal(messages[0]!.message, 'Unexpected trailing spaces for a hard line break, expected a backslash at the end of the line');
  assert.equal(applyFixes(text, messages).text, cleanIssue({ body: 'First line\\\nsecond line' }));
});

test('no-trailing-spaces: --fix keeps a hard line break inside a summary block, written as a backslash', async () => {
  const text = cleanIssueWithMarkdown({ summary: 'Smooth metrics:   \nsmooth scaling.' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['no-trailing-spaces 16:22']);
  assert.equal(applyFixes(text, messages).text, cleanIssueWithMarkdown({ summary: 'Smooth metrics:\\\nsmooth scaling.' }));
});

test('no-trailing-spaces: spaces at the end of a paragraph are no break, and --fix removes them', async () => {
  const text = cleanIssue({ body: 'One paragraph.  \n\nAnother.  ' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['no-trailing-spaces 21:15', 'no-trailing-spaces 23:9']);
  assert.equal(applyFixes(text, messages).text, cleanIssue({ body: 'One paragraph.\n\nAnother.' }));
});

test('no-trailing-spaces: with unreadable frontmatter, trailing whitespace is reported without a fix (nothing proves what it means)', async () => {
  const text = cleanIssue({ body: 'First line  \nsecond line' }).replace('number: 1', 'number: [1');
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['no-trailing-spaces 21:11']);
  assert.equal(messages[0]!.fix, undefined);
  assert.match(messages[0]!.message, /once the frontmatter can be read \(a Markdown hard break is written as `\\`/);
});

test('no-trailing-spaces: a whitespace-only line is emptied', async () => {
  const text = cleanIssue({ body: 'One.\n   \nTwo.' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['no-trailing-spaces 22:1']);
  assert.equal(applyFixes(text, messages).text, cleanIssue({ body: 'One.\n\nTwo.' }));
});

test('no-trailing-spaces: --fix escapes a backslash that the removed spaces kept literal, so it stays a backslash', async () => {
  const text = cleanIssueWithMarkdown({ summary: 'The set difference A \\ \nB is empty.' }, { body: 'A folder C:\\  \nnext line\n\nC:\\\\  \nnext' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['no-trailing-spaces 16:29', 'no-trailing-spaces 22:13', 'no-trailing-spaces 25:5']);
  assert.equal(
    applyFixes(text, messages).text,
    cleanIssueWithMarkdown({ summary: 'The set difference A \\\\\nB is empty.' }, { body: 'A folder C:\\\\\\\nnext line\n\nC:\\\\\\\nnext' }),
  );
});

test('no-trailing-spaces: whitespace that is part of the rendered text (code, a quoted YAML value\'s escaped space) is reported without a fix', async () => {
  const text = cleanIssue({ body: '```\nx = 1  \n```\n\nSee `a  \nb` here.' }).replace('title: Emergence mirages', 'title: "Emergence\\ \n  mirages"');
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['no-trailing-spaces 3:19', 'no-trailing-spaces 23:6', 'no-trailing-spaces 26:7']);
  assert.deepEqual(messages.map((m) => m.fix), [undefined, undefined, undefined]);
  assert.match(messages[0]!.message, /may change the rendered text here/);
});

test('no-trailing-spaces: spaces after inline code or math that ends a line are a hard break, fixed as a backslash like any other', async () => {
  const text = cleanIssue({ body: 'A `x`  \nnext.\n\nB $x$  \nnext.' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['no-trailing-spaces 21:6', 'no-trailing-spaces 24:6']);
  assert.deepEqual(
    messages.map((m) => m.message),
    Array(2).fill('Unexpected trailing spaces for a hard line break, expected a backslash at the end of the line'),
  );
  assert.equal(applyFixes(text, messages).text, cleanIssue({ body: 'A `x`\\\nnext.\n\nB $x$\\\nnext.' }));
});

/** One generated line: Markdown and YAML punctuation that can give trailing whitespace a meaning. */
const lineArbitrary = fc
  .tuple(fc.array(fc.constantFrom('a', 'b c', '\\', '\\\\', '`', '```', '$', '$$', '*', '- ', '> ', '# ', '|', '"', "'", ': ', '[x](/u "t', '<b>', '    ', '~~~', '1. ', '---'), { maxLength: 6 }), fc.constantFrom(' ', '  ', '\t', ' \t ', '   '))
  .map(([tokens, trailing]) => tokens.join('') + trailing);

/** Where generated lines go: the body, a summary as a literal or folded block, or a double-quoted summary. */
const placements: Record<string, (lines: string[]) => string> = {
  body: (lines) => cleanIssue({ body: lines.join('\n') }),
  'summary: |': (lines) => cleanIssueWithMarkdown({ summary: lines.join('\n') }),
  'summary: >': (lines) => cleanIssueWithMarkdown({ summary: lines.join('\n') }).replace('summary: |', 'summary: >'),
  'summary: "…"': (lines) => cleanIssue().replace(/summary: \|\n.*\n/, () => `summary: "${lines.join('\n      ')}"\n`),
};

for (const [where, place] of Object.entries(placements)) {
  test(`no-trailing-spaces: --fix never changes the rendered emails (generated lines in ${where})`, { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(lineArbitrary, { minLength: 1, maxLength: 5 }), async (lines) => {
        const text = place(lines);
        const fixed = applyFixes(text, await lintWith([rule], { '0001-a.md': text })).text;
        const { root } = await rootWith({ '0001-a.md': text });
        const before = await renderedOrFailure(root);
        writeFileSync(join(root, 'issues', '0001-a.md'), fixed);
        assert.deepEqual(await renderedOrFailure(root), before);
      }),
      { numRuns: 60 },
    );
  });
}

/** The HTML and plaintext emails of a root's issue 1, or why it cannot be rendered. */
async function renderedOrFailure(root: string): Promise<{ html: string; text: string } | string> {
  try {
    const { html, text } = await renderAll(root, '1');
    return { html, text };
  } catch (error) {
    return String(error);
  }
}

test('no-trailing-spaces: a long `>` block whose every line ends in a space that folding keeps is reported without fixes, in a bounded time', { timeout: 60_000 }, async () => {
  const summary = Array.from({ length: 2000 }, (_, i) => `word number ${i} `).join('\n');
  const text = cleanIssueWithMarkdown({ summary }).replace('summary: |', 'summary: >');
  const started = performance.now();
  const messages = await lintWith([rule], { 'a.md': text });
  assert.equal(messages.length, 2000);
  assert.deepEqual(messages.filter((m) => m.fix), []);
  assert.ok(performance.now() - started < 30_000, `${Math.round(performance.now() - started)} ms`);
});
