import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { PaperboyError } from '../../src/errors.js';
import { runCli } from '../helpers/cli.js';
import { cleanIssue, CONFIG_YAML, makeRoot } from '../helpers/fixture.js';
import { parseEml, renderAll } from '../helpers/render.js';

const FILE = '/news/paperboy.config.yaml';

/** CONFIG_YAML with `key: value` (a YAML scalar as written) in place of its `from`, or added. */
function configWith(key: string, value: string): string {
  const line = `${key}: ${value}`;
  return key === 'from' ? CONFIG_YAML.replace(/^from: .*$/m, line) : `${CONFIG_YAML}${line}\n`;
}

function configError(yaml: string): string {
  try {
    parseConfig(yaml, FILE);
  } catch (error) {
    assert.ok(error instanceof PaperboyError);
    assert.equal(error.exitCode, 2);
    return error.message;
  }
  assert.fail('expected a configuration error');
}

test('a `from` without an address is a config error naming the key and its file:line:column', () => {
  assert.equal(
    configError(configWith('from', '"The Alignment Digest"')),
    `${FILE}:3:7: Unexpected \`The Alignment Digest\` for \`from\`, expected an email address such as \`"The Alignment Digest" <news@example.org>\``,
  );
});

test('replyTo and listAddress are checked the same way, each error naming its key', () => {
  assert.match(configError(configWith('replyTo', 'the editor')), /:5:10: Unexpected `the editor` for `replyTo`, expected an email address/);
  assert.match(configError(configWith('listAddress', 'a@example.org, b@example.org')), /:5:14: Unexpected `a@example.org, b@example.org` for `listAddress`, expected one address/);
  assert.match(configError(configWith('listAddress', `'list: a@example.org;'`)), /for `listAddress`, expected one address/);
});

test('an unquoted display name the parser would change is refused, with the quoted form to write', () => {
  assert.equal(
    configError(configWith('from', 'Digest (Paris), weekly <digest@example.org>')),
    `${FILE}:3:7: Unexpected unquoted display name \`Digest (Paris), weekly\` for \`from\` (mail programs would show \`Digest, weekly\`), expected it in double quotes: \`"Digest (Paris), weekly" <digest@example.org>\``,
  );
});

test('a display name with a word too long to fold onto a header line is refused', () => {
  assert.match(configError(configWith('from', `'"${'W'.repeat(1500)}" <a@example.org>'`)), /Unexpected word of 1500 characters in the display name of `from`, expected at most 76/);
});

test('valid mailboxes are read once into name and address', () => {
  const config = parseConfig(configWith('replyTo', 'editor@example.org'), FILE);
  assert.deepEqual(config.from, { name: 'Test Newsletter', address: 'news@example.org' });
  assert.deepEqual(config.replyTo, { name: '', address: 'editor@example.org' });
  assert.deepEqual(parseConfig(configWith('from', `'"Zoë \\"Z\\" Digest" <z@example.org>'`), FILE).from, { name: 'Zoë "Z" Digest', address: 'z@example.org' });
});

test('paperboy render with a `from` lacking an address exits 2 with the key, file and position, no stack trace', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() }, configWith('from', 'The Alignment Digest'));
  const result = await runCli(['render', '1', '--format', 'eml'], { cwd: root });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /paperboy\.config\.yaml:3:7: Unexpected `The Alignment Digest` for `from`/);
  assert.doesNotMatch(result.stderr, /\n\s+at /);
  assert.equal(result.stdout, '');
});

test('a quoted display name with parentheses and commas survives into the From header, parsed back by mailparser', async () => {
  const from = `'"Digest (Paris), weekly" <digest@example.org>'`;
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() }, `${configWith('from', from)}replyTo: '"Editor (desk), Paris" <editor@example.org>'\n`);
  const mail = await parseEml((await renderAll(root, '1')).eml);
  assert.deepEqual(mail.from?.value, [{ name: 'Digest (Paris), weekly', address: 'digest@example.org' }]);
  const replyTo = mail.replyTo && !Array.isArray(mail.replyTo) ? mail.replyTo.value : [];
  assert.deepEqual(replyTo, [{ name: 'Editor (desk), Paris', address: 'editor@example.org' }]);
  const list = mail.headers.get('list') as Record<string, Record<string, string>>;
  assert.equal(list.unsubscribe!.mail, 'digest@example.org?subject=unsubscribe', 'the mailto is the address, not built from the name');
});
