import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../src/lint/rules/author-spelling.js';
import { cleanIssue, lintWith, places, spanOf } from '../../helpers/fixture.js';

/** A paper (its arXiv id from `n`) with `authors` as written after `authors:`: a flow list, or a block list on the lines after. */
function by(n: number, authors: string): string {
  const arxiv = `2304.150${String(n).padStart(2, '0')}`;
  return `  - title: Paper ${n}
    url: https://arxiv.org/abs/${arxiv}
    arxiv: "${arxiv}"
    authors: ${authors}
    section: Evaluations
    summary: |
      A short summary of the paper.
    opinion: |
      A short opinion on the paper.
`;
}

test('author-spelling: one spelling everywhere, or spellings of one author page (case, accents, "Last, First"), have no message', async () => {
  const issues = {
    'a.md': cleanIssue({ number: 1, papers: by(1, '[Fernanda Viégas, Martin Wattenberg]') + by(2, '["Viégas, Fernanda"]') }),
    'b.md': cleanIssue({ number: 2, papers: by(3, '[fernanda viegas, Martin Wattenberg]') }),
  };
  assert.deepEqual(await lintWith([rule], issues, { target: 'a.md' }), []);
});

test('author-spelling: an initial standing for a given name most papers write out is reported at the name, naming the spelling expected, how many papers use it and where first', async () => {
  const issues = {
    'a.md': cleanIssue({ number: 1, papers: by(1, '[Fernanda Viégas]') + by(2, '[Martin Wattenberg, Fernanda Viégas]') }),
    'b.md': cleanIssue({ number: 2, papers: by(3, '[M. Wattenberg, F. Viégas]') }),
  };
  const messages = await lintWith([rule], issues, { target: 'b.md' });
  assert.deepEqual(places(messages), ['author-spelling 11:15', 'author-spelling 11:30']);
  assert.equal(
    messages[1]!.message,
    'Unexpected author `F. Viégas`, written `Fernanda Viégas` on 2 papers (first in issue #1): the archive shows these spellings as two author pages; expected `Fernanda Viégas`, or leave it if they are two people',
  );
  assert.deepEqual(await lintWith([rule], issues, { target: 'a.md' }), []);
});

test('author-spelling: a middle name or initial left out, initials run together and hyphened initials are one person; on a tie the fullest spelling is expected', async () => {
  const issues = {
    'a.md': cleanIssue({ number: 1, papers: by(1, '[Fernanda B. Viégas, Jean-Pierre Dupont, J.R. Tolkien, Anna Maria B. Karlsson]') }),
    'b.md': cleanIssue({ number: 2, papers: by(2, `
      - Fernanda Viégas
      - J.-P. Dupont
      - John Ronald Tolkien
      - Anna B. Karlsson`) }),
  };
  const messages = await lintWith([rule], issues, { target: 'b.md' });
  assert.deepEqual(
    messages.map((message) => message.message.replace(/, written .*/, '')),
    ['Unexpected author `Fernanda Viégas`', 'Unexpected author `J.-P. Dupont`', 'Unexpected author `Anna B. Karlsson`'],
  );
  assert.deepEqual(places(messages), ['author-spelling 12:9', 'author-spelling 13:9', 'author-spelling 15:9']);
  assert.deepEqual(
    (await lintWith([rule], issues, { target: 'a.md' })).map((message) => message.message),
    ['Unexpected author `J.R. Tolkien`, written `John Ronald Tolkien` on 1 paper (first in issue #2): the archive shows these spellings as two author pages; expected `John Ronald Tolkien`, or leave it if they are two people'],
  );
});

test('author-spelling: the spelling most papers use is expected even when shorter', async () => {
  const issues = {
    'a.md': cleanIssue({ number: 1, papers: by(1, '[Y. LeCun]') + by(2, '[Y. LeCun]') }),
    'b.md': cleanIssue({ number: 2, papers: by(3, '[Yann LeCun]') }),
  };
  const messages = await lintWith([rule], issues, { target: 'b.md' });
  assert.deepEqual(
    messages.map((message) => message.message),
    ['Unexpected author `Yann LeCun`, written `Y. LeCun` on 2 papers (first in issue #1): the archive shows these spellings as two author pages; expected `Y. LeCun`, or leave it if they are two people'],
  );
});

test('author-spelling: names that cannot be one person, or an initial that could stand for either of two people, are left alone', async () => {
  const issues = {
    'a.md': cleanIssue({
      number: 1,
      papers:
        by(1, '[John Smith, Fernanda Viégas, Fernando Viégas, Anna B. Karlsson]') +
        by(2, '[Jane Smith, Anna C. Karlsson, Smith, OpenAI, Martin Luther King Jr., Martin Luther King]') +
        by(3, '[J. Smith, Wei Zhang, Zhang Wei]'),
    }),
  };
  assert.deepEqual(await lintWith([rule], issues, { target: 'a.md' }), []);
});

test('author-spelling: a message spans the name as written, quotes and escapes included, after characters of two UTF-16 units', async () => {
  const issues = {
    'a.md': cleanIssue({ number: 1, papers: by(1, '[Fernanda Viégas, Taro 𠮷田]') + by(2, '[Fernanda Viégas, Taro 𠮷田]') }),
    'b.md': cleanIssue({ number: 2, papers: by(3, String.raw`[😀 Ng, "F. Vi\u00e9gas", T. 𠮷田]`) }),
  };
  const messages = await lintWith([rule], issues, { target: 'b.md' });
  assert.deepEqual(
    messages.map((message) => spanOf(issues['b.md'], message)),
    [String.raw`"F. Vi\u00e9gas"`, 'T. 𠮷田'],
  );
});
