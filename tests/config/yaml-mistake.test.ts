import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { parseConfig } from '../../src/config/load.js';
import { CONFIG_YAML, configErrorOf } from '../helpers/fixture.js';

const FILE = '/news/paperboy.config.yaml';
const messageOf = (yaml: string) => configErrorOf(yaml, FILE).message;

/** Whether the config reads without an error once `from` is replaced by `to` in it: the fix a message gives works. */
const readsAfter = (yaml: string, from: string, to: string) => parseConfig(yaml.replace(from, to), FILE).file === FILE;

const SECTIONS = 'sections:\n  - Technical alignment\n  - Governance\n';

test('a quote never closed in the config is named where it opens, with the quote closed where the text ends', () => {
  const yaml = CONFIG_YAML.replace('name: Test Newsletter', 'name: "Alignment Newsletter');
  assert.equal(messageOf(yaml), `${FILE}:1:7: Missing closing \`"\` of the text of \`name\` quoted here, expected it on its line: \`name: "Alignment Newsletter"\``);
  assert.ok(readsAfter(yaml, 'name: "Alignment Newsletter', 'name: "Alignment Newsletter"'));
  // In a flow list, before the item's `,`.
  const flow = `${CONFIG_YAML}sections: ["Evals, Governance]\n`;
  assert.equal(messageOf(flow), `${FILE}:5:12: Missing closing \`"\` of the text quoted here, expected it on its line: \`sections: ["Evals", Governance]\``);
  assert.ok(readsAfter(flow, '"Evals,', '"Evals",'));
});

test('a list item of the config with no space after its `-` is named at the `-`, with the item written right', () => {
  const yaml = `${CONFIG_YAML}${SECTIONS.replace('  - Governance', '  -Governance')}`;
  assert.equal(messageOf(yaml), `${FILE}:7:3: Missing space after \`-\` starting a list item, expected \`- Governance\``);
  assert.ok(readsAfter(yaml, '  -Governance', '  - Governance'));
  // The first item: YAML reads the list as one text, starting with the `-`.
  const first = `${CONFIG_YAML}${SECTIONS.replace('  - Technical', '  -Technical')}`;
  assert.equal(messageOf(first), `${FILE}:6:3: Unexpected text \`-Technical alignment⏎  - Governance\` for \`sections\`, expected a list (a space after each item's \`-\`: \`- Technical alignment\`)`);
  assert.ok(readsAfter(first, '  -Technical', '  - Technical'));
  // A `key: value` written as an item with no space, among the items.
  assert.match(messageOf(`${CONFIG_YAML}${SECTIONS}  -title: B\n`), /:8:3: Missing space after `-` starting a list item, expected `- title: B`$/);
});

test('a config key indented unlike the keys beside it is named at the key with both indentations, after a one-line value or a block of text', () => {
  const send = `${CONFIG_YAML}send:\n  rate: 5\n  concurrency: 2\n`;
  assert.equal(messageOf(send.replace('  concurrency', '   concurrency')), `${FILE}:7:4: Unexpected indentation of 3 spaces before \`concurrency\`, expected 2, like the other keys of \`send\``);
  assert.equal(messageOf(send.replace('  concurrency', ' concurrency')), `${FILE}:7:2: Unexpected indentation of 1 space before \`concurrency\`, expected 2, like the other keys of \`send\``);
  assert.ok(readsAfter(send, '  concurrency', '  concurrency'));
  const block = `${CONFIG_YAML}description: |\n  Papers we read.\nsend:\n  rate: 5\n`;
  assert.equal(messageOf(block.replace('\nsend:', '\n send:')), `${FILE}:7:2: Unexpected indentation of 1 space before \`send\`, expected none, like the other top-level keys`);
  const postal = CONFIG_YAML.replace(/^postalAddress: .*$/m, 'postalAddress: |\n    1 Example Street\n    Example City\nsend:\n  rate: 5');
  assert.match(messageOf(postal.replace('\nsend:', '\n   send:')), /:\d+:4: Unexpected indentation of 3 spaces before `send`, expected none, like the other top-level keys$/);
});

test('a quoted config value that one of its own quotes ends early gets the text quoted so that YAML reads it whole', () => {
  const single = CONFIG_YAML.replace('name: Test Newsletter', "name: 'Editor's Digest'");
  assert.equal(
    messageOf(single),
    `${FILE}:1:7: Unexpected \`'\` within the quoted text of \`name\`, which YAML reads as its closing quote (\`'Editor'\`), expected the text in quotes that its \`'\` does not close: \`name: "Editor's Digest"\``,
  );
  assert.equal(parseConfig(single.replace("'Editor's Digest'", '"Editor\'s Digest"'), FILE).name, "Editor's Digest");
  const double = CONFIG_YAML.replace('name: Test Newsletter', 'name: "The "best" digest"');
  assert.equal(
    messageOf(double),
    `${FILE}:1:7: Unexpected \`"\` within the quoted text of \`name\`, which YAML reads as its closing quote (\`"The "\`), expected the text in quotes that its \`"\` does not close: \`name: 'The "best" digest'\``,
  );
  assert.equal(parseConfig(double.replace('"The "best" digest"', '\'The "best" digest\''), FILE).name, 'The "best" digest');
  // A text that starts with a quoted word is quoted whole; in a mapping, the key is its own.
  assert.match(
    messageOf(`${CONFIG_YAML}description: "Attention" is all you need\n`),
    /:5:14: Unexpected text after the quoted `"Attention"` at the start of `description`, .*expected the whole text in quotes: `description: '"Attention" is all you need'`$/,
  );
  assert.match(messageOf(`${CONFIG_YAML}dkim:\n  domainName: 'Bob's.org'\n  keySelector: mail\n`), /:6:15: Unexpected `'` within the quoted text of `domainName`/);
});

