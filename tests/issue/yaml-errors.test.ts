import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { parseIssue } from '../../src/issue/parse.js';
import { yamlProblems } from '../../src/issue/yaml-errors.js';
import { decodeIssueSource } from '../../src/issue/source.js';
import { cleanIssue } from '../helpers/fixture.js';

const problemsOf = (text: string) => parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(text))).problems;
const at = (problem: { position: { start: { line: number; column: number } } }) => `${problem.position.start.line}:${problem.position.start.column}`;

test('an unquoted `: ` in a title is one message that says to quote it, at the value', () => {
  const problems = problemsOf(cleanIssue({ title: 'Attention: all you need' }));
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.ruleId, 'yaml-syntax');
  assert.equal(problems[0]!.message, 'Unexpected `: `, which starts a YAML key, in the unquoted text of `title`, expected the text in quotes: `title: "Attention: all you need"`');
  assert.equal(at(problems[0]!), '3:8');
});

test('text that YAML reads as syntax in any text field gets the quoting advice, once per line', () => {
  const cases: [string, string, string][] = [
    ['`grep` for papers', '`` ` ``, which YAML reserves,', '"`grep` for papers"'],
    ['@karpathy on tokenizers', '`@`, which YAML reserves,', '"@karpathy on tokenizers"'],
    ['[Draft] Steering', '`[`, which starts a YAML list,', '"[Draft] Steering"'],
    ['- a list?', '`- `, which starts a YAML list item,', '"- a list?"'],
  ];
  for (const [title, seen, quoted] of cases) {
    const problems = problemsOf(cleanIssue({ title }));
    assert.deepEqual(problems.map((p) => p.message), [`Unexpected ${seen} in the unquoted text of \`title\`, expected the text in quotes: \`title: ${quoted}\``], title);
  }
  assert.deepEqual(problemsOf(cleanIssue({ title: '"Attention" is all you need' })).map((p) => p.message), [
    'Unexpected text after the quoted `"Attention"` at the start of `title`, which YAML reads as a quoted value that ends there, expected the whole text in quotes: `title: \'"Attention" is all you need\'`',
  ]);
  assert.deepEqual(problemsOf(cleanIssue({ title: '*Not* a mirage' })).map((p) => p.message), ['Unexpected alias `*Not*`, expected an anchor `&Not*` before it, or the text in quotes: `title: "*Not* a mirage"`']);
  const paper = problemsOf(cleanIssue().replace('section: Evaluations', 'section: Evals: the hard part'));
  assert.match(paper[0]!.message, /in the unquoted text of `section`, expected the text in quotes: `section: "Evals: the hard part"`/);
});

test('a YAML error outside a text field keeps the parser\'s own words', () => {
  const problems = problemsOf(cleanIssue().replace('number: 1', 'number: [1'));
  assert.match(problems[0]!.message, /^Unexpected YAML: /);
});

test('an unclosed [ or quote is reported on its own line, at its end, not at the start of the next line', () => {
  for (const [yaml, line] of [
    ['number: 1\ntitle: T\ndate: [2024-01-31\npapers: []\n', 3],
    ['number: 1\ntitle: "abc\ndate: 2\n', 2],
  ] as const) {
    const document = parseDocument(yaml);
    const [problem] = yamlProblems(document, yaml);
    assert.ok(problem, yaml);
    const lineOf = yaml.slice(0, problem.range[0]).split('\n').length;
    assert.equal(lineOf, line, `${problem.message} at line ${lineOf}`);
  }
});

test('after a broken structure (a bad indent) the errors it causes below are not reported: no advice to quote a block’s `|`', () => {
  const text = cleanIssue().replace('    section: Evaluations', '    section: Evaluations\n   badindent: [x');
  const problems = problemsOf(text);
  assert.deepEqual(
    problems.map((problem) => `${at(problem)} ${problem.message}`),
    ["14:4 Unexpected indentation of 3 spaces before `badindent`, expected 4, like the paper's other keys"],
  );
  // Text read as syntax above the broken line is still reported, each on its line.
  const both = problemsOf(cleanIssue({ title: 'Attention: all you need' }).replace('    section: Evaluations', '    section: Evaluations\n   badindent: [x'));
  assert.deepEqual(both.map((problem) => at(problem)), ['3:8', '14:4']);
});

