import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig, parseConfig } from '../../src/config/load.js';
import { PaperboyError } from '../../src/errors.js';
import { runCli, spawnCli } from '../helpers/cli.js';
import { cleanIssue, CONFIG_YAML, configErrorOf, makeRoot } from '../helpers/fixture.js';

const FILE = '/news/paperboy.config.yaml';
const configError = (yaml: string) => configErrorOf(yaml, FILE);

test('defaults fill what the file leaves out, directories resolve against the root', () => {
  const config = parseConfig(CONFIG_YAML, FILE);
  assert.equal(config.issuesDir, '/news/issues');
  assert.equal(config.dataDir, '/news/.paperboy');
  assert.deepEqual(config.send, { rate: 20, concurrency: 5 });
  assert.equal(config.baseUrl, 'https://news.example.org/');
});

test('an unknown key inside send, email, lint or dkim gets a did-you-mean of that mapping\'s keys', () => {
  assert.equal(configError(`${CONFIG_YAML}send:\n  rate: 20\n  concurency: 5\n`).message, `${FILE}:7:3: Unexpected key \`send.concurency\`, expected \`concurrency\``);
  assert.equal(configError(`${CONFIG_YAML}email:\n  maxAuthor: 3\n`).message, `${FILE}:6:3: Unexpected key \`email.maxAuthor\`, expected \`maxAuthors\``);
  assert.equal(configError(`${CONFIG_YAML}lint:\n  rule: {}\n`).message, `${FILE}:6:3: Unexpected key \`lint.rule\`, expected \`rules\``);
  assert.match(configError(`${CONFIG_YAML}send:\n  zzzzzzzz: 1\n`).message, /Unexpected key `send.zzzzzzzz`, expected one of `rate`, `concurrency`/);
});

test('an unknown config key is never told to be a key the mapping has already: it is said to be unknown', () => {
  // CONFIG_YAML sets baseUrl (line 2).
  assert.equal(
    configError(`${CONFIG_YAML}baseUrl2: x\n`).message,
    `${FILE}:5:1: Unexpected key \`baseUrl2\`, an unknown key: \`baseUrl\`, which it resembles, is set already (keep one of the two, named \`baseUrl\`)`,
  );
  assert.match(configError(`${CONFIG_YAML}send:\n  rate: 5\n  rates: 6\n`).message, /Unexpected key `send\.rates`, an unknown key: `rate`, which it resembles, is set already/);
  // A near miss of a key not written yet is still suggested.
  assert.match(configError(`${CONFIG_YAML}send:\n  rate: 5\n  concurency: 6\n`).message, /Unexpected key `send\.concurency`, expected `concurrency`$/);
});

test('a required key misspelt is named as the unknown key it is, not as the key missing', () => {
  const dkim = configError(`${CONFIG_YAML}dkim:\n  domainName: example.org\n  keySelectr: mail\n`);
  assert.equal(dkim.message, `${FILE}:7:3: Unexpected key \`dkim.keySelectr\`, expected \`keySelector\``);
  const top = configError(CONFIG_YAML.replace('postalAddress:', 'postalAddres:'));
  assert.match(top.message, /:4:1: Unexpected key `postalAddres`, expected `postalAddress`$/);
  // A missing key with no near miss beside it is still reported as missing.
  assert.match(configError(`${CONFIG_YAML.replace(/postalAddress:.*\n/, '')}colour: blue\n`).message, /Missing key `postalAddress`/);
});

test('a baseUrl without a trailing slash gets one, so relative URLs resolve under it', () => {
  const config = parseConfig(CONFIG_YAML.replace('https://news.example.org/', 'https://example.org/news'), FILE);
  assert.equal(config.baseUrl, 'https://example.org/news/');
});

test('a baseUrl written otherwise than a browser writes it (a capital in the host, the default port) is read as every link made from it writes it', () => {
  const config = parseConfig(CONFIG_YAML.replace('https://news.example.org/', 'https://Example.ORG:443/news'), FILE);
  assert.equal(config.baseUrl, 'https://example.org/news/');
});

test('an unknown key names the file, line and column, with a did-you-mean', () => {
  const error = configError(`${CONFIG_YAML.replace(/^postalAddress: .*\n/m, '')}postalAdress: x\n`);
  assert.equal(error.message, `${FILE}:4:1: Unexpected key \`postalAdress\`, expected \`postalAddress\``);
  // Beside the key it resembles, set already: unknown, and not the next nearest key (`listAddress`) either.
  assert.equal(
    configError(`${CONFIG_YAML}postalAdress: x\n`).message,
    `${FILE}:5:1: Unexpected key \`postalAdress\`, an unknown key: \`postalAddress\`, which it resembles, is set already (keep one of the two, named \`postalAddress\`)`,
  );
});

