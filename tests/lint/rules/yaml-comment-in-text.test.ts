import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIssue } from '../../../src/issue/parse.js';
import { decodeIssueSource } from '../../../src/issue/source.js';
import { applyFixes } from '../../../src/lint/fix.js';
import rule from '../../../src/lint/rules/yaml-comment-in-text.js';
import yamlSyntax from '../../../src/lint/rules/yaml-syntax.js';
import { cleanIssue, lintWith, places } from '../../helpers/fixture.js';

const modelOf = (text: string) => parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(text))).issue!;

test('yaml-comment-in-text: a clean issue has no message', async () => {
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue() }), []);
});

test('yaml-comment-in-text: `ranked #1` in a title is reported at the `#`, and --fix quotes the whole title', async () => {
  const text = cleanIssue({ title: 'Paper ranked #1 on the leaderboard' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['yaml-comment-in-text 3:21']);
  assert.equal(messages[0]!.message, 'Unexpected comment `#1 on the leaderboard` cutting the unquoted text of `title`, expected the text in quotes: `"Paper ranked #1 on the leaderboard"`');
  const fixed = applyFixes(text, messages).text;
  assert.equal(fixed, cleanIssue({ title: '"Paper ranked #1 on the leaderboard"' }));
  assert.equal(modelOf(fixed).title, 'Paper ranked #1 on the leaderboard');
});

test('yaml-comment-in-text: a value that starts with `#` (read as empty) is quoted by --fix', async () => {
  const text = cleanIssue().replace('status:', 'subject: #42: Steering vectors\nstatus:');
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['yaml-comment-in-text 6:10']);
  assert.equal(modelOf(applyFixes(text, messages).text).subject, '#42: Steering vectors');
});

test('yaml-comment-in-text: every text field is checked, list items and paper fields included', async () => {
  const text = cleanIssue()
    .replace('preheader: Smooth', 'preheader: Smooth #metrics')
    .replace('authors: [Rylan Schaeffer, Brando Miranda, Sanmi Koyejo]', 'authors:\n      - Rylan Schaeffer #1\n      - Brando Miranda')
    .replace('section: Evaluations', 'section: Evaluations #NLP')
    .replace('    summary: |', '    via: A. Reader #thanks\n    summary: |');
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['yaml-comment-in-text 5:19', 'yaml-comment-in-text 12:25', 'yaml-comment-in-text 15:26', 'yaml-comment-in-text 17:20']);
  const fixed = modelOf(applyFixes(text, messages).text);
  assert.deepEqual(fixed.papers[0]!.authors, ['Rylan Schaeffer #1', 'Brando Miranda']);
  assert.deepEqual([fixed.papers[0]!.section, fixed.papers[0]!.via], [['Evaluations #NLP'], 'A. Reader #thanks']);
});

