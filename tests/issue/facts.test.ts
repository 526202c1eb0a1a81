import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractFacts } from '../../src/issue/facts.js';
import { FRONTMATTER_ONLY, parseIssue } from '../../src/issue/parse.js';
import { decodeIssueSource } from '../../src/issue/source.js';

/** The facts of a file with this frontmatter (between `---` lines) and a one-line body. */
const factsOf = (frontmatter: string) => extractFacts(parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(`---\n${frontmatter}---\nBody\n`)), FRONTMATTER_ONLY));

test('an unreadable file is a draft exactly when one top-level line says `status: draft`, whatever YAML nested or swallowed after an earlier error', () => {
  const drafts: [what: string, frontmatter: string][] = [
    ['`: ` in unquoted text (nests the keys after it)', 'number: 7\ntitle: Broken: draft\nstatus: draft\npapers: []\n'],
    ['an unclosed double quote (swallows the lines after it)', 'number: 7\ntitle: "Broken draft\nstatus: draft\npapers: []\n'],
    ['an unclosed single quote', "number: 7\ntitle: 'Broken draft\nstatus: draft\npapers: []\n"],
    ['an unclosed quote in a list', 'number: 7\nreviewers: ["A. Reviewer\nstatus: draft\npapers: []\n'],
    ['an unclosed bracket', 'number: 7\nreviewers: [A. Reviewer, B. Reviewer\nstatus: draft\npapers: []\n'],
    ['a stray closing bracket (the rest is not read)', 'number: 7\nreviewers: [A. Reviewer]]\nstatus: draft\npapers: []\n'],
    ['a tab that indents a continuation line', 'number: 7\ntitle:\n\tBroken draft\nstatus: draft\npapers: []\n'],
    ['a tab before a key', 'number: 7\ntitle\t: Broken: draft\nstatus: draft\npapers: []\n'],
    ['a tab indenting a paper key', 'number: 7\npapers:\n  - title: x\n\t  url: https://example.org/\nstatus: draft\n'],
    ['a line indented too far', 'number: 7\ntitle: Broken draft\n date: 2023-05-29\nstatus: draft\npapers: []\n'],
    ['an indented first key', ' number: 7\ntitle: Broken draft\nstatus: draft\npapers: []\n'],
    ['a comment after the status', 'number: 7\ntitle: Broken: draft\nstatus: draft  # until reviewed\npapers: []\n'],
    ['a quoted status', 'number: 7\ntitle: Broken: draft\nstatus: "draft"\npapers: []\n'],
  ];
  for (const [what, frontmatter] of drafts) {
    const facts = factsOf(frontmatter);
    assert.equal(facts.readable, false, what);
    assert.equal(facts.status, 'draft', what);
  }
  const notDrafts: [what: string, frontmatter: string][] = [
    ['another status', 'number: 7\ntitle: Broken: draft\nstatus: ready\npapers: []\n'],
    ['two statuses', 'number: 7\ntitle: "Broken draft\nstatus: draft\nstatus: sent\npapers: []\n'],
    ['`status: draft` indented, under a paper', 'number: 7\npapers:\n  - title: "Broken draft\n    status: draft\n'],
    ['no status line', 'number: 7\ntitle: Broken: draft\npapers: []\n'],
    ['`status:draft`, which YAML reads as text, not a key', 'number: 7\ntitle: Broken: draft\nstatus:draft\npapers: []\n'],
    ['a status that is not `draft`', 'number: 7\ntitle: Broken: draft\nstatus: drafty\npapers: []\n'],
  ];
  for (const [what, frontmatter] of notDrafts) {
    const facts = factsOf(frontmatter);
    assert.equal(facts.readable, false, what);
    assert.equal(facts.status, 'ready', what);
  }
});

test('a file whose frontmatter has no closing `---` yet is a draft when one top-level line says `status: draft`, and not otherwise', () => {
  const unclosed = (lines: string) => extractFacts(parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(`---\n${lines}`)), FRONTMATTER_ONLY));
  const draft = unclosed('number: 7\ntitle: Half written\nstatus: draft\npapers:\n  - title: A paper\n    summary: |\n      Not done.\n');
  assert.equal(draft.readable, false);
  assert.equal(draft.status, 'draft');
  assert.equal(unclosed('number: 7\ntitle: Half written\npapers: []\n').status, 'ready');
  assert.equal(unclosed('number: 7\npapers:\n  - title: x\n    status: draft\n').status, 'ready', 'indented: a paper key, not the issue\'s');
});
