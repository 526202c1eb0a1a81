import { z } from 'zod';
import type { Rule } from '../types.js';

/** The formats of `paperboy lint --list-rules`. */
export const RULE_LIST_FORMATS = ['stylish', 'json', 'markdown'] as const;
export type RuleListFormat = (typeof RULE_LIST_FORMATS)[number];

/** The command that writes docs/rules.md; the generated page and its test both name it. */
export const RULES_DOC_COMMAND = 'npm run build:tool && node bin/paperboy.js lint --list-rules --format markdown > docs/rules.md';

/**
 * Every rule as `--list-rules` prints it: `stylish` is one aligned line a
 * rule (id, default severity, doc); `json` the same facts with the scope and
 * the JSON Schema of the options; `markdown` the page docs/rules.md.
 */
export function formatRuleList(rules: readonly Rule[], format: RuleListFormat): string {
  switch (format) {
    case 'stylish':
      return formatRuleLines(rules);
    case 'json':
      return `${JSON.stringify(rules.map(ruleFacts))}\n`;
    case 'markdown':
      return formatRuleMarkdown(rules);
  }
}

function formatRuleLines(rules: readonly Rule[]): string {
  const width = Math.max(...rules.map((rule) => rule.id.length));
  return rules.map((rule) => `${rule.id.padEnd(width)}  ${rule.severity.padEnd(7)}  ${rule.doc}\n`).join('');
}

function ruleFacts(rule: Rule) {
  return {
    id: rule.id,
    severity: rule.severity,
    scope: rule.scope,
    sent: rule.sent,
    doc: rule.doc,
    ...(rule.options ? { options: optionsSchema(rule.options) } : {}),
  };
}

/** A rule's options in words (`a positive integer or { max: a positive integer }`), as the rules page gives them. */
export function optionsInWords(options: z.ZodType): string {
  return describeOptions(optionsSchema(options));
}

/**
 * The keys a rule's options take in the mapping at `path` below them (`[]`:
 * the options themselves, `{ max: 250 }`), in any of their alternatives,
 * for the "did you mean" of a misspelt one. Empty where no mapping is taken.
 */
export function optionKeys(options: z.ZodType, path: readonly (string | number)[]): string[] {
  return [...new Set(keysAt(optionsSchema(options), path))];
}

function keysAt(schema: Record<string, unknown>, path: readonly (string | number)[]): string[] {
  const alternatives = (schema.anyOf ?? schema.oneOf) as Record<string, unknown>[] | undefined;
  if (alternatives) return alternatives.flatMap((alternative) => keysAt(alternative, path));
  if (path.length > 0 && typeof path[0] === 'number') return schema.items ? keysAt(schema.items as Record<string, unknown>, path.slice(1)) : [];
  const properties = schema.properties as Record<string, Record<string, unknown>> | undefined;
  if (!properties) return [];
  if (path.length === 0) return Object.keys(properties);
  const below = properties[String(path[0])];
  return below ? keysAt(below, path.slice(1)) : [];
}

