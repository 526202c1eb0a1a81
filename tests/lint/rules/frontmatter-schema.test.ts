import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/frontmatter-schema.js';
import { parseIssue } from '../../../src/issue/parse.js';
import { decodeIssueSource } from '../../../src/issue/source.js';
import { cleanIssue, lintWith, places } from '../../helpers/fixture.js';

test('frontmatter-schema: a clean issue has no message', async () => {
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue() }), []);
});

test('frontmatter-schema: a required key written misspelt (`sumary:`, `titel:`) is reported once, at the key with a did-you-mean, not also as the key missing', async () => {
  const text = cleanIssue().replace('    summary: |', '    sumary: |');
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['frontmatter-schema 15:5']);
  assert.equal(messages[0]!.message, 'Unexpected key `sumary`, expected `summary`');
  const title = await lintWith([rule], { 'a.md': cleanIssue().replace('title:', 'titel:') });
  assert.deepEqual(title.map((message) => message.message), ['Unexpected key `titel`, expected `title`']);
  // An unknown key that is no near miss of the missing one leaves both to say.
  const apart = await lintWith([rule], { 'a.md': cleanIssue().replace('    summary: |', '    notes: x\n    review: |') });
  assert.deepEqual(apart.map((message) => message.message.split(',')[0]).sort(), ['Missing key `summary`', 'Unexpected key `review`']);
});

test('frontmatter-schema: a key that is not text (a number, null, a list) is reported at the key, as the schema names it', async () => {
  const text = cleanIssue().replace('title:', '2: x\n~: y\n? [a]\n: z\ntitle:');
  const messages = await lintWith([rule], { 'a.md': text });
  const lines = text.split('\n');
  const at = (prefix: string) => `frontmatter-schema ${lines.findIndex((line) => line.startsWith(prefix)) + 1}:${prefix === '? [a]' ? 3 : 1}`;
  assert.deepEqual(places(messages.filter((message) => message.message.startsWith('Unexpected key'))).sort(), [at('2: x'), at('~: y'), at('? [a]')].sort());
  assert.deepEqual(messages.filter((message) => message.message.startsWith('Unexpected key')).map((message) => message.message.split(',')[0]).sort(), ['Unexpected key `2`', 'Unexpected key `[ a ]`', 'Unexpected key `~`']);
});

test('frontmatter-schema: a missing required key is named', async () => {
  const text = cleanIssue().replace('title: Emergence mirages\n', '');
  const messages = await lintWith([rule], { 'a.md': text });
  assert.equal(messages.length, 1);
  assert.match(messages[0]!.message, /Missing key `title`/);
});

