import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/tag-spelling.js';
import { cleanIssue, lintWith, places, spanOf } from '../../helpers/fixture.js';

/** A paper (its arXiv id from `n`) with `tags` as written after `tags:`: a flow list, or a block list on the lines after. */
function tagged(n: number, tags: string): string {
  const arxiv = `2304.1500${n}`;
  return `  - title: Paper ${n}
    url: https://arxiv.org/abs/${arxiv}
    arxiv: "${arxiv}"
    section: Evaluations
    tags: ${tags}
    summary: |
      A short summary of the paper.
    opinion: |
      A short opinion on the paper.
`;
}

test('tag-spelling: one spelling everywhere, or tags differing in case and accents only (one tag page), have no message', async () => {
  const issues = {
    'a.md': cleanIssue({ number: 1, papers: tagged(1, '[scaling-laws, RLHF]') + tagged(2, '[Scaling-Laws, Évaluation]') }),
    'b.md': cleanIssue({ number: 2, papers: tagged(3, '[scaling-laws, rlhf, evaluation]') }),
  };
  assert.deepEqual(await lintWith([rule], issues), []);
});

test('tag-spelling: a tag joined otherwise than most papers join it is reported at the tag, naming the spelling expected, how many papers use it and where first', async () => {
  const issues = {
    'a.md': cleanIssue({ number: 1, papers: tagged(1, '[scaling-laws]') + tagged(2, '[scaling-laws, rlhf]') }),
    'b.md': cleanIssue({ number: 2, papers: tagged(3, '[rlhf, scaling laws]') }),
  };
  const messages = await lintWith([rule], issues, { target: 'b.md' });
  assert.deepEqual(places(messages), ['tag-spelling 12:18']);
  assert.equal(messages[0]!.message, 'Unexpected tag `scaling laws`, written `scaling-laws` on 2 papers (first in issue #1): the archive shows these spellings as two tags; expected `scaling-laws`');
});

test('tag-spelling: the spelling expected is not reported', async () => {
  const issues = {
    'a.md': cleanIssue({ number: 1, papers: tagged(1, '[scaling-laws]') + tagged(2, '[scaling-laws]') }),
    'b.md': cleanIssue({ number: 2, papers: tagged(3, '[scaling laws]') }),
  };
  assert.deepEqual(await lintWith([rule], issues, { target: 'a.md' }), []);
});

test('tag-spelling: on a tie the spelling an earlier issue used first is expected, whatever the file order; underscores and no joiner at all count as joining', async () => {
  const issues = {
    'b.md': cleanIssue({ number: 2, papers: tagged(2, '[scaling_laws, fine-tuning]') }),
    'a.md': cleanIssue({ number: 1, papers: tagged(1, '[scaling laws, finetuning]') }),
  };
  const messages = await lintWith([rule], issues, { target: 'b.md' });
  assert.deepEqual(
    messages.map((message) => message.message),
    [
      'Unexpected tag `scaling_laws`, written `scaling laws` on 1 paper (first in issue #1): the archive shows these spellings as two tags; expected `scaling laws`',
      'Unexpected tag `fine-tuning`, written `finetuning` on 1 paper (first in issue #1): the archive shows these spellings as two tags; expected `finetuning`',
    ],
  );
  assert.deepEqual(await lintWith([rule], issues, { target: 'a.md' }), []);
});

test('tag-spelling: a tag of a block list is reported at its item; with three spellings the message says three tags', async () => {
  const issues = {
    'a.md': cleanIssue({ number: 1, papers: tagged(1, '[scaling-laws]') + tagged(2, '[scaling-laws]') }),
    'b.md': cleanIssue({ number: 2, papers: tagged(3, '\n      - rlhf\n      - scaling laws') }),
  };
  assert.deepEqual(places(await lintWith([rule], issues, { target: 'b.md' })), ['tag-spelling 14:9']);
  const three = { ...issues, 'c.md': cleanIssue({ number: 3, papers: tagged(4, '[scaling_laws]') }) };
  assert.match((await lintWith([rule], three, { target: 'c.md' }))[0]!.message, /the archive shows these spellings as 3 tags/);
});

test('tag-spelling: a tag of one paper one letter from a tag of more papers (a letter left out, added, changed, two swapped) is reported at it, naming the tag expected; short tags, other digits and a tag near two are not', async () => {
  const issues = {
    'a.md': cleanIssue({ number: 1, papers: tagged(1, '[steering, gpt-2, agents, probing, probe, prove]') + tagged(2, '[Steering, gpt-2, agent, probing, probe, prove]') }),
    'b.md': cleanIssue({ number: 2, papers: tagged(3, '[steerng, gpt-4, llms, probng]') + tagged(4, '[stereing, agent, prode]') }),
  };
  const messages = await lintWith([rule], issues, { target: 'b.md' });
  assert.deepEqual(
    messages.map((message) => message.message),
    [
      'Unexpected tag `steerng`, on this paper alone and one letter from `steering`, written on 2 papers (first in issue #1): the archive shows these spellings as two tags; expected `steering`',
      'Unexpected tag `probng`, on this paper alone and one letter from `probing`, written on 2 papers (first in issue #1): the archive shows these spellings as two tags; expected `probing`',
      'Unexpected tag `stereing`, on this paper alone and one letter from `steering`, written on 2 papers (first in issue #1): the archive shows these spellings as two tags; expected `steering`',
    ],
  );
});

test('tag-spelling: a message spans the tag as written, quotes and escapes included, after characters of two UTF-16 units', async () => {
  const issues = {
    'a.md': cleanIssue({ number: 1, papers: tagged(1, '[scaling-laws, 𝔸-tag]') + tagged(2, '[scaling-laws, 𝔸-tag]') }),
    'b.md': cleanIssue({ number: 2, papers: tagged(3, String.raw`[😀, "scaling\u0020laws", 𝔸 tag]`) }),
  };
  const messages = await lintWith([rule], issues, { target: 'b.md' });
  assert.deepEqual(
    messages.map((message) => spanOf(issues['b.md'], message)),
    [String.raw`"scaling\u0020laws"`, '𝔸 tag'],
  );
});