test('yaml-comment-in-text: quotes and backslashes in the text survive the fix', async () => {
  const text = cleanIssue({ title: 'The "mirage" of C:\\ #1' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.equal(modelOf(applyFixes(text, messages).text).title, 'The "mirage" of C:\\ #1');
});

test('yaml-comment-in-text: comments on their own line or after non-text keys stay legal', async () => {
  const text = cleanIssue({ status: 'draft  # not yet' })
    .replace('number: 1', 'number: 1 #first')
    .replace('preheader:', '# a comment line #1\npreheader:')
    .replace('year: 2023', 'year: 2023 #2023');
  assert.deepEqual(await lintWith([rule], { 'a.md': text }), []);
});

test('yaml-comment-in-text: a comment written as one after text is a warning without a fix, since `ranked # 1` is cut all the same', async () => {
  const text = cleanIssue({ title: 'Paper ranked # 1 overall' }).replace('section: Evaluations', 'section: Evaluations  # from the config');
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(
    messages.map((m) => [m.severity, m.message, m.fix]),
    [
      ['warning', 'Unexpected comment `# 1 overall` after the unquoted text of `title`, expected the comment on a line of its own (or the text in quotes, if the `#` is part of it)', undefined],
      ['warning', 'Unexpected comment `# from the config` after the unquoted text of `section`, expected the comment on a line of its own (or the text in quotes, if the `#` is part of it)', undefined],
    ],
  );
  assert.equal(modelOf(text).title, 'Paper ranked');
});

test('yaml-comment-in-text: a plain text over two lines cut on its last line is quoted whole by --fix, its lines kept', async () => {
  const text = cleanIssue({ title: 'Emergence\n  mirages #1' });
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['yaml-comment-in-text 4:11']);
  assert.equal(messages[0]!.message, 'Unexpected comment `#1` cutting the unquoted text of `title`, expected the text in quotes: `"Emergence mirages #1"`');
  const fixed = applyFixes(text, messages).text;
  assert.equal(fixed, cleanIssue({ title: '"Emergence\n  mirages #1"' }));
  assert.equal(modelOf(fixed).title, 'Emergence mirages #1');
});

test('yaml-comment-in-text: a `#` word cutting the first line of a value over several lines is fixed by quoting every line, which YAML then reads as one text', async () => {
  const text = cleanIssue().replace('    summary: |\n      Smooth metrics show smooth scaling; sharp jumps come from sharp metrics.\n', '    summary: Plain summary with #hashtag and more\n      continued line.\n');
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(places(messages), ['yaml-comment-in-text 15:33']);
  const fixed = applyFixes(text, messages).text;
  assert.match(fixed, /summary: "Plain summary with #hashtag and more\n {6}continued line\."\n/);
  assert.deepEqual(await lintWith([rule, yamlSyntax], { 'a.md': fixed }), []);
  assert.equal(modelOf(fixed).papers[0]!.summary.text, 'Plain summary with #hashtag and more continued line.');
});

test('yaml-comment-in-text: a line indented as the text it continues but starting with a `#` word is the text cut, reported at its `#` and quoted with the text by --fix', async () => {
  const text = cleanIssue({ title: 'Why we should stop ranking models on\n  #1 leaderboards' })
    .replace('    summary: |\n      Smooth metrics show smooth scaling; sharp jumps come from sharp metrics.\n', '    summary: Models that top the leaderboard are not always\n      #1 on held-out data, and the gap "grows".\n\n      #2 with scale.\n')
    .replace('    section: Evaluations', '    section:\n      #NLP\n      #2')
    .replace('authors: [Rylan Schaeffer, Brando Miranda, Sanmi Koyejo]', 'authors:\n      - Rylan Schaeffer\n        #1 author\n      - Brando Miranda');
  assert.equal(modelOf(text).title, 'Why we should stop ranking models on');
  const messages = await lintWith([rule], { 'a.md': text });
  assert.deepEqual(
    messages.map((m) => `${m.line}:${m.column} ${m.severity} ${m.message}`),
    [
      '4:3 error Unexpected comment `#1 leaderboards` on a line of its own, indented as text, cutting the unquoted text of `title`, expected the text in quotes: `"Why we should stop ranking models on #1 leaderboards"`',
      '14:9 error Unexpected comment `#1 author` on a line of its own, indented as text, cutting the unquoted text of `authors`, expected the text in quotes: `"Rylan Schaeffer #1 author"`',
      '18:7 error Unexpected comment `#NLP` on a line of its own, indented as text, cutting the unquoted text of `section`, expected the text in quotes: `"#NLP #2"`',
      '22:7 error Unexpected comment `#1 on held-out data, and the gap "grows".` on a line of its own, indented as text, cutting the unquoted text of `summary`, expected the text in quotes',
    ],
  );
  const fixed = modelOf(applyFixes(text, messages).text);
  assert.equal(fixed.title, 'Why we should stop ranking models on #1 leaderboards');
  assert.deepEqual(fixed.papers[0]!.authors, ['Rylan Schaeffer #1 author', 'Brando Miranda']);
  assert.deepEqual(fixed.papers[0]!.section, ['#NLP #2']);
  assert.equal(fixed.papers[0]!.summary.text, 'Models that top the leaderboard are not always #1 on held-out data, and the gap "grows".\n#2 with scale.');
});

test('yaml-comment-in-text: a comment line at the key\'s indentation or shallower, written as one (`# note`), or after quoted or block text stays the writer\'s', async () => {
  const text = cleanIssue({ title: 'Emergence mirages\n# ranked #1 on its own line\n#1 a note at the key', status: 'draft\n  #1 after a non-text key' })
    .replace('preheader: Smooth metrics hide sudden jumps, and other news from the field', 'preheader: Smooth metrics hide sudden jumps\n  # and other news, a note\n  #2 after it')
    .replace('    section: Evaluations', '    section: Evaluations\n    #NLP at the key\n  #2 shallower')
    .replace('    year: 2023', '    venue: "NeurIPS"\n      #1 after quotes\n    year: 2023')
    .replace('      Smooth metrics show smooth scaling; sharp jumps come from sharp metrics.\n', '      Smooth metrics show smooth scaling; sharp jumps come from sharp metrics.\n    #1 after a block\n');
  const model = modelOf(text);
  assert.equal(model.title, 'Emergence mirages');
  assert.equal(model.preheader, 'Smooth metrics hide sudden jumps');
  assert.deepEqual(await lintWith([rule], { 'a.md': text }), []);
});

test('yaml-comment-in-text: a `#` in a flow list is reported at its place, and --fix quotes only the item it stands in, never the items and `]` after it', async () => {
  const authors = cleanIssue().replace('[Rylan Schaeffer, Brando Miranda, Sanmi Koyejo]', '[Team #2, Brando Miranda, Sanmi Koyejo]');
  const tags = cleanIssue().replace('tags: [emergence, scaling]', 'tags: [emergence, #NLP, scaling # 2]');
  const messages = [...(await lintWith([rule], { 'a.md': authors })), ...(await lintWith([rule], { 'a.md': tags }))];
  assert.deepEqual(
    messages.map((m) => `${m.line}:${m.column} ${m.severity} ${m.message}`),
    [
      '11:20 error Unexpected comment `#2` cutting the unquoted item `Team #2` of `authors`, expected the item in quotes: `"Team #2"`',
      '14:23 error Unexpected comment `#NLP` cutting the unquoted item `#NLP` of `tags`, expected the item in quotes: `"#NLP"`',
      '14:37 error Unexpected comment `# 2` cutting the unquoted item `scaling # 2` of `tags`, expected the item in quotes: `"scaling # 2"`',
    ],
  );
  const fixedAuthors = applyFixes(authors, messages.slice(0, 1)).text;
  const fixedTags = applyFixes(tags, messages.slice(1)).text;
  assert.match(fixedAuthors, /authors: \["Team #2", Brando Miranda, Sanmi Koyejo\]\n/);
  assert.match(fixedTags, /tags: \[emergence, "#NLP", "scaling # 2"\]\n/);
  assert.deepEqual(modelOf(fixedAuthors).papers[0]!.authors, ['Team #2', 'Brando Miranda', 'Sanmi Koyejo']);
  assert.deepEqual(modelOf(fixedTags).papers[0]!.tags, ['emergence', '#NLP', 'scaling # 2']);
});

test('yaml-comment-in-text: the list a `#` left unclosed is its problem, at the `#`, not a yaml-syntax error on the next line; the issue is not read until it is quoted', async () => {
  const text = cleanIssue().replace('tags: [emergence, scaling]', 'tags: [emergence, #NLP]');
  const parsed = parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(text)));
  assert.deepEqual(parsed.problems.map((p) => `${p.ruleId} ${p.position.start.line}:${p.position.start.column}`), ['yaml-comment-in-text 14:23']);
  assert.equal(parsed.issue, undefined);
  const messages = await lintWith([rule, yamlSyntax], { 'a.md': text });
  assert.deepEqual(places(messages), ['yaml-comment-in-text 14:23']);
  assert.ok(messages[0]!.fix);
});