test('a wrong value names the key path', () => {
  const error = configError(`${CONFIG_YAML}send: { rate: fast }\n`);
  assert.match(error.message, /:5:15: Unexpected text `fast` for `send\.rate`, expected a number$/);
});

test('a wrong value is said in words, with what to write: text that YAML read as a number, an empty value, a number out of range, a list as the config, a second document', () => {
  const named = (line: string) => CONFIG_YAML.replace(/^name:.*$/m, line);
  assert.equal(configError(named('name: 42')).message, `${FILE}:1:7: Unexpected number \`42\` for \`name\`, expected text: quote it, as in \`name: "42"\``);
  assert.equal(configError(named('name: true')).message, `${FILE}:1:7: Unexpected boolean \`true\` for \`name\`, expected text: quote it, as in \`name: "true"\``);
  assert.equal(configError(named("name: ''")).message, `${FILE}:1:7: Unexpected empty \`name\`, expected text`);
  assert.equal(configError(named('name:')).message, `${FILE}:1:6: Unexpected empty \`name\`, expected text`);
  assert.equal(configError(named('name: [a, b]')).message, `${FILE}:1:7: Unexpected list for \`name\`, expected text`);
  assert.match(configError(`${CONFIG_YAML}email: { maxAuthors: 0 }\n`).message, /: Unexpected `email\.maxAuthors` value `0`, expected at least 1$/);
  assert.match(configError(`${CONFIG_YAML}send: { concurrency: 500 }\n`).message, /: Unexpected `send\.concurrency` value `500`, expected at most 100$/);
  assert.equal(configError('- a\n- b\n').message, `${FILE}:1:1: Unexpected list as the whole config, expected a mapping of keys such as \`name:\`, \`baseUrl:\`, \`from:\` and \`postalAddress:\``);
  assert.match(configError(`${CONFIG_YAML}---\nname: Other\n`).message, /: Unexpected second YAML document \(after a `---` line\), expected one mapping of keys/);
  assert.match(configError(CONFIG_YAML.replace(/^postalAddress:.*\n/m, '')).message, /Missing key `postalAddress`, expected text$/);
});

test('a count written as a fraction or past the safe integers is told the whole number the key takes, in words: never zod\'s `int` nor 2^53 - 1', () => {
  assert.match(configError(`${CONFIG_YAML}send: { concurrency: 5.5 }\n`).message, /: Unexpected number `5\.5` for `send\.concurrency`, expected a whole number$/);
  assert.match(configError(`${CONFIG_YAML}email: { maxAuthors: 2.5 }\n`).message, /: Unexpected number `2\.5` for `email\.maxAuthors`, expected a whole number$/);
  assert.match(configError(`${CONFIG_YAML}send: { concurrency: 99999999999999999999 }\n`).message, /: Unexpected `send\.concurrency` value `99999999999999999999`, expected at most 100$/);
});

test('a missing required key is named', () => {
  const error = configError(CONFIG_YAML.replace(/^postalAddress:.*\n/m, ''));
  assert.match(error.message, /Missing key `postalAddress`/);
});

test('broken YAML is one message with its position', () => {
  const error = configError('name: [unclosed\n');
  assert.match(error.message, new RegExp(`^${FILE}:\\d+:\\d+: Unexpected YAML`));
});

test('a baseUrl too long for a header line (List-Unsubscribe) is a config error', () => {
  const yaml = CONFIG_YAML.replace('https://news.example.org/', `https://news.example.org/${'a'.repeat(600)}/`);
  assert.match(configError(yaml).message, /:2:10: Unexpected `baseUrl` of 626 characters, expected at most 500$/);
});

test('a baseUrl with a query or fragment is a config error at the value, saying a base URL cannot have one', () => {
  const cases: [string, string][] = [
    ['https://example.org/news?x=1', '`?x=1` at the end of `baseUrl`, expected the URL without it, as in `https://example.org/news`'],
    ['https://example.org/news/#top', '`#top` at the end of `baseUrl`, expected the URL without it, as in `https://example.org/news/`'],
    ['https://example.org/?', '`?` at the end of `baseUrl`, expected the URL without it, as in `https://example.org/`'],
  ];
  for (const [url, unexpected] of cases) {
    const error = configError(CONFIG_YAML.replace('https://news.example.org/', url));
    assert.equal(error.message, `${FILE}:2:10: Unexpected ${unexpected}: a base URL cannot have a query or fragment, every link is made by adding a path to it`, url);
  }
});

