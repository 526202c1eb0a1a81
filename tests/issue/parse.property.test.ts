import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeIssueSource } from '../../src/issue/source.js';
import { parseIssue } from '../../src/issue/parse.js';
import { runFileRules } from '../../src/lint/lint-file.js';
import { rules } from '../../src/lint/rules/index.js';
import { activeRules } from '../../src/lint/settings.js';
import { cleanIssue, configOf, makeRoot } from '../helpers/fixture.js';

const seed = cleanIssue({
  papers: `  - title: Steering GPT-2-XL by adding an activation vector
    url: https://www.lesswrong.com/posts/5spBue2z2tw4JuDCx
    authors: [Alex Turner, Lisa Thiergart]
    year: 2023
    section: Interpretability
    summary: |
      Add a *steering* vector[^1] and see \`activations\` change:

      | a | b |
      |---|---|
      | 1 | 2 |

      [^1]: Computed from two prompts.
    opinion: >
      Folded text with a [link](paper:2304.15004).
`,
  body: 'Intro with a [link](https://example.org).\n\n<!-- papers -->\n\nClosing.',
});

/** Mutations an editor's keyboard (or a bad merge) makes: delete, insert, duplicate, swap. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string(), fc.constantFrom('---', '\n', ':', '- ', '|', '\t', '"', '[^1]', '](', '\ufeff', '\r\n', '{{', '<!--')) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 80 }) }),
);

type Mutation = { kind: 'delete' | 'duplicate'; at: number; length: number } | { kind: 'insert'; at: number; text: string };

function mutate(text: string, steps: readonly Mutation[]): string {
  let result = text;
  for (const step of steps) {
    const at = step.at % (result.length + 1);
    if (step.kind === 'delete') result = result.slice(0, at) + result.slice(at + step.length);
    else if (step.kind === 'insert') result = result.slice(0, at) + step.text + result.slice(at);
    else result = result.slice(0, at) + result.slice(at, at + step.length) + result.slice(at);
  }
  return result;
}

test('randomly mutated issue files never make the parser or the rules throw', async () => {
  const config = configOf(makeRoot({}));
  const active = activeRules(rules, config);
  await fc.assert(
    fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 6 }), async (steps) => {
      const text = mutate(seed, steps);
      const parsed = parseIssue(decodeIssueSource('fuzz.md', new TextEncoder().encode(text)));
      const { messages } = await runFileRules(parsed, active);
      for (const message of messages) {
        assert.ok(message.line >= 1 && message.column >= 1, `bad position in ${JSON.stringify(message)}`);
      }
    }),
    { numRuns: 400, seed: 42 },
  );
});
