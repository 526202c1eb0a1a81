import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/paper-duplicate-in-issue.js';
import { cleanIssue, lintWith, paperYaml, places } from '../../helpers/fixture.js';

const mirage = paperYaml({ title: 'Emergence mirage', url: 'https://arxiv.org/abs/2304.15004' });

test('paper-duplicate-in-issue: different papers have no message', async () => {
  const other = paperYaml({ title: 'Discovering latent knowledge', url: 'https://arxiv.org/abs/2212.03827', arxiv: '2212.03827' });
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue({ papers: mirage + other }) }), []);
});

test('paper-duplicate-in-issue: the same arXiv paper by another link is reported at the second title', async () => {
  const again = paperYaml({ title: 'Mirage, the PDF', url: 'https://arxiv.org/pdf/2304.15004v2', arxiv: null });
  const messages = await lintWith([rule], { 'a.md': cleanIssue({ papers: mirage + again }) });
  // mirage takes lines 8–15; the second paper's title is on line 16.
  assert.deepEqual(places(messages), ['paper-duplicate-in-issue 16:12']);
  assert.equal(messages[0]!.message, 'Unexpected duplicate paper `Mirage, the PDF` (paper 2), already listed as paper 1 `Emergence mirage`; expected each paper once per issue');
});

test('paper-duplicate-in-issue: URLs that differ only by tracking parameters are the same paper', async () => {
  const post = (title: string, url: string) => paperYaml({ title, url, arxiv: null });
  const papers = post('Steering', 'https://www.lesswrong.com/posts/5spBue2z2tw4JuDCx') + post('Steering again', 'https://lesswrong.com/posts/5spBue2z2tw4JuDCx/?utm_source=x');
  assert.deepEqual(places(await lintWith([rule], { 'a.md': cleanIssue({ papers }) })), ['paper-duplicate-in-issue 15:12']);
});

test('paper-duplicate-in-issue: papers without a title are named by their place alone, never as an empty ``', async () => {
  const untitled = (url: string) => paperYaml({ title: '', url, arxiv: null });
  const messages = await lintWith([rule], { 'a.md': cleanIssue({ papers: untitled('https://arxiv.org/abs/2304.15004') + untitled('https://arxiv.org/pdf/2304.15004v2') }) });
  assert.equal(messages[0]!.message, 'Unexpected duplicate paper 2, already listed as paper 1; expected each paper once per issue');
});

test('paper-duplicate-in-issue: papers with the same text that is no URL (`TBD`, `n/a`) are different papers', async () => {
  const unlinked = (title: string, url: string) => paperYaml({ title, url, arxiv: null });
  const papers = unlinked('Pending paper', 'TBD') + unlinked('Another pending paper', 'TBD') + unlinked('A third', 'n/a') + unlinked('A fourth', 'n/a');
  assert.deepEqual(await lintWith([rule], { 'a.md': cleanIssue({ papers }) }), []);
});