test('yaml-comment-in-text: in a flow list over several lines, a comment after a `,` is the writer\'s and one after an item is read as in a block; an item whose end cannot be told gets no fix', async () => {
  const lines = cleanIssue().replace('tags: [emergence, scaling]', 'tags: [\n      emergence,  # the main one\n      scaling #2\n    ]');
  const quoted = cleanIssue().replace('[Rylan Schaeffer, Brando Miranda, Sanmi Koyejo]', '["Rylan Schaeffer" #1, Sanmi Koyejo]');
  const messages = [...(await lintWith([rule], { 'a.md': lines })), ...(await lintWith([rule], { 'a.md': quoted }))];
  assert.deepEqual(
    messages.map((m) => `${m.line}:${m.column} ${m.message} ${m.fix ? 'fix' : 'no fix'}`),
    [
      '16:15 Unexpected comment `#2` cutting the unquoted item `scaling #2` of `tags`, expected the item in quotes: `"scaling #2"` fix',
      '11:33 Unexpected comment `#1` cutting an unquoted item of `authors`, expected the item in quotes no fix',
    ],
  );
});

test('yaml-comment-in-text: a `#` in a flow mapping (a paper written `- {title: …}`) is reported at its place in the same words as in a block, not as a yaml-syntax error at the line\'s end, and --fix quotes only the value it stands in', async () => {
  const paper = '  - {title: Ranked #1 on evals, url: "https://example.org/ranked", authors: [Team #2, Ann Lee], summary: Short., opinion: Fine.}\n';
  const text = cleanIssue({ papers: paper });
  const parsed = parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(text)));
  assert.deepEqual(parsed.problems.map((p) => `${p.ruleId} ${p.position.start.line}:${p.position.start.column}`), ['yaml-comment-in-text 8:20', 'yaml-comment-in-text 8:83']);
  const messages = await lintWith([rule, yamlSyntax], { 'a.md': text });
  assert.deepEqual(
    messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`),
    [
      'yaml-comment-in-text 8:20 Unexpected comment `#1 on evals` cutting the unquoted text of `title`, expected the text in quotes: `"Ranked #1 on evals"`',
      'yaml-comment-in-text 8:83 Unexpected comment `#2` cutting the unquoted item `Team #2` of `authors`, expected the item in quotes: `"Team #2"`',
    ],
  );
  const fixed = applyFixes(text, messages).text;
  assert.ok(fixed.includes('  - {title: "Ranked #1 on evals", url: "https://example.org/ranked", authors: ["Team #2", Ann Lee], summary: Short., opinion: Fine.}\n'), fixed);
  const model = modelOf(fixed).papers[0]!;
  assert.equal(model.title, 'Ranked #1 on evals');
  assert.deepEqual(model.authors, ['Team #2', 'Ann Lee']);
});

