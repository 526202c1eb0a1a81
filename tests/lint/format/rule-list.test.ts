import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { formatRuleList } from '../../../src/lint/format/rule-list.js';
import type { Rule } from '../../../src/lint/types.js';

const plain: Rule = { id: 'plain-rule', severity: 'error', scope: 'file', sent: 'report', doc: 'A `a|b` cell stays one cell', check() {} };
const withOptions: Rule = {
  id: 'rule-with-options',
  severity: 'warning',
  scope: 'corpus',
  sent: 'advice',
  doc: 'Takes every kind of option',
  options: z.strictObject({
    max: z.number().int().min(10).max(500),
    style: z.enum(['short', 'long']),
    words: z.array(z.string()),
    strict: z.boolean(),
    ratio: z.number().lt(1),
  }),
  check() {},
};

function markdownRow(rule: Rule): string {
  const row = formatRuleList([rule], 'markdown')
    .split('\n')
    .find((line) => line.startsWith(`| \`${rule.id}\``));
  assert.ok(row);
  return row;
}

test('the rules page describes a rule\'s options in words, from the schema the config is checked with', () => {
  assert.equal(
    markdownRow(withOptions),
    '| `rule-with-options` | warning | across issues | advice | { max: an integer from 10 to 500, style: one of `short`, `long`, words: a list of text, strict: `true` or `false`, ratio: a number < 1 } | Takes every kind of option |',
  );
});

test('the rules page escapes a `|` in a rule doc, so the table row keeps its cells', () => {
  assert.equal(markdownRow(plain), '| `plain-rule` | error | each file | reported | — | A `a\\|b` cell stays one cell |');
});

test('the rules page counts the rules and names the command that regenerates it', () => {
  const page = formatRuleList([plain, withOptions], 'markdown');
  assert.match(page, /with these 2 rules/);
  assert.match(page, /regenerate it with `npm run build:tool && node bin\/paperboy\.js lint --list-rules --format markdown > docs\/rules\.md`/);
});

test('the plain rule list aligns ids and severities in columns', () => {
  assert.equal(
    formatRuleList([plain, withOptions], 'stylish'),
    'plain-rule         error    A `a|b` cell stays one cell\nrule-with-options  warning  Takes every kind of option\n',
  );
});
