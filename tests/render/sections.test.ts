import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupBySection, type SectionGroup } from '../../src/render/sections.js';

const paper = (name: string, section: string) => ({ name, section: section ? section.split(' / ') : [] });
type P = ReturnType<typeof paper>;

/** `Title[papers](children)` for a compact comparison. */
const shape = (groups: SectionGroup<P>[]): string[] =>
  groups.map((group) => `${group.title}[${group.papers.map((p) => p.name).join(',')}]${group.subsections.length ? `(${shape(group.subsections).join(' ')})` : ''}`);

test('sections: without a configured order, sections appear in order of first appearance and nest', () => {
  const papers = [paper('a', 'Governance'), paper('b', 'Alignment / Interp'), paper('c', 'Alignment / Evals'), paper('d', 'Alignment / Interp'), paper('e', 'Governance')];
  assert.deepEqual(shape(groupBySection(papers, undefined)), ['Governance[a,e]', 'Alignment[](Interp[b,d] Evals[c])']);
});

test('sections: the config order wins, a parent ranking with its first listed child; unlisted ones follow', () => {
  const papers = [paper('a', 'Governance'), paper('b', 'Alignment / Interp'), paper('c', 'Alignment / Evals'), paper('d', 'Capabilities')];
  const order = ['Alignment / Evals', 'Alignment / Interp', 'Governance'];
  assert.deepEqual(shape(groupBySection(papers, order)), ['Alignment[](Evals[c] Interp[b])', 'Governance[a]', 'Capabilities[d]']);
});

test('sections: a parent holds its own papers before its subsections', () => {
  const papers = [paper('a', 'Alignment / Interp'), paper('b', 'Alignment')];
  assert.deepEqual(shape(groupBySection(papers, undefined)), ['Alignment[b](Interp[a])']);
});

test('sections: papers without a section come last under "Other papers", or alone without a heading', () => {
  assert.deepEqual(shape(groupBySection([paper('a', ''), paper('b', 'Governance')], undefined)), ['Governance[b]', 'Other papers[a]']);
  assert.deepEqual(shape(groupBySection([paper('a', ''), paper('b', '')], undefined)), ['[a,b]']);
});