test('yaml-comment-in-text: a `#` that takes a flow list\'s `]` is the problem said, at its place, not what the parser reads askew after it (a key below indented one space too deep, another list read under a key made of two lines); --fix then shows the real problem', async () => {
  const authors = '[Rylan Schaeffer, Brando Miranda, Sanmi Koyejo]';
  const deeper = cleanIssue().replace(`authors: ${authors}\n    year: 2023`, 'authors: [A, B #2]\n     year: 2023');
  const parsed = parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(deeper)));
  assert.deepEqual(parsed.problems.map((p) => `${p.ruleId} ${p.position.start.line}:${p.position.start.column}`), ['yaml-comment-in-text 11:20']);
  const messages = await lintWith([rule, yamlSyntax], { 'a.md': deeper });
  assert.deepEqual(
    messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`),
    ['yaml-comment-in-text 11:20 Unexpected comment `#2` cutting the unquoted item `B #2` of `authors`, expected the item in quotes: `"B #2"`'],
  );
  const fixed = applyFixes(deeper, messages).text;
  assert.ok(fixed.includes('authors: [A, "B #2"]\n     year: 2023'), fixed);
  assert.deepEqual(places(await lintWith([rule, yamlSyntax], { 'a.md': fixed })), ['yaml-syntax 12:6'], 'the key indented too deep, said once the `#` is quoted');

  const twoLists = cleanIssue().replace(`authors: ${authors}`, 'authors: [A, B #2]').replace('tags: [emergence, scaling]', 'tags: [C#, F# #3]');
  const both = await lintWith([rule, yamlSyntax], { 'a.md': twoLists });
  assert.deepEqual(
    both.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`),
    [
      'yaml-comment-in-text 11:20 Unexpected comment `#2` cutting the unquoted item `B #2` of `authors`, expected the item in quotes: `"B #2"`',
      'yaml-comment-in-text 14:19 Unexpected comment `#3` cutting the unquoted item `F# #3` of `tags`, expected the item in quotes: `"F# #3"`',
    ],
  );
  const model = modelOf(applyFixes(twoLists, both).text).papers[0]!;
  assert.deepEqual([model.authors, model.tags], [['A', 'B #2'], ['C#', 'F# #3']]);
});

test('yaml-comment-in-text: a `#` in a list that is itself a key (`[A, B #2]: x`) names the list as written, in one message at the `#`', async () => {
  for (const [written, expected] of [
    ['[A, B #2]: x', 'Unexpected comment `#2` cutting the unquoted item `B #2` of the list `[A, B #2]: x`, expected the item in quotes: `"B #2"`'],
    ['? [A, B #2]', 'Unexpected comment `#2` cutting the unquoted item `B #2` of the list `[A, B #2]`, expected the item in quotes: `"B #2"`'],
    [': [A, #b]', 'Unexpected comment `#b` cutting the unquoted item `#b` of the list `[A, #b]`, expected the item in quotes: `"#b"`'],
    ['{a: 1 #x}: y', 'Unexpected comment `#x` cutting the unquoted text of `a`, expected the text in quotes: `"1 #x"`'],
  ]) {
    const messages = await lintWith([rule, yamlSyntax], { 'a.md': cleanIssue().replace('status: sent', `status: sent\n${written}`) });
    assert.deepEqual(
      messages.map((m) => [m.ruleId, m.message]),
      [['yaml-comment-in-text', expected]],
      written,
    );
  }
});

test('yaml-comment-in-text: a text after an anchor or a tag gets no fix that would quote the value and leave YAML dropping its start', async () => {
  for (const title of ['&Co ranked #1', '!Top ranked #1']) {
    const messages = await lintWith([rule], { 'a.md': cleanIssue({ title }) });
    assert.deepEqual(
      messages.map((m) => [m.message, m.fix]),
      [['Unexpected comment `#1` cutting the unquoted text of `title`, expected the text in quotes or in a `|` block', undefined]],
      title,
    );
  }
});