test('a baseUrl with a user name or password, or a broken percent-escape, is a config error at the value: emails would carry it to every subscriber', () => {
  const secret = configError(CONFIG_YAML.replace('https://news.example.org/', 'https://user:pw@news.example.org/news/'));
  assert.equal(secret.exitCode, 2);
  assert.equal(secret.message, `${FILE}:2:10: Unexpected user name or password in \`baseUrl\`, expected the URL without it, as in \`https://news.example.org/news/\`: every email would send it to every subscriber`);
  assert.match(configError(CONFIG_YAML.replace('https://news.example.org/', 'https://user@news.example.org/')).message, /Unexpected user name or password in `baseUrl`/);
  assert.match(configError(CONFIG_YAML.replace('https://news.example.org/', 'https://news.example.org/%zz/')).message, /:2:10: Unexpected `%` in `baseUrl` not followed by two hex digits/);
  assert.equal(parseConfig(CONFIG_YAML.replace('https://news.example.org/', 'https://news.example.org/caf%C3%A9/'), FILE).baseUrl, 'https://news.example.org/caf%C3%A9/');
});

test('feedIdBase is checked as baseUrl is, its own key named (a query, a password), and written as baseUrl is (lower-case host, a trailing slash)', () => {
  const line = CONFIG_YAML.split('\n').length;
  assert.match(configError(`${CONFIG_YAML}feedIdBase: https://old.example.org/?x=1\n`).message, new RegExp(`:${line}:13: Unexpected \`\\?x=1\` at the end of \`feedIdBase\``));
  assert.match(configError(`${CONFIG_YAML}feedIdBase: https://u:p@old.example.org/\n`).message, /Unexpected user name or password in `feedIdBase`, expected the URL without it, as in `https:\/\/old\.example\.org\/`: every feed would show it to every reader/);
  assert.equal(parseConfig(`${CONFIG_YAML}feedIdBase: https://Old.Example.ORG:443/news\n`, FILE).feedIdBase, 'https://old.example.org/news/');
  assert.equal(parseConfig(CONFIG_YAML, FILE).feedIdBase, undefined);
});

test('a config key that is not text (a number, a list) is an error at the key, and yaml prints no warning of its own', () => {
  const line = CONFIG_YAML.split('\n').length;
  assert.equal(configError(`${CONFIG_YAML}2: x\n`).message, `${FILE}:${line}:1: Unexpected key \`2\`, expected one of \`name\`, \`description\`, \`baseUrl\`, \`feedIdBase\`, \`from\`, \`replyTo\`, \`postalAddress\`, \`language\`, \`words\`, \`listAddress\`, \`issuesDir\`, \`templatesDir\`, \`staticDir\`, \`outDir\`, \`dataDir\`, \`send\`, \`sections\`, \`email\`, \`lint\`, \`subscribe\`, \`dkim\``);
  assert.match(configError(`${CONFIG_YAML}? [a]\n: x\n`).message, new RegExp(`:${line}:3: Unexpected key \`\\[ a \\]\``));
  const root = makeRoot({});
  writeFileSync(join(root, 'paperboy.config.yaml'), `${CONFIG_YAML}? [a]\n: x\n`);
  const result = spawnCli(['lint'], { cwd: root });
  assert.equal(result.code, 2);
  assert.doesNotMatch(result.stderr, /Warning|stringified/);
});

test('sections: one listed twice (as written or with other spacing) or with an empty level is a config error at it; send.rate 0 is no limit, as --rate 0', () => {
  const twice = configError(`${CONFIG_YAML}sections: [Evaluations, Technical alignment / Interpretability, Technical alignment  /  Interpretability ]\n`);
  assert.match(twice.message, /: Unexpected section `Technical alignment {2}\/ {2}Interpretability` listed twice in `sections`, expected each section once$/);
  for (const section of ["' / a'", "'a / '", "'a /  / b'"]) {
    assert.match(configError(`${CONFIG_YAML}sections: [${section}]\n`).message, /Unexpected section `.*` with an empty level, expected headings between its ` \/ `s/, section);
  }
  assert.deepEqual(parseConfig(`${CONFIG_YAML}sections: [Evaluations, Technical alignment / Interpretability]\n`, FILE).sections, ['Evaluations', 'Technical alignment / Interpretability']);
  assert.equal(parseConfig(`${CONFIG_YAML}send: { rate: 0 }\n`, FILE).send.rate, 0);
  assert.match(configError(`${CONFIG_YAML}send: { rate: -1 }\n`).message, /Unexpected `send\.rate` value `-1`, expected at least 0$/);
});

test('an alias with no anchor in the config is an error at the alias saying so, not an alias bomb', () => {
  const error = configError(`${CONFIG_YAML}description: *b\n`);
  assert.equal(error.exitCode, 2);
  const line = CONFIG_YAML.split('\n').length;
  assert.equal(error.message, `${FILE}:${line}:14: Unexpected alias \`*b\`, expected an anchor \`&b\` before it`);
});

