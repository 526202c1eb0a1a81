import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIssue } from '../../src/issue/parse.js';
import { decodeIssueSource } from '../../src/issue/source.js';
import { spawnCli } from '../helpers/cli.js';
import { cleanIssue, makeRoot } from '../helpers/fixture.js';

const parse = (text: string) => parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(text)));

test('parse: a text field YAML reads as a number, boolean or null is in the model as written (published so), and frontmatter-schema still reports it', () => {
  const text = cleanIssue({ title: '1984', papers: `  - title: 2001
    url: https://arxiv.org/abs/2304.15004
    authors: [Rylan Schaeffer, 1e3]
    venue: 42
    section: 010
    tags: [emergence, true]
    summarizer: true
    via: null
    summary: |
      Smooth metrics show smooth scaling.
    opinion: |
      Convincing.
` });
  const parsed = parse(text);
  const issue = parsed.issue!;
  assert.equal(issue.title, '1984');
  const [paper] = issue.papers;
  assert.deepEqual(
    { title: paper!.title, authors: paper!.authors, venue: paper!.venue, section: paper!.section, tags: paper!.tags, summarizer: paper!.summarizer, via: paper!.via },
    { title: '2001', authors: ['Rylan Schaeffer', '1e3'], venue: '42', section: ['010'], tags: ['emergence', 'true'], summarizer: 'true', via: 'null' },
  );
  assert.equal(parsed.problems.filter((problem) => problem.ruleId === 'frontmatter-schema').length, 8, parsed.problems.map((problem) => problem.message).join('\n'));
});

test('parse: a Markdown field YAML reads as a number (summary: 42, opinion: 1e3) is its written text, placed at its value in the file', () => {
  const text = cleanIssue().replace(/ {4}summary: \|\n.*\n/, '    summary: 42\n').replace(/ {4}opinion: \|\n.*\n/, '    opinion: 1e3\n');
  const parsed = parse(text);
  const [paper] = parsed.issue!.papers;
  assert.equal(paper!.summary.text, '42');
  assert.equal(paper!.opinion?.text, '1e3');
  assert.equal(paper!.opinion!.fileOffset(0), text.indexOf('1e3'));
  assert.deepEqual(parsed.problems.map((problem) => problem.message), [
    'Unexpected number `42` for paper 1\'s `summary`, expected text: quote it, as in `"42"`',
    'Unexpected number `1e3` for paper 1\'s `opinion`, expected text: quote it, as in `"1e3"`',
  ]);
});

test('parse: a line break YAML keeps in a one-line value (`title: |`, a name, a tag) is a space; a Markdown text keeps its lines', () => {
  const papers = `  - title: |
      Learning to Summarize: A Study
      With Two Lines
    url: https://example.com/a
    authors:
      - "Ada\\nLovelace"
    tags: [ "two\\n  words" ]
    venue: >-
      Neural Information
      Processing Systems
    summary: |
      First line.
      Second line.
`;
  const parsed = parse(cleanIssue({ title: '|\n  Emergence\n  mirages', papers }));
  assert.equal(parsed.issue!.title, 'Emergence mirages');
  const [paper] = parsed.issue!.papers;
  assert.equal(paper!.title, 'Learning to Summarize: A Study With Two Lines');
  assert.deepEqual(paper!.authors, ['Ada Lovelace']);
  assert.deepEqual(paper!.tags, ['two words']);
  assert.equal(paper!.venue, 'Neural Information Processing Systems');
  assert.equal(paper!.summary.text, 'First line.\nSecond line.\n');
  assert.deepEqual(parsed.problems, []);
});

test('parse: a one-line value written over lines has no space between two Chinese or Japanese characters (`大规模语言模型的⏎涌现能力`), and the title, its anchor and the venue read so in the email', () => {
  const papers = `  - title: |
      大规模语言模型的
      涌现能力
    url: https://example.com/a
    authors:
      - "王\\n小明"
    venue: |
      日本語の
      会議 and
      a Latin line
    summary: |
      S.
`;
  const source = cleanIssue({ title: '|\n  大规模语言模型的\n  涌现能力：综述', papers });
  const parsed = parse(source);
  assert.equal(parsed.issue!.title, '大规模语言模型的涌现能力：综述');
  const [paper] = parsed.issue!.papers;
  assert.equal(paper!.title, '大规模语言模型的涌现能力');
  assert.deepEqual(paper!.authors, ['王小明']);
  assert.equal(paper!.venue, '日本語の会議 and a Latin line');
  const root = makeRoot({ 'issues/0001-a.md': source });
  const text = spawnCli(['render', '1', '--format', 'text'], { cwd: root });
  assert.match(text.stdout, /^大规模语言模型的涌现能力：综述$/m);
  assert.match(text.stdout, /^1\. 大规模语言模型的涌现能力$/m);
  assert.match(text.stdout, /王小明 · 日本語の会議 and a Latin line/);
  const html = spawnCli(['render', '1', '--format', 'html'], { cwd: root });
  assert.match(html.stdout, /id="大规模语言模型的涌现能力"/);
});

test('parse: a tag written again in another case or spacing (one tag page) is listed once per paper, at its first spelling', () => {
  const papers = `  - title: Scaling
    url: https://example.com/a
    tags: ["Scaling laws", scaling laws, SCALING  LAWS, SCALING-LAWS, emergence, Emergence]
    summary: |
      S.
`;
  const parsed = parse(cleanIssue({ papers }));
  assert.deepEqual(parsed.issue!.papers[0]!.tags, ['Scaling laws', 'SCALING-LAWS', 'emergence']);
  assert.deepEqual(parsed.problems, []);
});

test('a frontmatter fence hidden behind a second byte-order mark, a zero-width space or blank lines is named, not called missing', () => {
  const issue = cleanIssue();
  const cases: [prefix: string, said: RegExp][] = [
    ['\uFEFF', /^Unexpected invisible character U\+FEFF \(a byte-order mark\) before the `---` that opens the frontmatter/],
    ['\u200B', /^Unexpected invisible character U\+200B before the `---`/],
    ['\n\n', /^Unexpected blank lines or spaces before the `---`/],
  ];
  for (const [prefix, said] of cases) {
    const parsed = parse(`\uFEFF${prefix}${issue}`);
    assert.equal(parsed.problems[0]?.ruleId, 'frontmatter-missing', JSON.stringify(prefix));
    assert.match(parsed.problems[0]!.message, said);
  }
  const none = parse('No frontmatter at all.\n');
  assert.match(none.problems[0]!.message, /^Missing frontmatter/);
});