test('a plain summary over several lines that YAML cannot read is suggested as a block with all its lines (a footnote definition below kept), and marked whole', () => {
  const text = cleanIssue().replace(
    /^ {4}summary: \|\n.*\n/m,
    '    summary: Scaling: smooth metrics give smooth curves[^1]\n      and sharp metrics sharp jumps.\n\n      [^1]: Schaeffer et al., 2023.\n',
  );
  const problems = problemsOf(text);
  assert.deepEqual(
    problems.map((problem) => `${at(problem)}-${problem.position.end.line}:${problem.position.end.column} ${problem.message}`),
    ["15:14-18:36 Unexpected `: `, which starts a YAML key, in the unquoted text of `summary`, expected the text as a block: `summary: |`, and all 4 of its lines below it, indented alike (the first moved down from the key's line)"],
  );
});

test('a plain title over two lines that YAML cannot read is suggested in quotes with both lines, as YAML folds them; a `: ` on the second line is seen too', () => {
  const problems = problemsOf(cleanIssue({ title: 'Emergence mirages\n  and more: a review' }));
  assert.deepEqual(problems.map((problem) => problem.message), [
    'Unexpected `: `, which starts a YAML key, in the unquoted text of `title`, expected the text in quotes on one line: `title: "Emergence mirages and more: a review"`',
  ]);
});

test('text put in quotes that its own quote mark ends early is suggested quoted anew, without the outer quotes the writer meant for YAML', () => {
  const cases: [string, string, string][] = [
    ["'Editor's pick of the week'", "`'` within the quoted text of `title`, which YAML reads as its closing quote (`'Editor'`)", 'title: "Editor\'s pick of the week"'],
    ['"Text with a "quoted" word.', '`"` within the quoted text of `title`, which YAML reads as its closing quote (`"Text with a "`)', 'title: \'Text with a "quoted" word.\''],
    ['"Text with a "quoted" word."', '`"` within the quoted text of `title`, which YAML reads as its closing quote (`"Text with a "`)', 'title: \'Text with a "quoted" word.\''],
    ['"He said \\"hi\\" and "bye""', '`"` within the quoted text of `title`, which YAML reads as its closing quote (`"He said \\"hi\\" and "`)', 'title: \'He said "hi" and "bye"\''],
  ];
  for (const [title, seen, line] of cases) {
    const problems = problemsOf(cleanIssue({ title }));
    const quote = title[0];
    assert.deepEqual(problems.map((p) => `${at(p)} ${p.message}`), [`3:8 Unexpected ${seen}, expected the text in quotes that its \`${quote}\` does not close: \`${line}\``], title);
    // The suggestion is the text the writer meant, read back whole.
    const fixed = parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(cleanIssue().replace(/^title: .*$/m, line))));
    assert.deepEqual(fixed.problems, [], line);
    assert.doesNotMatch(fixed.issue!.title, /^["']/, line);
  }
  // A text that starts with a quoted word keeps its quote marks: the whole value is put in quotes.
  for (const title of ['"Attention" is all you need', '"a" and "b"', "'Attention' is all you need"]) {
    assert.match(problemsOf(cleanIssue({ title }))[0]!.message, /expected the whole text in quotes: `title: (["']).*\1`$/, title);
  }
});