test('frontmatter-schema: a missing url, date, number or summary says what to write there, not only "text"', async () => {
  const cases: [string, RegExp][] = [
    ['    url: https://arxiv.org/abs/2304.15004\n', /^Missing key `url`, expected the paper's absolute http\(s\) URL, such as `url: https:\/\/arxiv\.org\/abs\/2304\.15004`$/],
    ['date: 2023-05-29\n', /^Missing key `date`, expected the publication date as YYYY-MM-DD, such as `date: 2023-05-29`$/],
    ['number: 1\n', /^Missing key `number`, expected the issue's number, such as `number: 42`$/],
  ];
  for (const [line, expected] of cases) {
    const messages = await lintWith([rule], { 'a.md': cleanIssue().replace(line, '') });
    assert.equal(messages.length, 1, line);
    assert.match(messages[0]!.message, expected);
  }
  const withoutSummary = cleanIssue().replace(/ {4}summary: \|\n {6}.*\n/, '');
  const [message] = await lintWith([rule], { 'a.md': withoutSummary });
  assert.equal(message!.message, "Missing key `summary`, expected the paper's summary in Markdown, a block under `summary: |`");
});

test('frontmatter-schema: an issue number below 1 names 1 as the smallest allowed, not 0', async () => {
  for (const number of [0, -3]) {
    const messages = await lintWith([rule], { 'a.md': cleanIssue({ number }) });
    assert.deepEqual(messages.map((m) => `${m.line}:${m.column} ${m.message}`), [`2:9 Unexpected \`number\` value \`${number}\`, expected at least 1`], String(number));
  }
});

test('frontmatter-schema: an unquoted arXiv id is a number, with a hint to quote it', async () => {
  const text = cleanIssue().replace('arxiv: "2304.15004"', 'arxiv: 2304.15004');
  const [message] = await lintWith([rule], { 'a.md': text });
  assert.equal(`${message!.line}:${message!.column}`, '10:12');
  assert.match(message!.message, /quote it/);
});

test('frontmatter-schema: a number, boolean or null where text is expected is shown as written, with how to quote it', async () => {
  const cases: [string, string][] = [
    ['1984', 'Unexpected number `1984` for `title`, expected text: quote it, as in `"1984"`'],
    ['1e3', 'Unexpected number `1e3` for `title`, expected text: quote it, as in `"1e3"`'],
    ['010', 'Unexpected number `010` for `title`, expected text: quote it, as in `"010"`'],
    ['true', 'Unexpected boolean `true` for `title`, expected text: quote it, as in `"true"`'],
    ['null', 'Unexpected null `null` for `title`, expected text: quote it, as in `"null"`'],
  ];
  for (const [title, expected] of cases) {
    const messages = await lintWith([rule], { 'a.md': cleanIssue({ title }) });
    assert.deepEqual(messages.map((m) => `${m.line}:${m.column} ${m.message}`), [`3:8 ${expected}`], title);
  }
});

test('frontmatter-schema: a number as a venue or an author is named with its paper, and the author by its place in the list', async () => {
  const text = cleanIssue().replace('year: 2023', 'year: 2023\n    venue: 2023').replace('authors: [Rylan Schaeffer, Brando Miranda, Sanmi Koyejo]', 'authors: [Rylan Schaeffer, 1984]');
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(messages.map((m) => m.message), [
    'Unexpected number `1984` for item 2 of paper 1\'s `authors`, expected text: quote it, as in `"1984"`',
    'Unexpected number `2023` for paper 1\'s `venue`, expected text: quote it, as in `"2023"`',
  ]);
});

test('frontmatter-schema: a blank summary, opinion or notes (empty, spaces, a block of blank lines) is an error at its value', async () => {
  const blanks: [string, string][] = [
    ['    summary: |\n      Smooth metrics show smooth scaling; sharp jumps come from sharp metrics.\n', '    summary: ""\n'],
    ['    summary: |\n      Smooth metrics show smooth scaling; sharp jumps come from sharp metrics.\n', '    summary: "   "\n'],
    ['    summary: |\n      Smooth metrics show smooth scaling; sharp jumps come from sharp metrics.\n', '    summary: |\n\n\n'],
    ['    opinion: |\n      Convincing, though the natural metric is often the one we care about.\n', '    opinion: ""\n'],
    ['    opinion: |\n      Convincing, though the natural metric is often the one we care about.\n', '    opinion: ""\n    notes: " "\n'],
  ];
  for (const [written, blank] of blanks) {
    const text = cleanIssue().replace(written, blank);
    assert.notEqual(text, cleanIssue(), blank);
    const messages = await lintWith([rule], { 'a.md': text });
    const keys = [...blank.matchAll(/^ {4}(\w+):/gm)].map((match) => match[1]);
    assert.deepEqual(
      messages.map((message) => message.message),
      keys.map((key) => `Unexpected empty paper 1's \`${key}\`, expected text`),
      JSON.stringify(blank),
    );
    assert.ok(messages.every((message) => message.severity === 'error' && message.line >= 15), JSON.stringify(places(messages)));
  }
});

/** Ways of writing an issue number that YAML reads as an integer ≥ 1, with why each is not plain digits and the number YAML reads. */
const numbersNotInDigits: [written: string, form: string, read: number][] = [
  ['1e3', 'an exponent', 1000],
  ['0x10', 'a hexadecimal number', 16],
  ['0o10', 'an octal number', 8],
  ['007', 'a leading zero', 7],
  ['+5', 'a sign', 5],
  ['5.0', 'a decimal point', 5],
];

for (const [written, form, read] of numbersNotInDigits) {
  test(`frontmatter-schema: an issue number written as \`${written}\` (${form}) is an error at the number, naming what to write instead`, async () => {
    const messages = await lintWith([rule], { 'a.md': cleanIssue().replace(/^number: 1$/m, `number: ${written}`) });
    assert.deepEqual(
      messages.map((m) => `${m.line}:${m.column} ${m.severity} ${m.message}`),
      [`2:9 error Unexpected \`number\` written as \`${written}\` (${form}), expected plain digits: \`number: ${read}\``],
    );
  });
}

test('frontmatter-schema: an issue number in plain digits has no message, and one that is wrong otherwise too has the schema\'s message alone', async () => {
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue({ number: 1234 }).replace('number: 1234', 'number: 1234  # the next one') }), []);
  const cases: [string, string][] = [
    ['0x0', 'Unexpected `number` value `0x0`, expected at least 1'],
    ['-5', 'Unexpected `number` value `-5`, expected at least 1'],
    ['"5"', 'Unexpected string `5` for `number`, expected a number'],
  ];
  for (const [written, expected] of cases) {
    const messages = await lintWith([rule], { 'a.md': cleanIssue().replace(/^number: 1$/m, `number: ${written}`) });
    assert.deepEqual(messages.map((m) => m.message), [expected], written);
  }
});