test('a YAML error no mistake explains keeps the parser\'s words in the config', () => {
  assert.match(messageOf(`${CONFIG_YAML}send: [1\n`), /:5:8: Unexpected YAML: /);
});

test('a quoted list item of the config that one of its own quotes ends early gets the item quoted so that YAML reads it whole', () => {
  const block = `${CONFIG_YAML}sections:\n  - "The "best" digest"\n  - Governance\n`;
  assert.equal(
    messageOf(block),
    `${FILE}:6:5: Unexpected \`"\` within the quoted text of an item of \`sections\`, which YAML reads as its closing quote (\`"The "\`), expected the text in quotes that its \`"\` does not close: \`- 'The "best" digest'\``,
  );
  assert.deepEqual(parseConfig(block.replace('- "The "best" digest"', `- 'The "best" digest'`), FILE).sections, ['The "best" digest', 'Governance']);
  const single = `${CONFIG_YAML}sections:\n  - 'Editor's picks'\n`;
  assert.match(messageOf(single), /:6:5: Unexpected `'` within the quoted text of an item of `sections`, .*: `- "Editor's picks"`$/);
  assert.ok(readsAfter(single, "- 'Editor's picks'", '- "Editor\'s picks"'));
  const flow = `${CONFIG_YAML}sections: ["The "best" digest", Governance]\n`;
  assert.equal(
    messageOf(flow),
    `${FILE}:5:12: Unexpected \`"\` within the quoted text of an item of \`sections\`, which YAML reads as its closing quote (\`"The "\`), expected the text in quotes that its \`"\` does not close: \`sections: ['The "best" digest', Governance]\``,
  );
  assert.deepEqual(parseConfig(flow.replace('"The "best" digest"', `'The "best" digest'`), FILE).sections, ['The "best" digest', 'Governance']);
  // A flow list over several lines: the whole list on one line, which reads in place of its lines.
  const lines = `${CONFIG_YAML}sections: ["The "best" digest",\n           Governance]\n`;
  assert.equal(
    messageOf(lines),
    `${FILE}:5:12: Unexpected \`"\` within the quoted text of an item of \`sections\`, which YAML reads as its closing quote (\`"The "\`), expected the text in quotes that its \`"\` does not close, the list on one line: \`sections: ['The "best" digest', Governance]\``,
  );
  assert.deepEqual(parseConfig(lines.replace('sections: ["The "best" digest",\n           Governance]', `sections: ['The "best" digest', Governance]`), FILE).sections, ['The "best" digest', 'Governance']);
});

test('a config list item with no space after its `-` that YAML reads as a key, or a mapping, is named at the `-` with the item written right', () => {
  // `sections` written at column 0: `-title: B` below is a top-level key to YAML.
  const topLevel = `${CONFIG_YAML}sections:\n- Evals\n-title: B\n`;
  assert.equal(messageOf(topLevel), `${FILE}:7:1: Missing space after \`-\` starting a list item, which YAML reads as the key \`-title\`, expected \`- title: B\``);
  assert.deepEqual(parseDocument(topLevel.replace('-title: B', '- title: B')).toJS().sections, ['Evals', { title: 'B' }]);
  assert.equal(messageOf(`${CONFIG_YAML}sections:\n- Evals\n-Governance: x\n`), `${FILE}:7:1: Missing space after \`-\` starting a list item, which YAML reads as the key \`-Governance\`, expected \`- Governance: x\``);
  // Under a mapping: said with its keys, or the key without the `-`.
  assert.equal(
    messageOf(`${CONFIG_YAML}lint:\n  -title: B\n`),
    `${FILE}:6:3: Unexpected key \`lint.-title\`, which YAML reads as a key since its \`-\` has no space after it (a list item needs \`- \`, a dash then a space), expected one of \`rules\``,
  );
  const rate = `${CONFIG_YAML}send:\n  -rate: 3\n`;
  assert.equal(messageOf(rate), `${FILE}:6:3: Unexpected \`-\` before the key \`rate\`, which YAML reads as part of the key (\`send.-rate\`; a list item needs \`- \`, a dash then a space), expected \`rate: 3\``);
  assert.ok(readsAfter(rate, '-rate', 'rate'));
  // The first item, before a `- ` item or alone (a mapping to YAML).
  const first = `${CONFIG_YAML}sections:\n  -Evals: x\n  - Governance\n`;
  assert.equal(messageOf(first), `${FILE}:6:3: Missing space after \`-\` starting a list item, expected \`- Evals: x\``);
  assert.equal(messageOf(`${CONFIG_YAML}sections:\n  -title: B\n`), `${FILE}:6:3: Unexpected mapping for \`sections\`, expected a list (a space after each item's \`-\`: \`- title: B\`)`);
  // A real unknown key keeps its message.
  assert.equal(messageOf(`${CONFIG_YAML}send:\n  rat: 3\n`), `${FILE}:6:3: Unexpected key \`send.rat\`, expected \`rate\``);
});