test('a quote mark between two letters, a comment after the closing quote and an escape the writer wrote are kept apart from YAML\'s quotes in the suggestion', () => {
  const cases: [string, string, string][] = [
    ['"Editor"s pick"', '"Editor"', 'title: \'Editor"s pick\''],
    ["'Editor's pick' # kept for now", "'Editor'", 'title: "Editor\'s pick" # kept for now'],
    ['"Line\\nBreak "x" y"', '"Line\\nBreak "', 'title: "Line\\nBreak \\"x\\" y"'],
  ];
  for (const [title, read, line] of cases) {
    const problems = problemsOf(cleanIssue({ title }));
    assert.equal(problems.length, 1, title);
    assert.ok(problems[0]!.message.includes(`which YAML reads as its closing quote (\`${read}\`)`), problems[0]!.message);
    assert.ok(problems[0]!.message.endsWith(`does not close: \`${line}\``), problems[0]!.message);
    // The suggestion reads back as the text between the quotes the writer meant for YAML, escapes read, the comment a comment.
    const fixed = parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(cleanIssue().replace(/^title: .*$/m, line))));
    assert.deepEqual(fixed.problems, [], line);
    assert.doesNotMatch(fixed.issue!.title, /^["']|#/, line);
  }
});

test('a quoted paper summary over several lines that its own quote ends is suggested as a block without its quotes', () => {
  const text = cleanIssue().replace(/^ {4}summary: \|\n.*\n/m, '    summary: "Text with a "quoted" word\n      and more."\n');
  assert.deepEqual(problemsOf(text).map((p) => p.message), [
    "Unexpected `\"` within the quoted text of `summary`, which YAML reads as its closing quote (`\"Text with a \"`), expected the text as a block: `summary: |`, and all 2 of its lines below it, indented alike (the first moved down from the key's line), without the `\"` around it",
  ]);
});

test('yaml: a flow list or mapping over several lines whose item its own quote ends early is suggested whole, on one line, and the suggestion read in place of its lines clears the error', () => {
  const authors = 'authors: [Rylan Schaeffer, Brando Miranda, Sanmi Koyejo]';
  const cases: [written: string, place: string, suggested: string, kind: string][] = [
    ['authors: ["Nelson "Nick" Elhage",\n              "Chris Olah"]', '11:15', `authors: ['Nelson "Nick" Elhage', "Chris Olah"]`, 'list'],
    ['authors: ["Chris Olah",\n              "Nelson "Nick" Elhage"]', '12:15', `authors: ["Chris Olah", 'Nelson "Nick" Elhage']`, 'list'],
    ['authors: [\n      "Nelson "Nick" Elhage", # the nickname\n      "Chris Olah",\n    ] # all of them', '12:7', `authors: ['Nelson "Nick" Elhage', "Chris Olah",] # all of them`, 'list'],
    ["authors: ['it's',\n      Brando Miranda]", '11:15', 'authors: ["it\'s", Brando Miranda]', 'list'],
  ];
  for (const [written, place, suggested, kind] of cases) {
    const text = cleanIssue().replace(authors, written);
    const problems = problemsOf(text);
    assert.equal(problems.length, 1, written);
    assert.equal(at(problems[0]!), place, written);
    assert.ok(problems[0]!.message.endsWith(`does not close, the ${kind} on one line: \`${suggested}\``), problems[0]!.message);
    const fixed = parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(text.replace(written, suggested))));
    assert.deepEqual(fixed.problems, [], suggested);
    assert.ok(fixed.issue!.papers[0]!.authors.some((author) => ['Nelson "Nick" Elhage', "it's"].includes(author)), suggested);
  }
  const mapping = cleanIssue().replace('  - title: Are Emergent', '  - {title: "The "best" one",\n     url: "https://example.org/b"}\n  - title: Are Emergent');
  const message = problemsOf(mapping)[0]!.message;
  assert.ok(message.endsWith(`, the mapping on one line: \`- {title: 'The "best" one', url: "https://example.org/b"}\``), message);
  // A list too long to quote whole in a message is told by the item, what to write in its place.
  const many = Array.from({ length: 60 }, (_, i) => `"Author Number ${i} With A Long Name"`).join(',\n      ');
  const long = problemsOf(cleanIssue().replace(authors, `authors: ["Nelson "Nick" Elhage",\n      ${many}]`))[0]!.message;
  assert.ok(long.endsWith(`does not close, in place of \`"Nelson "Nick" Elhage"\`: \`'Nelson "Nick" Elhage'\``), long);
  // On one line the list is its line, as before.
  assert.ok(problemsOf(cleanIssue().replace(authors, 'authors: ["Nelson "Nick" Elhage", "Chris Olah"]'))[0]!.message.endsWith(`does not close: \`authors: ['Nelson "Nick" Elhage', "Chris Olah"]\``));
});

