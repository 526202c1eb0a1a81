import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarizeIssue, type IssueOutput } from '../../src/archive/issue-output.js';
import { buildPaperDatabase } from '../../src/archive/paper-database.js';
import { NO_SECTION, sectionChoices } from '../../src/archive/section-choices.js';
import { paperRecord } from './fixture.js';

/** The paper database of one issue whose papers have `sections` (` / ` between levels; '' for none), in that order. */
function papersIn(sections: string[]) {
  const papers = sections.map((section, i) => paperRecord(i + 1, { section: section === '' ? [] : section.split(' / ') }));
  const issue: IssueOutput = { number: 1, formerly: [], title: 'One', date: '2023-01-02', subject: '#1: One', draft: false, content: {} as IssueOutput['content'], email: { html: '', text: '' }, papers };
  return buildPaperDatabase([summarizeIssue(issue, { pageHash: 'hash', email: { html: 'html', text: 'text' } }, [])]).papers;
}

test('the section filter offers the sections in the config\'s order, each parent as a choice of its own before its subsections, and "No section" last', () => {
  const papers = papersIn(['Architectures', 'Technical alignment / Interpretability', '', 'Governance', 'Technical alignment / Evaluations']);
  const order = ['Technical alignment / Evaluations', 'Technical alignment / Interpretability', 'Governance', 'Architectures'];
  assert.deepEqual(sectionChoices(papers, order), [
    { value: 'Technical alignment', label: 'Technical alignment, all' },
    { value: 'Technical alignment / Evaluations', label: 'Technical alignment / Evaluations' },
    { value: 'Technical alignment / Interpretability', label: 'Technical alignment / Interpretability' },
    { value: 'Governance', label: 'Governance' },
    { value: 'Architectures', label: 'Architectures' },
    { value: NO_SECTION, label: 'No section' },
  ]);
});

test('without the config\'s sections the filter offers them in order of first appearance, and no "No section" when every paper has one', () => {
  assert.deepEqual(
    sectionChoices(papersIn(['Zebras', 'Apes']), undefined).map((choice) => choice.value),
    ['Zebras', 'Apes'],
  );
});

test('"No section" has a value no section has, whatever the sections are named: `(none)`, `No section`, `-`, `/`', () => {
  const names = ['(none)', 'No section', '-', '/', 'none'];
  const choices = sectionChoices(papersIn([...names, '']), undefined);
  assert.deepEqual(
    choices.map((choice) => choice.label),
    [...names, 'No section'],
  );
  assert.equal(new Set(choices.map((choice) => choice.value)).size, choices.length);
  assert.ok(!names.includes(NO_SECTION));
});
