import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/paper-covered-before.js';
import { cleanIssue, cleanIssueWithMarkdown, lintWith, paperYaml, places } from '../../helpers/fixture.js';

const other = paperYaml({ title: 'Discovering latent knowledge', url: 'https://arxiv.org/abs/2212.03827', arxiv: '2212.03827' });

test('paper-covered-before: new papers have no message', async () => {
  const issues = { 'b.md': cleanIssue({ number: 2, papers: other }), 'a.md': cleanIssue({ number: 1 }) };
  assert.deepEqual(await lintWith([rule], issues), []);
});

test('paper-covered-before: a paper of an earlier issue is reported at its title, naming that issue', async () => {
  const issues = { 'b.md': cleanIssue({ number: 2, title: 'More mirages' }), 'a.md': cleanIssue({ number: 1, title: 'Emergence mirages' }) };
  const messages = await lintWith([rule], issues);
  assert.deepEqual(places(messages), ['paper-covered-before 8:12']);
  assert.equal(
    messages[0]!.message,
    'Unexpected paper `Are Emergent Abilities of Large Language Models a Mirage?`, already covered in issue #1 “Emergence mirages”; expected a new paper (link the earlier summary with `paper:2304.15004`)',
  );
});

test('paper-covered-before: the reference to write for a paper of a long URL is given whole, ready to paste', async () => {
  const url = 'https://lesswrong.com/posts/5spBue2z2tw4JuDCx/steering-gpt-2-xl-by-adding-an-activation-vector';
  const steering = paperYaml({ title: 'Steering GPT-2-XL by adding an activation vector', url, arxiv: null });
  const issues = { 'b.md': cleanIssue({ number: 2, papers: steering }), 'a.md': cleanIssue({ number: 1, papers: steering }) };
  const [message] = await lintWith([rule], issues);
  assert.ok(message!.message.endsWith(`(link the earlier summary with \`paper:${url}\`)`), message!.message);
});

test('paper-covered-before: the earlier issue itself is not reported, whatever the file order', async () => {
  const issues = { 'a.md': cleanIssue({ number: 1 }), 'b.md': cleanIssue({ number: 2 }) };
  assert.deepEqual(await lintWith([rule], issues), []);
});

test('paper-covered-before: a paper or an earlier issue without a title is never named as an empty `` or “”', async () => {
  const untitled = paperYaml({ title: '', url: 'https://arxiv.org/abs/2304.15004' });
  const issues = { 'b.md': cleanIssue({ number: 2, papers: other + untitled }), 'a.md': cleanIssue({ number: 1, title: '' }) };
  const messages = await lintWith([rule], issues);
  assert.equal(messages[0]!.message, 'Unexpected paper without a title, already covered in issue #1; expected a new paper (link the earlier summary with `paper:2304.15004`)');
});

test('paper-covered-before: papers with no URL, or the same text that is no URL (`TBD`), are different papers, never covered before', async () => {
  const unlinked = (title: string, url: string) => paperYaml({ title, url, arxiv: null });
  const issues = {
    'b.md': cleanIssue({ number: 2, papers: unlinked('Another paper without a link', '""') + unlinked('Another pending paper', 'TBD') }),
    'a.md': cleanIssue({ number: 1, papers: unlinked('No URL paper', '""') + unlinked('Pending paper', 'TBD') }),
  };
  assert.deepEqual(await lintWith([rule], issues), []);
});

test('paper-covered-before: a paper covered again whose issue links the earlier summary with `paper:` (its opinion, its summary, the intro) has no message', async () => {
  const linkedIn = {
    opinion: cleanIssueWithMarkdown({ opinion: 'Covered [in #1](paper:2304.15004); the replication changes my mind.' }, { number: 2 }),
    summary: cleanIssueWithMarkdown({ summary: 'Back again, after [our first look](paper:https://arxiv.org/abs/2304.15004).' }, { number: 2 }),
    intro: cleanIssue({ number: 2, body: 'We return to [the mirage paper](paper:2304.15004).' }),
  };
  for (const [where, issue] of Object.entries(linkedIn)) {
    assert.deepEqual(await lintWith([rule], { 'b.md': issue, 'a.md': cleanIssue({ number: 1 }) }), [], where);
  }
});

test('paper-covered-before: a `paper:` link to another paper does not silence it', async () => {
  const issue = cleanIssueWithMarkdown({ opinion: 'Unlike [latent knowledge](paper:2212.03827).' }, { number: 2 });
  const issues = { 'b.md': issue, 'a.md': cleanIssue({ number: 1, papers: paperYaml({ title: 'Mirage', url: 'https://arxiv.org/abs/2304.15004' }) + other }) };
  assert.deepEqual(places(await lintWith([rule], issues)), ['paper-covered-before 8:12']);
});

test('paper-covered-before: the hint for a paper of a `www.` URL copies its url as written, and that link then silences the warning', async () => {
  const url = 'https://www.lesswrong.com/posts/5spBue2z2tw4JuDCx/steering-gpt-2-xl';
  const steering = (summary?: string) => paperYaml({ title: 'Steering GPT-2-XL', url, arxiv: null, summary });
  const first = cleanIssue({ number: 1, papers: steering() });
  const [message] = await lintWith([rule], { 'b.md': cleanIssue({ number: 2, papers: steering() }), 'a.md': first });
  assert.ok(message!.message.endsWith(`(link the earlier summary with \`paper:${url}\`)`), message!.message);
  const linked = cleanIssue({ number: 2, papers: steering(`Again; see [the first](paper:${url}).`) });
  assert.deepEqual(await lintWith([rule], { 'b.md': linked, 'a.md': first }), []);
});

test('paper-covered-before: a paper covered before under another link to it (Hugging Face, ar5iv, alphaXiv or arXiv DOI page of its arXiv id; its DOI in other case or host; its OpenReview PDF for its forum) is reported', async () => {
  const linkedAs = (url: string, title = 'Linked again') => paperYaml({ title, url, arxiv: null });
  const pairs: [string, string][] = [
    ['https://arxiv.org/abs/2304.15004', 'https://huggingface.co/papers/2304.15004'],
    ['https://arxiv.org/abs/2304.15004', 'https://ar5iv.labs.arxiv.org/html/2304.15004'],
    ['https://www.alphaxiv.org/abs/2304.15004', 'https://doi.org/10.48550/arXiv.2304.15004'],
    ['https://browse.arxiv.org/abs/2304.15004v2', 'https://arxiv.org/pdf/2304.15004'],
    ['https://doi.org/10.1016/j.apm.2020.03.018', 'http://dx.doi.org/10.1016/J.APM.2020.03.018'],
    ['https://openreview.net/forum?id=HkxjYoCqKX', 'https://openreview.net/pdf?id=HkxjYoCqKX'],
  ];
  for (const [earlier, later] of pairs) {
    const issues = { 'b.md': cleanIssue({ number: 2, papers: linkedAs(later) }), 'a.md': cleanIssue({ number: 1, title: 'First', papers: linkedAs(earlier, 'First look') }) };
    const messages = await lintWith([rule], issues);
    assert.deepEqual(
      messages.map((message) => message.message.replace(/ \(link.*$/u, '')),
      ['Unexpected paper `Linked again`, already covered in issue #1 “First”; expected a new paper'],
      `${earlier} then ${later}`,
    );
  }
});
