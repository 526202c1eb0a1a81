import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { isMap, isSeq, parseDocument, stringify, type Node } from 'yaml';
import { parseIssue } from '../../src/issue/parse.js';
import { decodeIssueSource } from '../../src/issue/source.js';
import { yamlNestingExcess } from '../../src/diagnostics/yaml-nesting.js';
import { MAX_NESTING } from '../../src/issue/limits.js';

const issueWith = (frontmatter: string) => `---\nnumber: 1\ntitle: X\ndate: 2023-05-31\n${frontmatter}\n---\n\nIntro.\n`;
const problemsOf = (text: string) => parseIssue(decodeIssueSource('a.md', new TextEncoder().encode(text))).problems.map((problem) => `${problem.position.start.line}:${problem.position.start.column} ${problem.ruleId} ${problem.message.slice(0, 40)}`);

test('YAML nested past 64 levels (flow brackets 10,000 deep, mappings indented 3,000 deep) is refused at its place before the parse, where the stack ran out', () => {
  assert.deepEqual(problemsOf(issueWith(`x: ${'['.repeat(10_000)}${']'.repeat(10_000)}`)), ['5:67 content-limits Unexpected YAML nested more than 64 leve']);
  const indented = ['x:', ...Array.from({ length: 3_000 }, (_, i) => `${' '.repeat(i + 1)}k:`)].join('\n');
  assert.deepEqual(problemsOf(issueWith(`${indented} 1`)), ['69:65 content-limits Unexpected YAML nested more than 64 leve']);
  const items = Array.from({ length: 100 }, (_, i) => `${'  '.repeat(i)}- `).join('\n');
  assert.match(problemsOf(issueWith(`x:\n${items}1`))[0]!, /content-limits Unexpected YAML nested/);
  // Quoted keys, anchors and tags before a flow collection do not hide it.
  for (const prefix of ['"x": ', "'x': ", 'x: &a ', 'x: !!seq ', '? ']) {
    assert.match(problemsOf(issueWith(`${prefix}${'['.repeat(100)}${']'.repeat(100)}`))[0] ?? '', /content-limits Unexpected YAML nested/, prefix);
  }
});

test('YAML within the limit is not refused: brackets in plain or quoted text, block scalars indented deep, and every sample issue', () => {
  const text = ['title: "a [[[[[[[[ {{{{{{ b"', `note: text ${'['.repeat(80)}`, 'summary: |', ...Array.from({ length: 100 }, (_, i) => `${' '.repeat(i + 2)}line`), "tags: ['[[[[', \"{{{{\"] # [[[["].join('\n');
  assert.equal(yamlNestingExcess(text, MAX_NESTING), undefined);
  assert.deepEqual(parseDocument(text).errors, []);
  for (const name of readdirSync('issues')) {
    const yaml = /^---\n([\s\S]*?)\n---/.exec(readFileSync(`issues/${name}`, 'utf8'))![1]!;
    assert.equal(yamlNestingExcess(yaml, 6), undefined, name);
  }
});

/** Collections inside each other in the parsed document: what the scan bounds. */
function depthOf(node: Node | null | undefined): number {
  if (isMap(node)) return 1 + Math.max(0, ...node.items.flatMap((pair) => [depthOf(pair.key as Node), depthOf(pair.value as Node)]));
  if (isSeq(node)) return 1 + Math.max(0, ...node.items.map((item) => depthOf(item as Node)));
  return 0;
}

test('the scan never counts less than the parsed depth, whatever the layout yaml writes (block, flow, block scalars, quoted keys)', () => {
  const value: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom('plain', 'a [b] {c}', '"q" #x', 'line one\n  line two\n', '- x', 'k: v', 1, true, null),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom('a', 'b c', '[k]', '"q"', '- d'), tie('value'), { maxKeys: 3 }),
    ),
  })).value;
  fc.assert(
    fc.property(value, fc.constantFrom(0, 2, 4, 8), fc.boolean(), (data, flowLevel, plainKeys) => {
      const yaml = stringify({ root: data }, { flowCollectionPadding: plainKeys, ...(flowLevel > 0 ? { collectionStyle: 'any' as const } : {}), indentSeq: plainKeys });
      const depth = depthOf(parseDocument(yaml).contents as Node);
      if (depth > 1) assert.ok(yamlNestingExcess(yaml, depth - 1), `${JSON.stringify(yaml)}: depth ${depth} not seen`);
    }),
    { numRuns: 2_000, seed: 64 },
  );
});
