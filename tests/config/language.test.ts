import assert from 'node:assert/strict';
import { test } from 'node:test';
import { textDirection } from '../../src/config/language.js';
import { parseConfig } from '../../src/config/load.js';
import { runCli } from '../helpers/cli.js';
import { cleanIssue, CONFIG_YAML, configErrorOf, makeRoot } from '../helpers/fixture.js';

const FILE = '/news/paperboy.config.yaml';
/** CONFIG_YAML (four lines) with `language: <value>` on line 5: its value starts at column 11. */
const withLanguage = (value: string) => `${CONFIG_YAML}language: ${value}\n`;

test('language: a BCP 47 tag is kept in the canonical casing ICU writes (DE-at → de-AT, iw → he); without the key it is en, left to right', () => {
  assert.equal(parseConfig(withLanguage('DE-at'), FILE).language, 'de-AT');
  assert.equal(parseConfig(withLanguage('iw'), FILE).language, 'he');
  assert.equal(parseConfig(withLanguage('ja'), FILE).language, 'ja');
  assert.equal(parseConfig(withLanguage('zh-hant-tw'), FILE).language, 'zh-Hant-TW');
  assert.equal(parseConfig(CONFIG_YAML, FILE).language, 'en');
  assert.equal(textDirection('en'), 'ltr');
});

test('language: a value that is no BCP 47 tag is a config error at its paperboy.config.yaml:line:column, saying what a tag looks like', () => {
  const examples = 'such as `en`, `de`, `de-AT`, `pt-BR`, `ja`, `he` or `ar`';
  assert.equal(configErrorOf(withLanguage('en_US'), FILE).message, `${FILE}:5:11: Unexpected \`en_US\` for \`language\`, expected a BCP 47 language tag ${examples}: write \`en-US\``);
  assert.equal(configErrorOf(withLanguage('"de-"'), FILE).message, `${FILE}:5:11: Unexpected \`de-\` for \`language\`, expected a BCP 47 language tag ${examples}`);
  assert.equal(configErrorOf(withLanguage('german'), FILE).message, `${FILE}:5:11: Unexpected \`german\` for \`language\`, expected a language code of two or three letters (ISO 639), not a name: a BCP 47 tag ${examples}`);
  assert.equal(configErrorOf(withLanguage('und'), FILE).message, `${FILE}:5:11: Unexpected \`und\` (undetermined) for \`language\`, expected the language the newsletter is written in, ${examples}`);
  assert.match(configErrorOf(withLanguage('42'), FILE).message, /^\/news\/paperboy\.config\.yaml:5:11: Unexpected number `42` for `language`, expected text/);
  assert.match(configErrorOf(`${CONFIG_YAML}langauge: de\n`, FILE).message, /:5:1: Unexpected key `langauge`, expected `language`$/);
});

test('paperboy build with `language: en_US` exits 2 naming paperboy.config.yaml:5:11 and the tag to write, no stack trace, nothing built', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() }, withLanguage('en_US'));
  const result = await runCli(['build'], { cwd: root });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /paperboy\.config\.yaml:5:11: Unexpected `en_US` for `language`, expected a BCP 47 language tag .*: write `en-US`/);
  assert.doesNotMatch(result.stderr, /\n\s+at /);
  assert.equal(result.stdout, '');
});

test('language: Hebrew, Arabic, Persian, Urdu, Yiddish, Sorani and Kurdish in Arabic script read right to left; German, Japanese, Hebrew in Latin letters left to right (ICU decides)', () => {
  const direction = (value: string) => textDirection(parseConfig(withLanguage(value), FILE).language);
  for (const tag of ['he', 'he-IL', 'ar', 'ar-EG', 'fa', 'ur', 'yi', 'ckb', 'ps', 'ku-Arab', 'ms-Arab']) assert.equal(direction(tag), 'rtl', tag);
  for (const tag of ['en', 'de-AT', 'ja', 'zh-Hant', 'ru', 'he-Latn', 'ar-Latn', 'az-Cyrl']) assert.equal(direction(tag), 'ltr', tag);
  assert.equal(textDirection('sr-Latn'), 'ltr');
});

test('language: Dhivehi (Thaana), Samaritan, Hanifi Rohingya, Imperial Aramaic and a tag naming a right-to-left script read right to left, though ICU has no layout data for them', () => {
  const direction = (value: string) => textDirection(parseConfig(withLanguage(value), FILE).language);
  for (const tag of ['dv', 'dv-MV', 'sam', 'rhg', 'arc', 'en-Thaa', 'syr', 'nqo']) assert.equal(direction(tag), 'rtl', tag);
  for (const tag of ['en-Latn', 'hi', 'th', 'am']) assert.equal(direction(tag), 'ltr', tag);
});
