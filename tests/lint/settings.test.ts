import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { PaperboyError } from '../../src/errors.js';
import { activeRules } from '../../src/lint/settings.js';
import { rules } from '../../src/lint/rules/index.js';
import { CONFIG_YAML, configErrorFrom } from '../helpers/fixture.js';

const FILE = '/news/paperboy.config.yaml';

/** The error `activeRules` throws for `rules:` settings (YAML lines under `lint: rules:`, CONFIG_YAML's 4 lines before). */
function settingError(...settings: string[]): PaperboyError {
  const config = parseConfig(`${CONFIG_YAML}lint:\n  rules:\n${settings.map((line) => `    ${line}\n`).join('')}`, FILE);
  return configErrorFrom(() => activeRules(rules, config));
}

test('a rule option of the wrong kind says what the rule takes, at the option\'s line and column, with the config hint', () => {
  const quoted = settingError('summary-max-words: [warn, "250"]');
  assert.equal(
    quoted.message,
    `${FILE}:7:31: Unexpected text \`250\` for the options of \`lint.rules.summary-max-words\`, expected the most words a summary may have, a whole number such as \`250\` (or \`{ max: 250 }\`): write it without the quotes, as in \`summary-max-words: [warn, 250]\``,
  );
  assert.match(quoted.hint ?? '', /^Fix paperboy\.config\.yaml; .*docs\/rules\.md lists each rule's options\.$/);
  const nested = settingError('opinion-missing: off', 'summary-max-words:', '  - warn', '  - max: -3');
  assert.equal(nested.message, `${FILE}:10:14: Unexpected number \`-3\` for option \`max\` of \`lint.rules.summary-max-words\`, expected the most words a summary may have, a whole number such as \`250\` (or \`{ max: 250 }\`)`);
  assert.match(settingError('summary-max-words: [warn, two hundred]').message, /:7:31: Unexpected text `two hundred` for the options .*expected the most words a summary may have/);
});

test('a number in a rule\'s options is quoted as the config writes it, not as JavaScript prints it (1e+23, a figure past 2^53 rounded)', () => {
  assert.match(settingError('summary-max-words: [warn, 100000000000000000000000]').message, /:7:31: Unexpected number `100000000000000000000000` for the options of /);
  assert.match(settingError('summary-max-words: [warn, {max: 9007199254740993}]').message, /:7:37: Unexpected number `9007199254740993` for option `max` of /);
  assert.match(settingError('opinion-missing: [warn, 1e23]').message, /:7:29: Unexpected options \(number `1e23`\) for /);
  assert.match(settingError('summary-max-words: [warn, 250, 0x1F]').message, /:7:36: Unexpected number `0x1F` as item 3 of /);
});

test('a misspelt key in a rule\'s options is named as an unknown key at its line and column, with the key meant', () => {
  assert.equal(settingError('summary-max-words: [warn, {maks: 250}]').message, `${FILE}:7:32: Unexpected key \`maks\` in the options of \`lint.rules.summary-max-words\`, expected \`max\``);
  assert.match(settingError('summary-max-words:', '  - warn', '  - maks: 250').message, /:9:9: Unexpected key `maks` in the options of `lint\.rules\.summary-max-words`, expected `max`$/);
  // Beside the key it resembles, it is said to be unknown, not told to be that key again.
  assert.match(settingError('summary-max-words: [warn, {max: 250, maxx: 300}]').message, /:7:42: Unexpected key `maxx` .*an unknown key: `max`, which it resembles, is set already/);
});

test('options for a rule that takes none say it takes only a severity, at the options', () => {
  assert.equal(
    settingError('opinion-missing: [warn, 250]').message,
    `${FILE}:7:29: Unexpected options (number \`250\`) for \`lint.rules.opinion-missing\`, expected only a severity, as in \`opinion-missing: warn\`: the rule takes no options`,
  );
});

test('a rule setting with more than a severity and its options is refused at the extra item, not read in part', () => {
  assert.match(settingError('summary-max-words: [warn, 250, 300]').message, /:7:36: Unexpected number `300` as item 3 of `lint\.rules\.summary-max-words`, expected the severity followed by its options/);
});

test('every rule that takes options says in words what they are, for the error a wrong one gets', () => {
  for (const rule of rules.filter((rule) => rule.options)) assert.match(rule.optionsExpected ?? '', /\S/, rule.id);
});

test('an unknown rule id beside the rule it resembles is said to be unknown, not told to be that rule again', () => {
  assert.match(settingError('opinion-missing: warn', 'opinion-mising: off').message, /:8:5: Unexpected rule `opinion-mising` in `lint\.rules`, an unknown key: `opinion-missing`, which it resembles, is set already/);
});