test('a YAML alias bomb in the config is a configuration error at the alias that expands it, not an internal error', () => {
  const levels = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (const [i, name] of [...'bcdefghi'].entries()) levels.push(`${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`);
  const error = configError(`${CONFIG_YAML}${levels.join('\n')}\n`);
  assert.equal(error.exitCode, 2);
  assert.equal(error.message, `${FILE}:7:8: Unexpected YAML aliases expanding to more than 100 values, expected each value written out`);
});

test('config aliases repeating more than 10,000 characters of text (a long text anchored once and aliased) are a configuration error at the alias that passes the limit; a short one aliased is read', () => {
  const long = 'x'.repeat(6000);
  const error = configError(`${CONFIG_YAML}words: { a: &long "${long}", b: *long, c: *long }\n`);
  assert.equal(error.exitCode, 2);
  const line = CONFIG_YAML.split('\n').length;
  assert.match(error.message, new RegExp(`^${FILE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}:\\d+: Unexpected YAML aliases repeating more than 10,000 characters of text \\(12,000 in all\\), expected each value written out$`));
});

test('a config mapping of more than 1,000 keys is a configuration error at the first key past the limit, before yaml compares each key with the others', () => {
  const words = Array.from({ length: 5_000 }, (_, i) => `  w${i}: x`).join('\n');
  const started = Date.now();
  const error = configError(`${CONFIG_YAML}words:\n${words}\n`);
  assert.ok(Date.now() - started < 2_000, `took ${Date.now() - started} ms`);
  assert.equal(error.exitCode, 2);
  // `words:` is on the line after CONFIG_YAML's last; its 1,001st key 1,001 lines below.
  const line = CONFIG_YAML.split('\n').length + 1_001;
  assert.equal(error.message, `${FILE}:${line}:3: Unexpected YAML mapping of more than 1,000 keys, expected at most 1,000 (each mapping takes a few dozen keys): look for lines pasted by mistake`);
});

test('an unclosed [ or quote in the config is reported on its own line, not at the start of the next one', () => {
  // CONFIG_YAML has 4 lines: the broken value is on line 5.
  for (const [line, column, words] of [
    ['outDir: [dist', 13, 'Unexpected YAML'],
    ['outDir: "dist', 9, 'Missing closing `"`'],
  ] as const) {
    const error = configError(`${CONFIG_YAML}${line}\ndataDir: data\n`);
    assert.match(error.message, new RegExp(`^${FILE.replace(/[.]/g, '\\.')}:5:${column}: ${words}`), line);
  }
});

test('a lint rule setting that is not a severity says what it expects, at the value, with an example every rule takes, quoting a number as written', () => {
  for (const [setting, column, written] of [
    ['[]', 24, 'empty list'],
    ['{ level: warn }', 24, 'mapping'],
    ['250', 24, 'number `250`'],
    ['[yes, 300]', 25, 'text `yes` first in the list'],
    // A number is quoted as written, not as JavaScript prints it (`1e+30`, `9007199254740992`).
    ['1e30', 24, 'number `1e30`'],
    ['[9007199254740993, 300]', 25, 'number `9007199254740993` first in the list'],
  ] as const) {
    const error = configError(`${CONFIG_YAML}lint:\n  rules:\n    summary-max-words: ${setting}\n`);
    assert.equal(
      error.message,
      `${FILE}:7:${column}: Unexpected ${written} for \`lint.rules.summary-max-words\`, expected a severity, such as \`summary-max-words: warn\`: a severity is \`off\`, \`warn\` or \`error\` (or 0, 1, 2), alone, or first in a list with the options of a rule that takes them`,
      setting,
    );
    assert.match(error.hint ?? '', /^Fix paperboy\.config\.yaml; .*docs\/config\.md lists every key/);
  }
});

test('a misspelt lint rule severity is named with the word meant, in the setting as written, never with options the rule may not take', () => {
  const alone = configError(`${CONFIG_YAML}lint:\n  rules:\n    opinion-missing: warning\n`);
  assert.equal(alone.message, `${FILE}:7:22: Unexpected severity \`warning\` for \`lint.rules.opinion-missing\`, expected \`warn\`, as in \`opinion-missing: warn\`: a severity is \`off\`, \`warn\` or \`error\` (or 0, 1, 2)`);
  const listed = configError(`${CONFIG_YAML}lint:\n  rules:\n    summary-max-words: [eror, 250]\n`);
  assert.match(listed.message, /:7:25: Unexpected severity `eror` for `lint\.rules\.summary-max-words`, expected `error`, as in `summary-max-words: \[error, 250\]`/);
  // Two letters from `off` is no typo of it: `on` means the opposite.
  assert.doesNotMatch(configError(`${CONFIG_YAML}lint:\n  rules:\n    opinion-missing: on\n`).message, /expected `off`/);
});

