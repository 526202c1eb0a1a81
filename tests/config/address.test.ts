import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseMailbox } from '../../src/config/address.js';
import { parseConfig } from '../../src/config/load.js';
import { runCli } from '../helpers/cli.js';
import { cleanIssue, CONFIG_YAML, configErrorOf, makeRoot } from '../helpers/fixture.js';
import { parseEml, renderAll } from '../helpers/render.js';

const FILE = '/news/paperboy.config.yaml';
const configError = (yaml: string) => configErrorOf(yaml, FILE).message;

/** CONFIG_YAML with `key: value` (a YAML scalar as written) in place of its `from`, or added. */
function configWith(key: string, value: string): string {
  const line = `${key}: ${value}`;
  return key === 'from' ? CONFIG_YAML.replace(/^from: .*$/m, line) : `${CONFIG_YAML}${line}\n`;
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

test('an internationalized domain is kept as its A-labels, so From, the mailto and the envelope carry ASCII', async () => {
  assert.deepEqual(parseConfig(configWith('from', '"Dö <news@exämple.org>"'), FILE).from, { name: 'Dö', address: 'news@xn--exmple-cua.org' });
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue() }, configWith('from', '"Dö <news@exämple.org>"'));
  const { eml } = await renderAll(root, '1');
  const head = eml.toString('utf8').split('\r\n\r\n')[0]!;
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(head, /[^\x00-\x7f]/, 'every header is ASCII');
  assert.match(head, /^From: \S+ <news@xn--exmple-cua\.org>\r\n/m);
  assert.match(head, /<mailto:news@xn--exmple-cua\.org\?subject=unsubscribe>/);
  // mailparser shows the domain in Unicode again.
  assert.deepEqual((await parseEml(eml)).from?.value, [{ name: 'Dö', address: 'news@exämple.org' }]);
});

test('an address whose part before the @ is not ASCII is refused at its value, saying it needs SMTPUTF8', () => {
  assert.equal(
    configError(configWith('from', '"Dö <dö@exämple.org>"')),
    `${FILE}:3:7: Unexpected \`dö@exämple.org\` for \`from\`: its part before the @, \`dö\`, is not ASCII, expected ASCII letters, digits and punctuation there: such an address needs SMTPUTF8 (RFC 6531) on every mail server on its way, which paperboy cannot count on`,
  );
});

test('a display name holding =? is refused: mail programs would decode it as an encoded word (RFC 2047)', () => {
  assert.match(
    configError(configWith('from', `'"=?UTF-8?B?SGVsbG8=?= world" <news@example.org>'`)),
    /:3:7: Unexpected `=\?` in the display name `=\?UTF-8\?B\?SGVsbG8=\?= world` of `from`, expected a name without it/,
  );
});

test('an address that is not one local@domain is refused for what it is, with no made-up correction', () => {
  const cases: [string, string, string][] = [
    ['from', '"D <a@x.org, b@y.org>"', `${FILE}:3:7: Unexpected \`a@x.org, b@y.org\` for \`from\`, expected one address such as \`news@example.org\``],
    ['from', '"D <d@exa mple.org>"', `${FILE}:3:7: Unexpected domain \`exa mple.org\` in \`d@exa mple.org\` for \`from\`: it holds a space, expected letters, digits, hyphens and dots (RFC 5321 §4.1.2)`],
    ['replyTo', `'a@@b'`, `${FILE}:5:10: Unexpected \`a@@b\` for \`replyTo\`, expected one \`@\` between a local part of letters, digits and dots and a domain, such as \`news@example.org\``],
    ['from', '"D <a@x.org> <b@y.org>"', `${FILE}:3:7: Unexpected \`D <a@x.org> <b@y.org>\` for \`from\`, expected one address such as \`"Example Newsletter" <news@example.org>\``],
    ['from', '"D <d@exa_mple.org>"', `${FILE}:3:7: Unexpected domain \`exa_mple.org\` in \`d@exa_mple.org\` for \`from\`: it holds \`_\`, expected letters, digits, hyphens and dots (RFC 5321 §4.1.2)`],
    ['from', '"D <d@example>"', `${FILE}:3:7: Unexpected domain \`example\` in \`d@example\` for \`from\`, expected a domain name with its top-level part, such as \`example.org\``],
    ['from', '"D <d@1.2.3.4>"', `${FILE}:3:7: Unexpected domain \`1.2.3.4\` in \`d@1.2.3.4\` for \`from\`, expected a domain name with its top-level part, such as \`example.org\``],
    ['replyTo', '"x@x.123"', `${FILE}:5:10: Unexpected domain \`x.123\` in \`x@x.123\` for \`replyTo\`, expected a domain name with its top-level part, such as \`example.org\``],
    ['from', '".d@example.org"', `${FILE}:3:7: Unexpected \`.d@example.org\` for \`from\`: its part before the @, \`.d\`, starts or ends with a dot or has two in a row, expected dots only between other characters, such as \`news.desk@example.org\``],
    ['replyTo', '"d..x@example.org"', `${FILE}:5:10: Unexpected \`d..x@example.org\` for \`replyTo\`: its part before the @, \`d..x\`, starts or ends with a dot or has two in a row, expected dots only between other characters, such as \`news.desk@example.org\``],
  ];
  for (const [key, value, message] of cases) assert.equal(configError(configWith(key, value)), message, value);
  assert.deepEqual(parseConfig(configWith('from', `'"News <weekly>" <news@example.org>'`), FILE).from, { name: 'News <weekly>', address: 'news@example.org' });
});

/** Values near the mistakes editors make: names, quotes, brackets, commas, parentheses, @s, spaces, `=?`, other scripts. */
const mailboxText = fc
  .array(fc.oneof(fc.constantFrom('D', 'Digest', ' ', '"', '\\', '<', '>', ',', '(', ')', '@', '@@', 'a', 'x.org', 'exa mple', 'ö', '=?', ';', ':', '.', '-', '_'), fc.string({ maxLength: 3 })), { maxLength: 10 })
  .map((pieces) => pieces.join('').trim())
  .filter((value) => !value.includes('`'));

test('every correction a problem offers is itself a valid value', () => {
  const offered = (problem: string) => /(?:expected an email address such as|expected it in double quotes:) `([^`]*)`$/.exec(problem)?.[1];
  const check = (value: string) => {
    const result = parseMailbox(value, 'from');
    const suggestion = 'problem' in result ? offered(result.problem) : undefined;
    if (suggestion !== undefined) assert.ok('mailbox' in parseMailbox(suggestion, 'from'), `${value} → ${suggestion}`);
  };
  for (const value of ['D <a@x.org, b@y.org>', 'D <d@exa mple.org>', 'a@@b', 'The Alignment Digest', 'Digest (Paris), weekly <d@example.org>', '=?x?= <a@b.org>', 'D <>', '<>']) check(value);
  fc.assert(fc.property(mailboxText, check), { seed: 5322, numRuns: 2000 });
});
