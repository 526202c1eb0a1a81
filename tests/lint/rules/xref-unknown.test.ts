import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/xref-unknown.js';
import { cleanIssue, lintWith, paperYaml, places } from '../../helpers/fixture.js';

/** Issue 1 (sent) covers the mirage paper; issue 3 is a draft; issue 2 is linted. */
function corpus(body: string, options: { papers?: string } = {}): Record<string, string> {
  return {
    'b.md': cleanIssue({ number: 2, body, papers: options.papers ?? paperYaml({ title: 'Eliciting Latent Knowledge', url: 'https://example.org/elk', arxiv: null }) }),
    'a.md': cleanIssue({ number: 1 }),
    'c.md': cleanIssue({ number: 3, status: 'draft', papers: paperYaml({ title: 'Sleeper Agents', url: 'https://arxiv.org/abs/2401.05566', arxiv: '2401.05566' }) }),
  };
}

test('xref-unknown: references to published papers and issues, and to the issue\'s own papers, pass', async () => {
  const body = '[the mirage](paper:2304.15004), [again](paper:https://arxiv.org/pdf/2304.15004v2), [last time](issue:1), [ELK](paper:https://www.example.org/elk/), [this](issue:2).';
  assert.deepEqual(await lintWith([rule], corpus(body)), []);
});

test('xref-unknown: a reference copying a paper\'s URL with percent-escapes names it, and an unknown one is quoted as written', async () => {
  const papers = [paperYaml({ title: 'Escaped query', url: 'https://example.com/view?id=a%26b', arxiv: null }), paperYaml({ title: 'Escaped path', url: 'https://example.com/papers/C%23-tricks', arxiv: null })].join('');
  assert.deepEqual(await lintWith([rule], corpus('See [one](paper:https://example.com/view?id=a%26b) and [two](paper:https://example.com/papers/C%23-tricks).', { papers })), []);
  const [unknown] = await lintWith([rule], corpus('See [one](paper:https://example.com/view?id=c%26d).', { papers }));
  assert.match(unknown!.message, /^Unexpected reference `paper:https:\/\/example\.com\/view\?id=c%26d`/);
});

test('xref-unknown: an unknown paper is reported with the closest published title', async () => {
  const messages = await lintWith([rule], corpus('Intro.\nAs [the mirage](paper:2304.1500) showed.'));
  assert.deepEqual(places(messages), ['xref-unknown 18:4']);
  assert.equal(
    messages[0]!.message,
    'Unexpected reference `paper:2304.1500`, expected a paper summarized in a published issue (did you mean `Are Emergent Abilities of Large Language Models a Mirage?` (#1)?)',
  );
});

test('xref-unknown: an arXiv id three digits away from a published one is another paper, not a typo: no did-you-mean', async () => {
  const [far] = await lintWith([rule], corpus('As [another paper](paper:2304.15777) showed.'));
  assert.equal(far!.message, 'Unexpected reference `paper:2304.15777`, expected a paper summarized in a published issue');
  const [swapped] = await lintWith([rule], corpus('As [the mirage](paper:2304.15040) showed.'));
  assert.match(swapped!.message, /did you mean `Are Emergent Abilities of Large Language Models a Mirage\?` \(#1\)\?/);
});

test('xref-unknown: papers and issues only in a draft, missing issues and malformed targets are reported', async () => {
  const body = '[a](paper:2401.05566) [b](issue:3) [c](issue:9) [d](issue:abc) [e](paper:not-a-paper)';
  const messages = await lintWith([rule], corpus(body));
  assert.deepEqual(places(messages), ['xref-unknown 17:1', 'xref-unknown 17:23', 'xref-unknown 17:36', 'xref-unknown 17:49', 'xref-unknown 17:64']);
  assert.match(messages[1]!.message, /`issue:3`, expected a published issue \(#3 is a draft\)/);
  assert.match(messages[2]!.message, /`issue:9`, expected a published issue \(the newest is #2, `Emergence mirages`\)/);
  assert.equal(messages[3]!.message, 'Unexpected reference `issue:abc`, expected `issue:` and an issue number, such as `issue:41`');
  assert.match(messages[4]!.message, /expected `paper:` and an arXiv id or a paper URL/);
});