test('a config saved as UTF-16 or Latin-1 is an error saying to save it as UTF-8, at the first byte that is not: never read with stray characters', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-encoding-'));
  const file = join(dir, 'paperboy.config.yaml');
  writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CONFIG_YAML, 'utf16le')]));
  await assert.rejects(loadConfig(dir), (error: PaperboyError) => error.exitCode === 2 && error.message === `${file}:1:1: Unexpected UTF-16 text (its byte-order mark), expected UTF-8: save the file as UTF-8`);
  writeFileSync(file, Buffer.from(CONFIG_YAML.replace(/^name:.*$/m, 'name: Caf\u00e9 Digest'), 'latin1'));
  await assert.rejects(loadConfig(dir), (error: PaperboyError) => error.message.startsWith(`${file}:1:10: Unexpected bytes that are not UTF-8`));
});

test('a config saved with classic Mac line ends (a lone CR, as an issue file may be) is read line by line, and a mistake in it is said at its line: it read as one comment line, "Missing key `name`" at 1:1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-cr-'));
  const file = join(dir, 'paperboy.config.yaml');
  writeFileSync(file, `# The newsletter's settings\n${CONFIG_YAML}`.replace(/\n/g, '\r'));
  const config = await loadConfig(dir);
  assert.equal(config.name, 'Test Newsletter');
  assert.equal(config.postalAddress, '1 Example Street, Example City');
  writeFileSync(file, `# The newsletter's settings\n${CONFIG_YAML}sendd: {}\n`.replace(/\n/g, '\r'));
  await assert.rejects(loadConfig(dir), (error: PaperboyError) => error.exitCode === 2 && error.message.startsWith(`${file}:6:1: Unexpected key \`sendd\``));
});

test('a missing config says whether the folder or the file is missing, and how to start a newsletter, not the system error code', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'paperboy-noconfig-'));
  await assert.rejects(loadConfig(empty), (error: PaperboyError) => {
    assert.equal(error.message, `There is no paperboy.config.yaml in ${empty}`);
    assert.match(error.hint!, /write paperboy\.config\.yaml with `name`, `baseUrl`, `from` and `postalAddress`.*`paperboy new`/);
    return true;
  });
  const nowhere = join(empty, 'not-made');
  await assert.rejects(loadConfig(nowhere), (error: PaperboyError) => {
    assert.equal(error.message, `There is no folder ${nowhere}`);
    assert.doesNotMatch(`${error.message} ${error.hint}`, /ENOENT/);
    return true;
  });
});

test('a baseUrl that is not an absolute http(s) URL is a config error saying what to write, not "Invalid URL"', () => {
  for (const url of ['newsletter.example.org', 'ftp://example.org/', '/news/']) {
    const yaml = CONFIG_YAML.replace(/^baseUrl: .*$/m, `baseUrl: ${url}`);
    assert.match(configError(yaml).message, /Unexpected value for `baseUrl`: expected an absolute http\(s\) URL, such as `https:\/\/newsletter\.example\.org\/`/, url);
  }
  // Written without its scheme, it is offered with one.
  assert.match(configError(CONFIG_YAML.replace(/^baseUrl: .*$/m, 'baseUrl: digest.example.org/news')).message, /expected an absolute http\(s\) URL, such as `https:\/\/digest\.example\.org\/news`$/);
});

test('dkim.domainName and dkim.keySelector are DNS names (RFC 6376 §3.1), refused at their value otherwise, an internationalized domain taken as its A-labels', () => {
  const dkim = (domainName: string, keySelector: string) => `${CONFIG_YAML}dkim:\n  domainName: ${domainName}\n  keySelector: ${keySelector}\n`;
  assert.equal(
    configError(dkim('"exa mple.org"', 'mail')).message,
    `${FILE}:6:15: Unexpected \`exa mple.org\` for \`dkim.domainName\`: it holds a space, expected letters, digits, hyphens and dots (RFC 5321 §4.1.2)`,
  );
  assert.equal(
    configError(dkim('example.org', '"m ail"')).message,
    `${FILE}:7:16: Unexpected \`m ail\` for \`dkim.keySelector\`: it holds a space, expected letters, digits, hyphens and dots (RFC 5321 §4.1.2)`,
  );
  assert.equal(
    configError(dkim('example.org', '"mail\\r\\nX-Evil: 1"')).message,
    `${FILE}:7:16: Unexpected "mail\\r\\nX-Evil: 1" for \`dkim.keySelector\`: it holds U+000D, expected letters, digits, hyphens and dots (RFC 5321 §4.1.2)`,
  );
  assert.match(configError(dkim('example..org', 'mail')).message, /:6:15: Unexpected `example\.\.org` for `dkim\.domainName`: it has an empty label/);
  assert.match(configError(dkim('example.org', '-mail')).message, /:7:16: .*its label `-mail` starts or ends with a hyphen/);
  assert.match(configError(dkim('example.org', 'mail;x=1')).message, /it holds `;`/);
  assert.deepEqual(parseConfig(dkim('exämple.org', '2024.mail'), FILE).dkim, { domainName: 'xn--exmple-cua.org', keySelector: '2024.mail' });
  assert.deepEqual(parseConfig(dkim('Example.org', 'Mail'), FILE).dkim, { domainName: 'Example.org', keySelector: 'Mail' });
});

