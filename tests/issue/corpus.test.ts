import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CorpusIndex, CorpusReading, readsHold } from '../../src/issue/corpus.js';
import { extractFacts } from '../../src/issue/facts.js';
import { parseIssue } from '../../src/issue/parse.js';
import { decodeIssueSource } from '../../src/issue/source.js';
import { unknownReferences } from '../../src/issue/xref-check.js';
import { parseCrossReference } from '../../src/issue/xref.js';
import { cleanIssue } from '../helpers/fixture.js';

/** The facts of issue file `path` with this text, from a full parse (its cross-references too). */
const factsOf = (path: string, text: string) => extractFacts(parseIssue(decodeIssueSource(path, new TextEncoder().encode(text))));

const one = factsOf('1.md', cleanIssue({ number: 1, title: 'Emergence mirages' }));
const two = factsOf('2.md', cleanIssue({ number: 2, title: 'Second', papers: '  - title: Another paper\n    url: https://example.org/another\n    summary: Text.\n' }));
const reader = factsOf('3.md', cleanIssue({ number: 3, title: 'Third', papers: '  - title: Third paper\n    url: https://example.org/third\n    summary: Text.\n' }));
const issue = (target: string) => parseCrossReference(`issue:${target}`)!;
const paper = (target: string) => parseCrossReference(`paper:${target}`)!;

test('a corpus reading notes each reference it resolved, once, with what it resolved to, and answers as the corpus does', () => {
  const corpus = new CorpusIndex([one, two, reader]);
  const reading = new CorpusReading(corpus);
  assert.deepEqual(reading.resolve(issue('1'), reader), corpus.resolve(issue('1'), reader));
  reading.resolve(issue('1'), reader);
  assert.equal(reading.resolve(paper('2304.15004'), reader)?.issueNumber, 1);
  assert.equal(reading.resolve(issue('9'), reader), undefined);
  assert.deepEqual(
    reading.reads.resolved.map(({ reference, answer }) => [reference.target, JSON.parse(answer) === null ? null : (JSON.parse(answer) as { issueNumber: number }).issueNumber]),
    [
      ['1', 1],
      ['2304.15004', 1],
      ['9', null],
    ],
  );
  assert.equal(reading.reads.everything, false);
});

test('the reads hold until what a reference resolves to changes: the issue it names retitled, made a draft, a paper first covered by another issue, a missing issue added', () => {
  const reading = new CorpusReading(new CorpusIndex([one, two, reader]));
  reading.resolve(issue('1'), reader);
  reading.resolve(paper('2304.15004'), reader);
  reading.resolve(issue('4'), reader);
  const { reads } = reading;
  const four = factsOf('4.md', cleanIssue({ number: 4, title: 'Fourth', papers: '  - title: Fourth paper\n    url: https://example.org/fourth\n    summary: Text.\n' }));
  assert.equal(readsHold(reads, new CorpusIndex([one, two, reader]), reader), true, 'nothing changed');
  assert.equal(readsHold(reads, new CorpusIndex([one, { ...two, title: 'Second, retitled' }, reader]), reader), true, 'an issue it does not read, retitled');
  assert.equal(readsHold(reads, new CorpusIndex([{ ...one, title: 'Retitled' }, two, reader]), reader), false, 'the issue it names, retitled');
  assert.equal(readsHold(reads, new CorpusIndex([{ ...one, status: 'draft' }, two, reader]), reader), false, 'the issue it names, made a draft');
  // Issue 1 no longer covers the paper; issue 2 does: its first coverage moved.
  const oneWithout = factsOf('1.md', cleanIssue({ number: 1, title: 'Emergence mirages', papers: '  - title: Other paper\n    url: https://example.org/other\n    summary: Text.\n' }));
  const twoWith = factsOf('2.md', cleanIssue({ number: 2, title: 'Second' }));
  assert.equal(readsHold(reads, new CorpusIndex([oneWithout, twoWith, reader]), reader), false, 'the paper first covered by another issue');
  assert.equal(readsHold(reads, new CorpusIndex([one, two, reader, four]), reader), false, 'the missing issue added');
});

test('the hints of a reference that leads nowhere read the whole corpus: the reading says so', () => {
  const broken = factsOf('5.md', cleanIssue({ number: 5, body: 'See [the lost paper](paper:2304.15005) and [issue 9](issue:9).' }));
  const reading = new CorpusReading(new CorpusIndex([one, two, broken]));
  const problems = unknownReferences(broken, reading);
  assert.equal(problems.length, 2);
  assert.match(problems[0]!.message, /did you mean `Are Emergent Abilities/);
  assert.equal(reading.reads.everything, true);
});

test('the index of one list of facts is made once (the lint hands one list to every rule across issues), and resolves as an index made anew', () => {
  const facts = [one, two, reader];
  const shared = CorpusIndex.of(facts);
  assert.equal(CorpusIndex.of(facts), shared);
  // Another list, even of the same facts, is indexed anew: a list is not looked into for changes.
  assert.notEqual(CorpusIndex.of([...facts]), shared);
  assert.deepEqual(shared.resolve(paper('2304.15004'), reader), new CorpusIndex(facts).resolve(paper('2304.15004'), reader));
});