/** The options as a user writes them in the config (the input side of a schema that transforms). */
function optionsSchema(options: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(options, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

const SCOPES: Record<Rule['scope'], string> = { file: 'each file', corpus: 'across issues' };
/** What the rules page says a rule does on a sent issue (`Rule.sent`). */
const ON_SENT: Record<Rule['sent'], string> = { report: 'reported', advice: 'advice' };

function formatRuleMarkdown(rules: readonly Rule[]): string {
  const rows = rules.map((rule) => {
    const options = rule.options ? optionsInWords(rule.options) : '—';
    return `| \`${rule.id}\` | ${rule.severity} | ${SCOPES[rule.scope]} | ${ON_SENT[rule.sent]} | ${tableCell(options)} | ${tableCell(rule.doc)} |`;
  });
  return `# Lint rules

<!-- Generated from the rule modules by \`paperboy lint --list-rules --format markdown\`: edit the rules, not this
     file, and regenerate it with \`${RULES_DOC_COMMAND}\`. -->

\`paperboy lint\` checks every issue with these ${rules.length} rules (\`paperboy lint --list-rules\` prints the
same list). Rules that work *across issues* always see the whole issues directory, even when you
lint only some files.

An issue already sent (\`status: sent\`) is history: its email is in readers' inboxes. The rules marked
*advice* in the "sent issues" column, editorial advice for an issue being written (an opinion missing,
a summary's length, the subject's, a section the config no longer lists), say nothing of a sent
issue unless asked: \`paperboy lint --sent\` reports them on every issue, and a file named on the
command line (\`paperboy lint issues/0042-x.md\`, not through its folder) gets every message. The other
rules report on sent issues too: what they find is still wrong in the published page, the feeds or
the paper database (a dead link, a value the archive drops, a wrong date), and editing the file
fixes it there. \`paperboy build\` fails (exit 1) on those errors of a published issue, never on a
sent issue's advice.

Set a rule's severity (\`off\`, \`warn\`, \`error\`, or ESLint's \`0\`, \`1\`, \`2\`), and the options of a rule
that takes them, under \`lint.rules\` in \`paperboy.config.yaml\` (see [config.md](config.md)). A rule's
default severity is that of its main messages: some rules say their lesser ones as warnings (arxiv-id's
tidy-ups, paper-url's plain \`http\` link); a severity set here is every message's, as in ESLint
(\`arxiv-id: error\` makes a missing \`arxiv\` an error):

\`\`\`yaml
lint:
  rules:
    opinion-missing: off              # a severity alone
    summary-max-words: [warn, 250]    # [severity, options]
\`\`\`

| rule | default | checks | sent issues | options | what it checks |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}
`;
}

/** GFM table cells end at an unescaped `|`, inside code spans too. */
function tableCell(text: string): string {
  return text.replaceAll('|', '\\|');
}

/**
 * A JSON Schema in words, for the options column: `a positive integer or
 * { max: a positive integer }`. Shapes it has no words for are shown as JSON.
 */
function describeOptions(schema: Record<string, unknown>): string {
  const alternatives = (schema.anyOf ?? schema.oneOf) as Record<string, unknown>[] | undefined;
  if (alternatives) return alternatives.map(describeOptions).join(' or ');
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((value) => `\`${String(value)}\``).join(', ')}`;
  switch (schema.type) {
    case 'integer':
    case 'number':
      return describeNumber(schema);
    case 'string':
      return 'text';
    case 'boolean':
      return '`true` or `false`';
    case 'array':
      return `a list of ${describeOptions((schema.items ?? {}) as Record<string, unknown>)}`;
    case 'object': {
      const properties = Object.entries((schema.properties ?? {}) as Record<string, Record<string, unknown>>);
      return `{ ${properties.map(([key, value]) => `${key}: ${describeOptions(value)}`).join(', ')} }`;
    }
    default: {
      const { $schema: _dialect, ...shape } = schema;
      return `\`${JSON.stringify(shape)}\``;
    }
  }
}

function describeNumber(schema: Record<string, unknown>): string {
  const noun = schema.type === 'integer' ? 'integer' : 'number';
  const min = typeof schema.minimum === 'number' ? schema.minimum : undefined;
  // zod writes the safe-integer limit on every integer: it is no bound a user needs to read.
  const max = typeof schema.maximum === 'number' && schema.maximum < Number.MAX_SAFE_INTEGER ? schema.maximum : undefined;
  const above = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : undefined;
  const below = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : undefined;
  const name = above === 0 ? `a positive ${noun}` : `${noun === 'integer' ? 'an' : 'a'} ${noun}`;
  if (min !== undefined && max !== undefined) return `${name} from ${min} to ${max}`;
  const bounds = [
    min === undefined ? '' : `≥ ${min}`,
    above === undefined || above === 0 ? '' : `> ${above}`,
    max === undefined ? '' : `≤ ${max}`,
    below === undefined ? '' : `< ${below}`,
  ];
  return [name, ...bounds].filter(Boolean).join(' ');
}