test('a YAML tag the config does not know is an error at the tag, not read as if it were not there', () => {
  assert.equal(
    configError(CONFIG_YAML.replace('name: Test Newsletter', 'name: !!js/function "x"')).message,
    `${FILE}:1:7: Unexpected YAML tag \`!!js/function\`, expected the value without it: the config reads plain text, numbers, lists and mappings`,
  );
  assert.match(configError(`${CONFIG_YAML}outDir: !local public\n`).message, /:5:9: Unexpected YAML tag `!local`/);
  assert.equal(parseConfig(CONFIG_YAML.replace('name: Test Newsletter', 'name: !!str 2024'), FILE).name, '2024');
});

test('a value a standard YAML tag makes binary data, a date, a set or an ordered mapping is said as that, with the type the key takes, not read as a mapping of its bytes or as no keys', () => {
  const cases: [line: string, expected: string][] = [
    ['send: !!binary aGVsbG8=', `${FILE}:5:7: Unexpected binary data (\`!!binary\`) for \`send\`, expected a mapping of keys`],
    ['send: !!timestamp 2001-12-14', `${FILE}:5:7: Unexpected date (\`!!timestamp\`) for \`send\`, expected a mapping of keys`],
    ['send: !!set {a}', `${FILE}:5:7: Unexpected set (\`!!set\`) for \`send\`, expected a mapping of keys`],
    ['sections: !!omap [a: 1]', `${FILE}:5:11: Unexpected ordered mapping (\`!!omap\`) for \`sections\`, expected a list`],
    ['description: !!binary aGVsbG8=', `${FILE}:5:14: Unexpected binary data (\`!!binary\`) for \`description\`, expected text: write it without the tag`],
    ['send:\n  rate: !!timestamp 2001-12-14', `${FILE}:6:9: Unexpected date (\`!!timestamp\`) for \`send.rate\`, expected a number`],
  ];
  for (const [line, expected] of cases) assert.equal(configError(`${CONFIG_YAML}${line}\n`).message, expected, line);
});

test('config YAML nested past 64 levels is refused at the first place past the limit, before the parse runs out of stack', () => {
  const flow = configError(`${CONFIG_YAML}lint: ${'['.repeat(5_000)}\n`).message;
  assert.equal(flow, `${FILE}:5:70: Unexpected YAML nested more than 64 levels deep (mappings, sequences and \`[…]\` or \`{…}\` inside each other), expected at most 64: flatten it`);
  assert.doesNotMatch(flow, /call stack/);
  assert.match(configError(`${CONFIG_YAML}lint: ${'['.repeat(50)}${']'.repeat(50)}\n`).message, /:5:7: Unexpected list for `lint`, expected a mapping of keys/);
});