test('a quoted list item that its own quote mark ends early is said as a quoted value is, with the item quoted anew, in a block list or a flow one', () => {
  const authors = 'authors: [Rylan Schaeffer, Brando Miranda, Sanmi Koyejo]';
  const cases: [string, string, string, string][] = [
    ['authors:\n      - "Nelson "Nick" Elhage"\n      - Brando Miranda', '12:9', '`"` within the quoted text of an item of `authors`, which YAML reads as its closing quote (`"Nelson "`), expected the text in quotes that its `"` does not close', `- 'Nelson "Nick" Elhage'`],
    ["authors:\n      - 'it's' # a nickname\n      - Brando Miranda", '12:9', "`'` within the quoted text of an item of `authors`, which YAML reads as its closing quote (`'it'`), expected the text in quotes that its `'` does not close", '- "it\'s" # a nickname'],
    ['authors:\n      - "Nick" Elhage', '12:9', 'text after the quoted `"Nick"` at the start of an item of `authors`, which YAML reads as a quoted value that ends there, expected the whole text in quotes', `- '"Nick" Elhage'`],
    ['authors: [Rylan Schaeffer, "the "best, really" one"]', '11:32', '`"` within the quoted text of an item of `authors`, which YAML reads as its closing quote (`"the "`), expected the text in quotes that its `"` does not close', `authors: [Rylan Schaeffer, 'the "best, really" one']`],
    ["authors: ['it's', Brando Miranda]", '11:15', "`'` within the quoted text of an item of `authors`, which YAML reads as its closing quote (`'it'`), expected the text in quotes that its `'` does not close", 'authors: ["it\'s", Brando Miranda]'],
  ];
  for (const [written, place, seen, line] of cases) {
    const text = cleanIssue().replace(authors, written);
    assert.deepEqual(problemsOf(text).map((p) => `${at(p)} ${p.message}`), [`${place} Unexpected ${seen}: \`${line}\``], written);
    // The line suggested reads back, the item as the text meant.
    const writtenLine = written.split('\n').find((part) => part.trim().startsWith(line.slice(0, 2)) && /["']/.test(part))!;
    const fixed = parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(text.replace(writtenLine.trim(), line))));
    assert.deepEqual(fixed.problems, [], line);
    assert.ok(fixed.issue!.papers[0]!.authors.some((author) => ['Nelson "Nick" Elhage', "it's", '"Nick" Elhage', 'the "best, really" one'].includes(author)), line);
  }
  // The tags of a flow list, and the value of a flow mapping: that of its key.
  assert.deepEqual(problemsOf(cleanIssue().replace('tags: [emergence, scaling]', 'tags: ["safety", "the "best" one"]')).map((p) => `${at(p)} ${p.message}`), [
    '14:22 Unexpected `"` within the quoted text of an item of `tags`, which YAML reads as its closing quote (`"the "`), expected the text in quotes that its `"` does not close: `tags: ["safety", \'the "best" one\']`',
  ]);
  const mapping = cleanIssue().replace('  - title: Are Emergent', '  - {title: "The "best" one", url: "https://example.org/b"}\n  - title: Are Emergent');
  assert.match(problemsOf(mapping)[0]!.message, /^Unexpected `"` within the quoted text of `title`, .*: `- \{title: 'The "best" one', url: "https:\/\/example.org\/b"\}`$/);
});
