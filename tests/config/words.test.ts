import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { DEFAULT_WORDS } from '../../src/config/words.js';
import { CONFIG_YAML, configErrorOf } from '../helpers/fixture.js';

const FILE = '/news/paperboy.config.yaml';
/** CONFIG_YAML (four lines) with `words:` on line 5 and `lines` below it, each indented two spaces (line 6 onwards, values at column 3). */
const withWords = (...lines: string[]) => `${CONFIG_YAML}words:\n${lines.map((line) => `  ${line}\n`).join('')}`;

test('words: a translation is kept by its key; without the key every word is English', () => {
  const config = parseConfig(withWords('unsubscribe: Abbestellen', 'issueNumber: "Ausgabe Nr. {number}"'), FILE);
  assert.deepEqual(config.words, { unsubscribe: 'Abbestellen', issueNumber: 'Ausgabe Nr. {number}' });
  assert.equal(parseConfig(CONFIG_YAML, FILE).words, undefined);
  assert.equal(DEFAULT_WORDS.unsubscribe, 'Unsubscribe');
});

test('words: an unknown key is a config error at its line and column naming the closest key', () => {
  assert.equal(configErrorOf(withWords('unsubscribe: Abbestellen', 'unsubscibe: Abbestellen'), FILE).message.split(': Unexpected')[0], `${FILE}:7:3`);
  assert.match(configErrorOf(withWords('viewInBrowsr: Im Browser ansehen'), FILE).message, /^\/news\/paperboy\.config\.yaml:6:3: Unexpected key `words\.viewInBrowsr`, expected `viewInBrowser`$/);
});

test('words: a translation without a placeholder of its word, or with one it has not, is a config error at its value naming the placeholder', () => {
  assert.equal(
    configErrorOf(withWords('opinion: Meinung', 'issueNumber: Ausgabe Nr.'), FILE).message,
    `${FILE}:7:16: Missing placeholder \`{number}\` in \`words.issueNumber\`, expected a translation holding the placeholder \`{number}\` where its language puts it: its English words are "Issue #{number}"`,
  );
  assert.equal(
    configErrorOf(withWords('editedBy: "Herausgegeben von {nmae}"'), FILE).message,
    `${FILE}:6:13: Missing placeholder \`{name}\` in \`words.editedBy\`, expected a translation holding the placeholder \`{name}\` where its language puts it: its English words are "Edited by {name}"`,
  );
  assert.equal(
    configErrorOf(withWords('opinion: "Meinung von {name}"'), FILE).message,
    `${FILE}:6:12: Unexpected placeholder \`{name}\` in \`words.opinion\`, expected no placeholder: its English words are "Opinion"`,
  );
});

test('words: a translation that is no text is a config error at its value', () => {
  assert.match(configErrorOf(withWords('issues: 42'), FILE).message, /:6:11: Unexpected number `42` for `words\.issues`, expected text/);
  assert.match(configErrorOf(withWords('issues: ""'), FILE).message, /:6:11: Unexpected empty `words\.issues`, expected text/);
});

test('words: a translation holding a control character (a YAML escape such as "\\e") is a config error at its value', () => {
  assert.match(configErrorOf(withWords('opinion: "Mei\\enung"'), FILE).message, /^\/news\/paperboy\.config\.yaml:6:12: Unexpected control character U\+001B in `words\.opinion`, expected printable text/);
});