test('templatesDir set to a missing folder or to a file is a config error at its value (exit 2 from every command); the default `templates` may be missing', async () => {
  const cases: [value: string, problem: RegExp][] = [
    ['my-templats', /:5:15: Unexpected value for `templatesDir`: there is no folder .*my-templats, expected the folder of the newsletter's template overrides$/m],
    ['paperboy.config.yaml', /:5:15: Unexpected value for `templatesDir`: .*paperboy\.config\.yaml is a file, expected the folder/],
  ];
  for (const [value, problem] of cases) {
    const root = makeRoot({ 'issues/0001-x.md': cleanIssue() }, `${CONFIG_YAML}templatesDir: ${value}\n`);
    await assert.rejects(loadConfig(root), (error: PaperboyError) => {
      assert.equal(error.code, 'CONFIG_INVALID');
      assert.match(error.message, problem);
      return true;
    });
    const result = await runCli(['render', '1'], { cwd: root });
    assert.equal(result.code, 2, value);
    assert.match(result.stderr, problem);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  }
  const bare = makeRoot({ 'issues/0001-x.md': cleanIssue() });
  assert.equal((await loadConfig(bare)).templatesDir, join(bare, 'templates'));
  // Written as docs/config.md's example writes every default, it is optional still.
  const written = makeRoot({ 'issues/0001-x.md': cleanIssue() }, `${CONFIG_YAML}templatesDir: templates\n`);
  assert.equal((await loadConfig(written)).templatesDir, join(written, 'templates'));
  writeFileSync(join(bare, 'templates'), 'not a folder');
  await assert.rejects(loadConfig(bare), /paperboy\.config\.yaml: Unexpected templates folder: .*templates is a file, expected a folder of template overrides/);
  const set = makeRoot({ 'issues/0001-x.md': cleanIssue() }, `${CONFIG_YAML}templatesDir: shared/templates\n`);
  mkdirSync(join(set, 'shared', 'templates'), { recursive: true });
  assert.equal((await loadConfig(set)).templatesDir, join(set, 'shared', 'templates'));
});

test('a key written twice in the config is named, with the line of the first, at the second', () => {
  const message = configError(`${CONFIG_YAML}send:\n  rate: 5\nname: Other Newsletter\n`);
  assert.equal(message.message, `${FILE}:7:1: Unexpected second \`name\` key (the first is on line 1), expected each key once: keep one of the two`);
  const nested = configError(`${CONFIG_YAML}send:\n  rate: 5\n  rate: 6\n`);
  assert.equal(nested.message, `${FILE}:7:3: Unexpected second \`rate\` key (the first is on line 6), expected each key once: keep one of the two`);
});

test('a config value holding a line break is quoted on one line in its error, the break shown as ⏎', () => {
  const message = configError(CONFIG_YAML.replace(/^from: .*$/m, 'from: "Digest\\r\\nBcc: evil@example.org <d@example.org>"')).message;
  assert.ok(!/[\r\n]/.test(message), message);
  assert.match(message, /Unexpected `Digest⏎Bcc: evil@example\.org <d@example\.org>` for `from`/);
});

test('a YAML 1.1 merge key in the config is named as one, at its line', () => {
  const message = configError(`${CONFIG_YAML}defaults: &d\n  rate: 5\nsend:\n  <<: *d\n`).message;
  assert.match(message, /:\d+:3: Unexpected merge key `<<`, expected the keys written out here/);
});

test('a rule name or a templatesDir holding a line break is quoted on one line in its error too', async () => {
  for (const [yaml, said] of [
    ['lint:\n  rules:\n    "summary-max\\nwords": error\n', /Unexpected rule `summary-max⏎words` in `lint\.rules`/],
    ['templatesDir: "tem\\nplates"\n', /there is no folder .*tem⏎plates, expected the folder/],
  ] as const) {
    const root = makeRoot({ 'issues/0001-x.md': cleanIssue() }, `${CONFIG_YAML}${yaml}`);
    const result = await runCli(['lint'], { cwd: root });
    assert.equal(result.code, 2, result.stderr);
    const [first] = result.stderr.split('\n');
    assert.match(first!, said);
  }
});

test('a control character in a config text (name, description, postalAddress, a section) is a config error at its value naming it as U+XXXX; tab and line feed are text', () => {
  const cases: [key: string, yaml: string, expected: RegExp][] = [
    ['name', CONFIG_YAML.replace('name: Test Newsletter', 'name: "a\\u0007b\\u001b[31mred"'), /^\/news\/paperboy\.config\.yaml:1:7: Unexpected control character U\+0007 in `name`, expected printable text/],
    ['description', `${CONFIG_YAML}description: "Monthly\\e[2J"\n`, /:5:14: Unexpected control character U\+001B in `description`/],
    ['postalAddress', CONFIG_YAML.replace('postalAddress: 1 Example Street, Example City', 'postalAddress: "1 Street\\r\\nCity"'), /:4:16: Unexpected control character U\+000D in `postalAddress`/],
    ['sections', `${CONFIG_YAML}sections: [Evaluations, "Gover\\x85nance"]\n`, /:5:25: Unexpected control character U\+0085 in `sections`/],
    ['noncharacter', `${CONFIG_YAML}description: "x\\uffff"\n`, /Unexpected noncharacter U\+FFFF in `description`/],
  ];
  for (const [key, yaml, expected] of cases) {
    const error = configError(yaml);
    assert.match(error.message, expected, key);
    assert.equal(error.message.includes('\n'), false, key);
  }
  const config = parseConfig(`${CONFIG_YAML}description: "Papers\\tand opinions"\nsections: ["A\\tB"]\n`, FILE);
  assert.equal(config.description, 'Papers\tand opinions');
  assert.equal(parseConfig(`${CONFIG_YAML}description: |\n  Two\n  lines\n`, FILE).description, 'Two\nlines\n');
});

test('render and build stop with exit 2 at a config name holding a terminal escape, nothing written', async () => {
  const root = makeRoot({ 'issues/0001-a.md': cleanIssue({ status: 'ready' }) }, CONFIG_YAML.replace('name: Test Newsletter', 'name: "a\\u0007b\\u001b[31mred"'));
  for (const argv of [['render', '1'], ['build']]) {
    const result = await runCli(argv, { cwd: root });
    assert.equal(result.code, 2, argv.join(' '));
    assert.equal(result.stdout, '', argv.join(' '));
    assert.match(result.stderr, /paperboy\.config\.yaml:1:7: Unexpected control character U\+0007 in `name`/);
    assert.equal(result.stderr.includes('\u0007') || result.stderr.includes('\u001b'), false, 'no BEL or ESC reaches the terminal');
  }
  assert.equal(existsSync(join(root, 'dist')), false);
});

test('a config key with no name (`: x`, `~: x`) is named by what was written, at it, not as the key ``', () => {
  assert.equal(
    configError(`${CONFIG_YAML}: x\n`).message,
    `${FILE}:5:1: Unexpected \`: x\` with no key before the \`:\`, expected one of \`name\`, \`description\`, \`baseUrl\`, \`feedIdBase\`, \`from\`, \`replyTo\`, \`postalAddress\`, \`language\`, \`words\`, \`listAddress\`, \`issuesDir\`, \`templatesDir\`, \`staticDir\`, \`outDir\`, \`dataDir\`, \`send\`, \`sections\`, \`email\`, \`lint\`, \`subscribe\`, \`dkim\``,
  );
  assert.match(configError(`${CONFIG_YAML}~: x\n`).message, /:5:1: Unexpected key `~`, which YAML reads as no name, expected one of `name`, /);
  assert.equal(configError(`${CONFIG_YAML}send:\n  rate: 20\n  : 5\n`).message, `${FILE}:7:3: Unexpected \`: 5\` with no key before the \`:\`, expected one of \`rate\`, \`concurrency\``);
  // Under `lint.rules`, whose keys are rules the linter knows.
  assert.equal(
    configError(`${CONFIG_YAML}lint:\n  rules:\n    : warn\n`).message,
    `${FILE}:7:5: Unexpected \`: warn\` with no key before the \`:\`, expected a rule's id before the \`:\` (\`paperboy lint --list-rules\` lists them)`,
  );
});

test('subscribe.allowedOrigins: each an origin, written as a browser sends it (host in lower case, no default port, no trailing slash); a path, a wildcard or another scheme is an error at the entry', () => {
  const config = parseConfig(`${CONFIG_YAML}subscribe:\n  allowedOrigins:\n    - https://Blog.Example.org:443/\n    - http://localhost:3000\n`, FILE);
  assert.deepEqual(config.subscribe, { allowedOrigins: ['https://blog.example.org', 'http://localhost:3000'], confirmationsPerHour: 500 });
  assert.equal(
    configError(`${CONFIG_YAML}subscribe:\n  allowedOrigins:\n    - https://blog.example.org\n    - https://blog.example.org/subscribe\n`).message,
    `${FILE}:8:7: Unexpected \`https://blog.example.org/subscribe\` in \`subscribe.allowedOrigins\`, expected an origin (a scheme and a host, and a port if not the usual one), such as \`https://blog.example.org\`: a browser says which page sent a form by its origin alone, with no path or wildcard`,
  );
  for (const entry of ['"*"', 'ftp://blog.example.org', 'blog.example.org', 'https://blog.example.org/?a=1', 'https://user@blog.example.org']) {
    assert.match(configError(`${CONFIG_YAML}subscribe:\n  allowedOrigins: [${entry}]\n`).message, /:6:\d+: Unexpected `.+` in `subscribe\.allowedOrigins`, expected an origin/, entry);
  }
  assert.match(configError(`${CONFIG_YAML}subscribe:\n  confirmationsPerHour: 0\n`).message, /:6:\d+: Unexpected `subscribe\.confirmationsPerHour` value `0`, expected more than 0$/);
});

test('a tab indenting a line of the config is said as in an issue, at the tab, with the spaces to write where the keys beside it tell', () => {
  assert.equal(
    configError(`${CONFIG_YAML}send:\n  concurrency: 2\n\trate: 5\n`).message,
    `${FILE}:7:1: Unexpected tab indenting this line, expected spaces (YAML indents with spaces only): replace the tab with 2 spaces, so that the line is indented 2 spaces, like the other keys of \`send\``,
  );
  assert.equal(
    configError(`${CONFIG_YAML}sections:\n  - Evaluation\n\t- Optimization\n`).message,
    `${FILE}:7:1: Unexpected tab indenting this line, expected spaces (YAML indents with spaces only): replace the tab with spaces`,
  );
});
