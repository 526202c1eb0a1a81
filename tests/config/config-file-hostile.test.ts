import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONFIG_YAML, configErrorOf } from '../helpers/fixture.js';

const FILE = '/news/paperboy.config.yaml';
const configError = (yaml: string) => configErrorOf(yaml, FILE);

test('a config number YAML reads as infinity or not a number (`rate: 1e400`, `.inf`, `.nan`) is said so, not "Unexpected number, expected a number"', () => {
  assert.equal(
    configError(`${CONFIG_YAML}send: { rate: 1e400 }\n`).message,
    `${FILE}:5:15: Unexpected number \`1e400\` for \`send.rate\`, which YAML reads as infinity (\`.inf\`), expected a finite number`,
  );
  assert.match(configError(`${CONFIG_YAML}send: { rate: .nan }\n`).message, /:5:15: Unexpected number `\.nan` for `send\.rate`, which YAML reads as not a number \(`\.nan`\), expected a finite number$/);
  assert.match(configError(`${CONFIG_YAML}email: { maxAuthors: -.inf }\n`).message, /Unexpected number `-\.inf` for `email\.maxAuthors`, which YAML reads as minus infinity/);
});