test('frontmatter-schema: an issue number past the largest whole number written with an exponent (`1e21`) has the schema\'s message alone, no digits to write that are not digits', async () => {
  for (const written of ['1e21', '9.1e15']) {
    const messages = await lintWith([rule], { 'a.md': cleanIssue().replace(/^number: 1$/m, `number: ${written}`) });
    assert.equal(messages.length, 1, written);
    assert.match(messages[0]!.message, /^Unexpected `number` value `[^`]+`, expected at most 9007199254740991$/, written);
  }
});

test('frontmatter-schema: a number YAML reads as infinity or not a number (`1e400`, `.inf`, `.nan`) is said so, not "Unexpected number, expected a number"', async () => {
  const cases: [string, string][] = [
    ['number: 1e400', 'Unexpected number `1e400` for `number`, which YAML reads as infinity (`.inf`), expected a finite number'],
    ['number: -.inf', 'Unexpected number `-.inf` for `number`, which YAML reads as minus infinity (`-.inf`), expected a finite number'],
    ['number: .nan', 'Unexpected number `.nan` for `number`, which YAML reads as not a number (`.nan`), expected a finite number'],
  ];
  for (const [line, expected] of cases) {
    const messages = await lintWith([rule], { 'a.md': cleanIssue().replace(/^number: 1$/m, line) });
    assert.deepEqual(messages.map((m) => `${m.line}:${m.column} ${m.message}`), [`2:9 ${expected}`], line);
  }
});

/** cleanIssue's paper with `tags:` replaced, then a second paper whose title is a mapping. */
const withTags = (tags: string) =>
  cleanIssue()
    .replace('tags: [emergence, scaling]', `tags: ${tags}`)
    .replace('\n---\n', '\n  - title: {x: 1}\n    url: https://example.org/b\n    summary: B.\n    opinion: B.\n---\n');

test('frontmatter-schema: a tag that is a list is named by its place (item 1 of paper 1\'s `tags`), not by its index', async () => {
  const messages = await lintWith([rule], { 'a.md': withTags('[[x], scaling]') });
  assert.equal(messages[0]!.message, "Unexpected list for item 1 of paper 1's `tags`, expected text");
});

test('frontmatter-schema: a tag that is a number is named by its place as a list is (item 2 of paper 1\'s `tags`)', async () => {
  const messages = await lintWith([rule], { 'a.md': withTags('[emergence, 3]') });
  assert.equal(messages[0]!.message, 'Unexpected number `3` for item 2 of paper 1\'s `tags`, expected text: quote it, as in `"3"`');
});

test('frontmatter-schema: a paper\'s title that is not text is named with its paper (paper 2\'s `title`)', async () => {
  const messages = await lintWith([rule], { 'a.md': withTags('[emergence]') });
  assert.deepEqual(messages.map((m) => m.message), ["Unexpected mapping for paper 2's `title`, expected text"]);
});

test('frontmatter-schema: an empty tag, a reviewer that is a list and a paper that is not a mapping are named by their places', async () => {
  const text = withTags('[emergence, ""]').replace('status: sent', 'status: sent\nreviewers: [[Ada]]').replace('\n---\n', '\n  - 42\n---\n');
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(messages.map((m) => m.message), [
    'Unexpected list for item 1 of `reviewers`, expected text',
    "Unexpected empty item 2 of paper 1's `tags`, expected text",
    "Unexpected mapping for paper 2's `title`, expected text",
    'Unexpected number `42` for paper 3, expected a mapping',
  ]);
});

test('frontmatter-schema: a YAML 1.1 merge key (`<<: *base`) in a paper is named as one, saying to write the keys out', async () => {
  const text = cleanIssue().replace('papers:\n', 'base: &b\n  section: Evaluations\npapers:\n  - <<: *b\n    title: Merged\n    url: https://arxiv.org/abs/2305.00001\n    summary: A summary.\n    opinion: An opinion.\n');
  const messages = await lintWith([rule], { 'a.md': text });
  const merge = messages.find((message) => message.message.includes('`<<`'));
  assert.equal(merge?.message, 'Unexpected merge key `<<`, expected the keys written out here: YAML 1.2, which paperboy reads, has no merge keys (an alias such as `*base` stands for a whole value only)');
});

test('frontmatter-schema: a paper with more than 50 tags is reported at its tags, counted, not listed, and read without them', async () => {
  // Each tag is a page listing its papers with all their tags: 10,000 tags on one paper ran a build for ten minutes.
  const tags = (n: number) => `[${Array.from({ length: n }, (_, i) => `tag${i}`).join(', ')}]`;
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue().replace('[emergence, scaling]', tags(50)) }), []);
  const messages = await lintWith([rule], { 'a.md': cleanIssue().replace('[emergence, scaling]', tags(10_000)) });
  assert.deepEqual(places(messages), ['frontmatter-schema 14:11']);
  assert.match(messages[0]!.message, /^Unexpected 10,000 items in paper 1's `tags`, expected at most 50: keep the tags a reader would look for a paper by/);
  const parsed = parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(cleanIssue().replace('[emergence, scaling]', tags(51)))));
  assert.deepEqual(parsed.issue?.papers[0]?.tags, []);
});

test('frontmatter-schema: a paper\'s tags are counted each once, as the archive has them: 50 tags with two written again in capitals or accents are 50', async () => {
  const tags = (n: number, again: string[]) => `[${[...Array.from({ length: n }, (_, i) => `tag${i + 1}`), ...again].join(', ')}]`;
  const fifty = cleanIssue().replace('[emergence, scaling]', tags(50, ['TAG1', 'Tág2']));
  assert.deepEqual(await lintWith([rule], { 'a.md': fifty }), []);
  const parsed = parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(fifty)));
  assert.equal(parsed.issue?.papers[0]?.tags.length, 50);
  const messages = await lintWith([rule], { 'a.md': cleanIssue().replace('[emergence, scaling]', tags(51, ['TAG1'])) });
  assert.deepEqual(places(messages), ['frontmatter-schema 14:11']);
  assert.match(messages[0]!.message, /^Unexpected 51 items \(52 written: a tag written again, whatever its case, accents or spacing, counts once\) in paper 1's `tags`, expected at most 50: /);
});

test('frontmatter-schema: a key with no name is named by what was written, at its `:`: after a value on its line, alone, or written `~`', async () => {
  const lint = async (old: string, written: string) => lintWith([rule], { 'a.md': cleanIssue().replace(old, written) });
  // What `authors: [A, B #2]: x` leaves once its `#` is quoted (yaml-comment-in-text): YAML reads `: x` as a second key of the paper.
  const after = await lint('authors: [Rylan Schaeffer, Brando Miranda, Sanmi Koyejo]', 'authors: [A, "B #2"]: x');
  assert.deepEqual(
    after.map((m) => [`${m.line}:${m.column}-${m.endColumn}`, m.message]),
    [['11:25-28', 'Unexpected `: x` after `[A, "B #2"]`, the value of `authors` on its line, which YAML reads as another key, with no name, expected the value alone on its line (a key of its own goes on a line below, `key: value`)']],
  );
  const alone = await lint('status: sent', 'status: sent\n: x # a note');
  assert.deepEqual(
    alone.map((m) => [`${m.line}:${m.column}-${m.endColumn}`, m.message]),
    [['7:1-4', "Unexpected `: x` with no key before the `:`, expected one of `number`, `title`, `date`, `subject`, `preheader`, `editor`, `reviewers`, `status`, `formerly`, `papers`"]],
  );
  const tilde = await lint('status: sent', 'status: sent\n~: x');
  assert.match(tilde[0]!.message, /^Unexpected key `~`, which YAML reads as no name, expected one of `number`/);
  assert.deepEqual(places(tilde), ['frontmatter-schema 7:1']);
});
