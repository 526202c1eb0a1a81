import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import GithubSlugger from 'github-slugger';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { parseConfig } from '../src/config/load.js';
import { configSchema } from '../src/config/schema.js';
import { isPaperboyError } from '../src/errors.js';
import { issueSchema } from '../src/issue/schema.js';
import { RULES_DOC_COMMAND } from '../src/lint/format/rule-list.js';
import { rules } from '../src/lint/rules/index.js';
import { loadTemplates } from '../src/render/templates.js';
import { runCli } from './helpers/cli.js';
import { makeRoot } from './helpers/fixture.js';

/**
 * The user documentation in docs/ is checked against the code it describes:
 * the key lists come from the zod schemas, the commands and flags from the
 * CLI's own --help, the rules from the rule modules. Adding a key, a flag or
 * a rule without documenting it fails here.
 */

const REPO = fileURLToPath(new URL('..', import.meta.url));
const readDoc = (name: string) => readFileSync(join(REPO, 'docs', name), 'utf8');

/** A zod schema without its optional/default/catch wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault || inner instanceof z.ZodCatch) {
    inner = inner.def.innerType as z.ZodType;
  }
  return inner;
}

/** Every key of an object schema, nested objects' keys as `parent.child`. */
function keyPaths(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape).flatMap(([key, value]) => {
    const inner = unwrap(value as z.ZodType);
    return [key, ...(inner instanceof z.ZodObject ? keyPaths(inner).map((child) => `${key}.${child}`) : [])];
  });
}

/** The keys in the first column of the tables under a `## heading` of a docs page. */
function documentedKeys(page: string, heading: string): string[] {
  const lines = readDoc(page).split('\n');
  const start = lines.indexOf(`## ${heading}`);
  assert.notEqual(start, -1, `docs/${page} has no "## ${heading}" section`);
  const end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  return lines
    .slice(start, end === -1 ? undefined : end)
    .map((line) => /^\| `([^`]+)` \|/.exec(line)?.[1])
    .filter((key): key is string => key !== undefined);
}

function assertSameKeys(documented: string[], expected: string[], where: string, source: string) {
  const missing = expected.filter((key) => !documented.includes(key));
  const unknown = documented.filter((key) => !expected.includes(key));
  assert.deepEqual(missing, [], `${where} lacks ${missing.map((k) => `\`${k}\``).join(', ')}: document each with its type, default and an example (keys from ${source})`);
  assert.deepEqual(unknown, [], `${where} documents ${unknown.map((k) => `\`${k}\``).join(', ')}, which ${source} does not have`);
}

test('docs/config.md documents every key of the config schema, nested keys included, and no other', () => {
  const expected = keyPaths(configSchema);
  assert.ok(expected.includes('send.rate') && expected.includes('dkim.keySelector'), 'nested keys are derived from the schema');
  assertSameKeys(documentedKeys('config.md', 'Keys'), expected, 'docs/config.md "Keys"', 'src/config/schema.ts');
});

/** The cells of each row of the tables under a `## heading` of a docs page whose first cell is a `key` (`\\|` inside a cell is text). */
function documentedRows(page: string, heading: string): string[][] {
  const lines = readDoc(page).split('\n');
  const start = lines.indexOf(`## ${heading}`);
  const end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  return lines
    .slice(start, end === -1 ? undefined : end)
    .filter((line) => /^\| `[^`]+` \|/.test(line))
    .map((line) => line.slice(1, -1).split(/(?<!\\)\|/).map((cell) => cell.trim()));
}

test("docs/config.md's default of every key is what a config that leaves the key out gets", () => {
  const root = '/newsletter';
  const config = parseConfig('name: x\nbaseUrl: https://x.example.org/\nfrom: x@example.org\npostalAddress: x\n', join(root, 'paperboy.config.yaml')) as unknown as Record<string, unknown>;
  // The table of keys (key, type, required, default, example, what it is), not the words' below it.
  const rows = documentedRows('config.md', 'Keys').filter((row) => row.length === 6);
  const keys = rows.map(([key]) => key!.slice(1, -1));
  let compared = 0;
  for (const [cell, type = '', , shown = ''] of rows) {
    const key = cell!.slice(1, -1);
    const actual = key.split('.').reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], config);
    // `—` (required, or required with its parent) and `none…`: the key is unset when left out.
    if (shown === '—' || shown.startsWith('none')) {
      if (!['name', 'baseUrl', 'from', 'postalAddress'].includes(key)) assert.equal(actual, undefined, `docs/config.md says \`${key}\` has no default, but a config without it gets ${JSON.stringify(actual)}`);
      continue;
    }
    const code = /^`([^`]*)`$/.exec(shown)?.[1];
    assert.ok(code !== undefined, `docs/config.md writes the default of \`${key}\` as ${shown}, expected it in backticks, \`none\` or \`—\``);
    // A default that is another key's value (`feedIdBase`: `baseUrl`) is applied where it is used.
    if (keys.includes(code)) continue;
    const documented: unknown = parseYaml(code);
    // A folder is read from the newsletter's folder.
    const expected = type === 'directory' ? resolve(root, documented as string) : documented;
    assert.deepEqual(actual, expected, `docs/config.md gives \`${key}\` the default ${shown}; a config without it gets ${JSON.stringify(actual)}`);
    compared++;
  }
  assert.ok(compared >= 10, 'the defaults are read from the Keys table');
});

/** The first fenced block of a language in a docs page. */
function exampleBlock(page: string, language: string): string {
  const block = new RegExp(`^\`\`\`${language}\n([\\s\\S]*?)^\`\`\`$`, 'm').exec(readDoc(page))?.[1];
  assert.ok(block, `docs/${page} has no \`\`\`${language} example`);
  return block;
}

test('the example config of docs/config.md is a valid config', () => {
  const config = parseConfig(exampleBlock('config.md', 'yaml'), '/newsletter/paperboy.config.yaml');
  assert.deepEqual(config.lint.rules, { 'summary-max-words': ['warn', 250] });
});

test('the example issue of docs/issue-format.md has no lint message but its two cross-references, which lead outside a one-issue newsletter', async () => {
  const root = makeRoot({ 'issues/0042-steering.md': exampleBlock('issue-format.md', 'markdown') }, exampleBlock('config.md', 'yaml'));
  const result = await runCli(['lint', '--no-cache', '--format', 'json'], { cwd: root });
  const [file] = JSON.parse(result.stdout) as { messages: { ruleId: string; message: string }[] }[];
  assert.deepEqual(
    file!.messages.map((m) => m.ruleId),
    ['xref-unknown', 'xref-unknown'],
    JSON.stringify(file!.messages, null, 1),
  );
});

test("docs/config.md's message for a misspelt key is what a command prints for its example config with `outDir` written `outdir`", async () => {
  const root = makeRoot({}, exampleBlock('config.md', 'yaml').replace(/^outDir:/m, 'outdir:'));
  const result = await runCli(['lint'], { cwd: root });
  assert.equal(result.code, 2, result.stderr);
  const shown = /^```\n(paperboy: \S+: Unexpected key `outdir`[\s\S]*?)^```$/m.exec(readDoc('config.md'))?.[1];
  assert.ok(shown, 'docs/config.md shows the message for `outdir`');
  // The page's paths are those of a newsletter and of paperboy on one machine.
  assert.equal(result.stderr.replaceAll(root, '/home/jane/digest').replaceAll(REPO, '/home/jane/paperboy/'), shown);
});

test('docs/config.md names the environment variables that hold the secrets', () => {
  const config = readDoc('config.md');
  for (const variable of ['SMTP_URL', 'PAPERBOY_SECRET', 'DKIM_PRIVATE_KEY_FILE']) assert.match(config, new RegExp(`\\| \`${variable}\` \\|`));
});

test('docs/issue-format.md documents every frontmatter key of the issue schema and no other', () => {
  assertSameKeys(documentedKeys('issue-format.md', 'Issue keys'), Object.keys(issueSchema.shape), 'docs/issue-format.md "Issue keys"', 'src/issue/schema.ts');
});

test("docs/issue-format.md documents every key of a paper, as the issue schema's papers read it, and no other", () => {
  const papers = unwrap(issueSchema.shape.papers);
  assert.ok(papers instanceof z.ZodArray);
  const paper = unwrap(papers.element as z.ZodType);
  assert.ok(paper instanceof z.ZodObject);
  assertSameKeys(documentedKeys('issue-format.md', 'Paper keys'), Object.keys(paper.shape), 'docs/issue-format.md "Paper keys"', 'src/issue/schema.ts');
});

test('docs/rules.md is exactly what `paperboy lint --list-rules --format markdown` prints, so every rule is documented', async () => {
  const result = await runCli(['lint', '--list-rules', '--format', 'markdown'], { cwd: makeRoot({}) });
  assert.equal(result.code, 0);
  const page = readDoc('rules.md');
  for (const rule of rules) assert.ok(page.includes(`| \`${rule.id}\` |`), `docs/rules.md lacks the rule \`${rule.id}\`: regenerate it with \`${RULES_DOC_COMMAND}\``);
  const expected = result.stdout.split('\n');
  const line = page.split('\n').findIndex((text, i) => text !== expected[i]);
  assert.ok(
    page === result.stdout,
    `docs/rules.md differs from the rule modules (line ${line + 1}: ${JSON.stringify(expected[line])}): regenerate it with \`${RULES_DOC_COMMAND}\``,
  );
});

test("docs/commands.md names each key `lint --list-rules --format json` gives a rule, and each value of its words", async () => {
  const result = await runCli(['lint', '--list-rules', '--format', 'json'], { cwd: makeRoot({}) });
  assert.equal(result.code, 0, result.stderr);
  const listed = JSON.parse(result.stdout) as Record<string, unknown>[];
  const row = readDoc('commands.md').split('\n').find((line) => line.startsWith('| `--list-rules` |'));
  assert.ok(row, 'docs/commands.md has a row for `--list-rules`');
  const keys = [...new Set(listed.flatMap((rule) => Object.keys(rule)))];
  for (const key of keys) assert.ok(row.includes(`\`${key}\``), `docs/commands.md's row of \`--list-rules\` does not name the key \`${key}\` of its JSON`);
  for (const key of ['severity', 'scope', 'sent']) {
    for (const value of new Set(listed.map((rule) => rule[key] as string))) assert.ok(row.includes(`\`${value}\``), `docs/commands.md's row of \`--list-rules\` does not name \`${value}\`, a value of \`${key}\``);
  }
});

test('docs/commands.md names each key `lint --format json` gives a file and a message', async () => {
  const root = makeRoot({ 'issues/0001-x.md': '---\nnumber: 1\ntitle: TODO\n---\n' });
  const result = await runCli(['lint', '--format', 'json', '--fix'], { cwd: root });
  const [file] = JSON.parse(result.stdout) as Record<string, unknown>[];
  const messages = (file!.messages as Record<string, unknown>[]);
  assert.ok(messages.length > 0, result.stdout);
  const row = readDoc('commands.md').split('\n').find((line) => line.startsWith('| `--format json` |'));
  assert.ok(row, 'docs/commands.md has a row for `--format json`');
  const shape = /`(\[\{filePath[^`]*)`/.exec(row)?.[1] ?? '';
  for (const key of [...Object.keys(file!), ...new Set(messages.flatMap((message) => Object.keys(message)))]) {
    assert.match(shape, new RegExp(`[{,] ?${key}\\b`), `docs/commands.md's shape of \`lint --format json\` does not name \`${key}\``);
  }
});

test("README.md's count of the lint rules is the number of rules", () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const counts = [...readme.matchAll(/\b(\d+) rules\b/g)].map((match) => Number(match[1]));
  assert.ok(counts.length > 0, 'README.md says how many rules lint has');
  for (const count of counts) assert.equal(count, rules.length, `README.md says "${count} rules"; lint has ${rules.length}`);
});

/** The long flags in the Options section of a `--help` text. */
function helpFlags(help: string): string[] {
  const options = help.slice(help.indexOf('Options:'));
  return [...options.matchAll(/^ {2}(?:-\w, )?(--[a-z][\w-]*)/gm)].map((match) => match[1]!);
}

/** The commands listed by `paperboy --help` (commander's own `help` left out). */
function helpCommands(help: string): string[] {
  const commands = help.slice(help.indexOf('Commands:'));
  return [...commands.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((match) => match[1]!).filter((name) => name !== 'help');
}

test('docs/commands.md documents every command --help lists, each with every flag, and lists unbuilt commands only as coming', async () => {
  const root = makeRoot({});
  const commands = helpCommands((await runCli(['--help'], { cwd: root })).stdout);
  assert.ok(commands.includes('lint') && commands.includes('render'), 'the command list is read from --help');
  const page = readDoc('commands.md');
  const sections = page.split(/^## /m);
  const documented = sections.map((section) => /^`paperboy (\S+)`\n/.exec(section)?.[1]).filter((name): name is string => name !== undefined);
  assert.deepEqual([...documented].sort(), [...commands].sort(), 'docs/commands.md has one "## `paperboy <command>`" section per command of `paperboy --help` (unbuilt ones go under "## Coming")');

  const everyCommand = sections.find((section) => section.startsWith('Every command'))!;
  for (const command of commands) {
    const section = sections.find((text) => text.startsWith(`\`paperboy ${command}\`\n`))!;
    for (const flag of helpFlags((await runCli([command, '--help'], { cwd: root })).stdout)) {
      const where = ['--root', '--help'].includes(flag) ? everyCommand : section;
      assert.ok(where.includes(`\`${flag}`), `docs/commands.md does not document \`paperboy ${command} ${flag}\``);
    }
  }
});

/** Each flag of a `--help` text whose default it states (`--port <n> … (default: 8080)`), with that default; `false` and `true` (a switch off or on) left out. */
function helpDefaults(help: string): { flag: string; value: string }[] {
  const options = help.slice(help.indexOf('Options:'), help.indexOf('Commands:') === -1 ? undefined : help.indexOf('Commands:'));
  // An option's description runs over the lines indented under it.
  return [...options.matchAll(/^ {2}(?:-\w, )?(--[a-z][\w-]*)[^\n]*(?:\n {4,}[^\n]*)*/gm)].flatMap(([text, flag]) => {
    const value = /\(?(?:choices: [^)]*?, )?default: ([^)]*)\)?\s*$/.exec(text.replace(/\s+/g, ' '))?.[1]?.replace(/^"(.*)"$/, '$1');
    return value === undefined || ['false', 'true'].includes(value) ? [] : [{ flag: flag!, value }];
  });
}

test("docs/commands.md: a flag's default is the one --help states, in the flag's row (`--port N` … default 8080; `--format html` … (default))", async () => {
  const root = makeRoot({});
  const sections = readDoc('commands.md').split(/^## /m);
  let checked = 0;
  for (const command of helpCommands((await runCli(['--help'], { cwd: root })).stdout)) {
    const section = sections.find((text) => text.startsWith(`\`paperboy ${command}\`\n`))!;
    const paths = [[command], ...(await subcommandsOf([command], root)).map((sub) => [command, sub])];
    for (const path of paths) {
      for (const { flag, value } of helpDefaults((await runCli([...path, '--help'], { cwd: root })).stdout)) {
        if (flag === '--root') continue;
        checked++;
        // A flag of choices has a row per value, the default's saying "(default)"; another flag's row names its default's words.
        const row = section.split('\n').find((line) => line.startsWith(`| \`${flag} ${value}\``)) ?? section.split('\n').find((line) => line.startsWith(`| \`${flag}`));
        assert.ok(row, `docs/commands.md has no row for \`paperboy ${path.join(' ')} ${flag}\``);
        const stated = row.startsWith(`| \`${flag} ${value}\``) ? row.includes('(default)') : value.split(/[^\w.]+/).filter(Boolean).every((word) => row.slice(row.indexOf('default')).toLowerCase().includes(word.toLowerCase()));
        assert.ok(row.includes('default') && stated, `docs/commands.md's row of \`paperboy ${path.join(' ')} ${flag}\` does not give its default, ${value} (\`--help\`):\n${row}`);
      }
    }
  }
  assert.ok(checked >= 6, 'the defaults are read from --help');
});

/** Every flag of `--help` (long and short), read once per command path. */
function flagsOfCommand(root: string): (path: string[]) => Promise<string[]> {
  const known = new Map<string, Promise<string[]>>();
  return (path) => {
    const key = path.join(' ');
    if (!known.has(key)) {
      known.set(
        key,
        runCli([...path, '--help'], { cwd: root }).then(({ stdout }) => [
          ...[...stdout.slice(stdout.indexOf('Options:')).matchAll(/^ {2}(?:(-\w), )?(--[a-z][\w-]*)/gm)].flatMap((match) => (match[1] ? [match[1], match[2]!] : [match[2]!])),
          // Every command's own, and the program's.
          '--root', '--help', '-h', '--version', '-v',
        ]),
      );
    }
    return known.get(key)!;
  };
}

/** The subcommands `--help` lists under "Commands:" (commander's `help` left out). */
async function subcommandsOf(path: string[], root: string): Promise<string[]> {
  return helpCommands((await runCli([...path, '--help'], { cwd: root })).stdout);
}

test('README.md and docs/: every flag written after `paperboy <command>` is a flag of that command', async () => {
  const root = makeRoot({});
  const flagsOf = flagsOfCommand(root);
  const commands = await subcommandsOf([], root);
  const pages = ['README.md', ...readdirSync(join(REPO, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
  let checked = 0;
  for (const page of pages) {
    // A command line as written in code: up to the end of its code span or line, a table cell, or a shell operator.
    // A table cell's `\\|` (`[--format stylish\\|json]`) is an alternative within the command, not the cell's end.
    const text = readFileSync(join(REPO, page), 'utf8').replaceAll('\\|', '/');
    for (const [written, line = ''] of text.matchAll(/paperboy ([a-z][\w-]*(?: [^`\n|;&)]*)?)/g)) {
      const words = line.split(/\s+/);
      if (!commands.includes(words[0]!)) continue;
      const path = [words[0]!];
      if (words[1] && (await subcommandsOf(path, root)).includes(words[1])) path.push(words[1]);
      const flags = await flagsOf(path);
      // An optional flag is in brackets: `[--out DIR]`, `[--test ADDR [--review]]`.
      for (const flag of words.map((word) => /^\[*(--?[a-z][\w-]*)/i.exec(word)?.[1]).filter((flag) => flag !== undefined)) {
        checked++;
        assert.ok(flags.includes(flag), `${page} writes \`${written}\`, but \`paperboy ${path.join(' ')} --help\` has no ${flag}`);
      }
    }
  }
  assert.ok(checked > 50, 'the command lines are read from the pages');
});

test('docs/commands.md: every flag a command\'s section names is a flag of that command, or written after the command it belongs to (`send --test`)', async () => {
  const root = makeRoot({});
  const flagsOf = flagsOfCommand(root);
  const commands = await subcommandsOf([], root);
  for (const section of readDoc('commands.md').split(/^## /m)) {
    const command = /^`paperboy (\S+)`\n/.exec(section)?.[1];
    if (command === undefined) continue;
    const own = [...(await flagsOf([command]))];
    for (const sub of await subcommandsOf([command], root)) own.push(...(await flagsOf([command, sub])));
    for (const match of section.matchAll(/(?<![\w-])--[a-z][\w-]*/g)) {
      // Another command's flag is written after its name, in the same code span or across a line break in it.
      const before = section.slice(Math.max(0, match.index - 40), match.index);
      const after = /([a-z][\w-]*)\s+$/.exec(before)?.[1];
      if (own.includes(match[0]) || (after !== undefined && commands.includes(after))) continue;
      const line = section.slice(0, match.index).split('\n').length;
      assert.fail(`docs/commands.md's section \`paperboy ${command}\` names ${match[0]} (its line ${line}), which is not a flag of \`paperboy ${command}\`: write the command it belongs to before it (\`send ${match[0]}\`)`);
    }
  }
});

/** The first fenced block of a docs/commands.md section: its usage lines. */
function usageBlock(section: string): string {
  return /^```\n([\s\S]*?)^```$/m.exec(section)?.[1] ?? '';
}

test('docs/commands.md: the usage block of a command with subcommands has a line for each subcommand --help lists, and the section documents each subcommand\'s flags', async () => {
  const root = makeRoot({});
  const sections = readDoc('commands.md').split(/^## /m);
  let checked = 0;
  for (const command of helpCommands((await runCli(['--help'], { cwd: root })).stdout)) {
    const help = (await runCli([command, '--help'], { cwd: root })).stdout;
    if (!help.includes('Commands:')) continue;
    const section = sections.find((text) => text.startsWith(`\`paperboy ${command}\`\n`))!;
    const usage = usageBlock(section);
    for (const sub of helpCommands(help)) {
      checked++;
      assert.match(usage, new RegExp(`^paperboy ${command} ${sub}\\b`, 'm'), `the usage block of \`paperboy ${command}\` in docs/commands.md lacks \`paperboy ${command} ${sub}\``);
      for (const flag of helpFlags((await runCli([command, sub, '--help'], { cwd: root })).stdout)) {
        if (['--root', '--help'].includes(flag)) continue;
        assert.ok(section.includes(`\`${flag}`) || usage.includes(flag), `docs/commands.md does not document \`paperboy ${command} ${sub} ${flag}\``);
      }
    }
  }
  assert.ok(checked >= 2, 'subcommands are read from --help');
});

test('docs/commands.md: each usage line writes an argument as --help has it, optional in brackets (`[ISSUE]`) and required bare (`ISSUE`)', async () => {
  const root = makeRoot({});
  const commands = await subcommandsOf([], root);
  let checked = 0;
  for (const section of readDoc('commands.md').split(/^## /m)) {
    const command = /^`paperboy (\S+)`\n/.exec(section)?.[1];
    if (command === undefined || !commands.includes(command)) continue;
    for (const line of usageBlock(section).split('\n').filter((text) => text.startsWith('paperboy '))) {
      const words = line.split(' ');
      const path = /^[a-z][\w-]*$/.test(words[2] ?? '') ? [command, words[2]!] : [command];
      const usage = /^Usage: paperboy .*?\[options\](.*)$/m.exec((await runCli([...path, '--help'], { cwd: root })).stdout)?.[1] ?? '';
      for (const [, optional, name] of usage.matchAll(/(\[|<)([a-z-]+)(?:\.\.\.)?[\]>]/g)) {
        const upper = name!.toUpperCase();
        // A usage line that leaves the argument out (`paperboy lint --list-rules`) says nothing of it.
        if (!new RegExp(`(^|[\\s[])${upper}\\b`).test(line)) continue;
        checked++;
        if (optional === '[') assert.ok(line.includes(`[${upper}`), `docs/commands.md writes \`${line}\` with ${upper} required; \`paperboy ${path.join(' ')} --help\` has it optional: [${upper}]`);
        else assert.ok(!line.includes(`[${upper}`), `docs/commands.md writes \`${line}\` with ${upper} optional; \`paperboy ${path.join(' ')} --help\` requires it`);
      }
    }
  }
  assert.ok(checked >= 10, 'the usage lines are read');
});

test('docs/commands.md: the `papers search` example shows what the command prints for the sample issues', async () => {
  const page = readDoc('commands.md');
  const command = 'papers search sparse autoencoders';
  const start = page.indexOf(`$ paperboy ${command}\n`);
  assert.notEqual(start, -1, `docs/commands.md has no \`$ paperboy ${command}\` example`);
  const shown = page.slice(start).split('\n').slice(1);
  const printed = (await runCli([...command.split(' '), '--root', REPO], { cwd: REPO })).stdout.trimEnd().split('\n');
  assert.deepEqual(shown.slice(0, printed.length), printed, 'regenerate the example from `paperboy papers search sparse autoencoders` in the repository');
});

/** The keys the table after a page's example of a file names in its first column (`summaries[].summary`, `opinion`: the second under the first's parent). */
function tableKeysAfter(page: string, marker: string): string[] {
  const text = readDoc(page);
  const table = /\n(\| key \|[^\n]*\n(?:\|[^\n]*\n)+)/.exec(text.slice(text.indexOf(marker)))?.[1] ?? '';
  return table
    .split('\n')
    .slice(2)
    .flatMap((row) => {
      const names = [...(row.split(' | ')[0] ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
      const parent = /^(.*\.)[^.]*$/.exec(names[0] ?? '')?.[1] ?? '';
      return names.map((name, i) => (i > 0 && !name.includes('.') ? parent + name : name));
    });
}

test("docs/outputs.md's table of papers.json names every key the file has, a paper's and a summary's included", async () => {
  const result = await runCli(['papers', 'export', '--format', 'json', '--root', REPO], { cwd: REPO });
  assert.equal(result.code, 0, result.stderr);
  const file = JSON.parse(result.stdout) as { papers: { summaries: Record<string, unknown>[] }[] } & Record<string, unknown>;
  const keys = [
    ...Object.keys(file).map((key) => (key === 'papers' ? 'papers[]' : key)),
    ...new Set(file.papers.flatMap((paper) => Object.keys(paper).map((key) => (key === 'summaries' ? 'summaries[]' : key)))),
    ...new Set(file.papers.flatMap((paper) => paper.summaries.flatMap((summary) => Object.keys(summary).map((key) => `summaries[].${key}`)))),
  ];
  const documented = tableKeysAfter('outputs.md', '**`papers.json`**');
  assert.ok(documented.includes('version'), 'the table is read');
  assert.deepEqual(keys.filter((key) => !documented.includes(key)), [], 'docs/outputs.md: keys of papers.json without a row');
});

test('docs/outputs.md names every web template templates/web/ holds, and docs/web-templates.md gives each a section', () => {
  const templates = readdirSync(join(REPO, 'templates', 'web')).filter((name) => name.endsWith('.html.hbs'));
  assert.ok(templates.includes('message.html.hbs'), 'the templates are read from templates/web/');
  const outputs = readDoc('outputs.md');
  const fields = readDoc('web-templates.md');
  for (const file of templates) {
    const name = file.slice(0, -'.html.hbs'.length);
    assert.ok(outputs.includes(`\`${name}\``) || outputs.includes(`\`${file}\``), `docs/outputs.md does not name the web template \`${file}\``);
    assert.match(fields, new RegExp(`^## .*\`web/${name}\\.html\\.hbs\``, 'm'), `docs/web-templates.md has no section for \`web/${file}\``);
  }
});

/** A page as remark reads it (GFM, as GitHub renders it): a fence left open swallows every heading after it. */
function parsedPage(path: string): Root {
  return unified().use(remarkParse).use(remarkGfm).parse(readFileSync(path, 'utf8'));
}

/** The anchors of a page's headings, as GitHub makes them (github-slugger, repeated headings numbered). */
function anchorsOf(tree: Root): string[] {
  const slugger = new GithubSlugger();
  const anchors: string[] = [];
  visit(tree, 'heading', (heading) => {
    anchors.push(slugger.slug(toString(heading)));
  });
  return anchors;
}

/** Every link and link definition of a page, outside code (remark leaves code's text alone). */
function linksOf(tree: Root): string[] {
  const links: string[] = [];
  visit(tree, (node) => {
    if (node.type === 'link' || node.type === 'definition') links.push(node.url);
  });
  return links;
}

test('README.md and docs/ link only to files and headings inside the repository', () => {
  const pages = ['README.md', ...readdirSync(join(REPO, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
  for (const page of pages) {
    for (const link of linksOf(parsedPage(join(REPO, page)))) {
      if (/^(https?|mailto):/.test(link)) continue;
      const [path = '', anchor] = link.split('#');
      const target = path === '' ? join(REPO, page) : resolve(dirname(join(REPO, page)), path);
      assert.ok(!relative(REPO, target).startsWith('..'), `${page} links to ${link}, outside the repository: a user who clones paperboy does not have it`);
      assert.ok(existsSync(target), `${page} links to ${link}, which does not exist`);
      if (anchor === undefined || statSync(target).isDirectory()) continue;
      assert.ok(anchorsOf(parsedPage(target)).includes(anchor), `${page} links to ${link}, but ${relative(REPO, target)} has no heading with the anchor #${anchor}`);
    }
  }
});

test('README.md and docs/: every table row has as many cells as its header, as GitHub drops the cells past them (a `|` in a cell, in code too, is written `\\|`)', () => {
  const pages = ['README.md', ...readdirSync(join(REPO, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
  let tables = 0;
  for (const page of pages) {
    visit(parsedPage(join(REPO, page)), 'table', (table) => {
      tables++;
      const [header, ...rows] = table.children;
      for (const row of rows) {
        assert.equal(row.children.length, header!.children.length, `${page}:${row.position?.start.line}: a row of ${row.children.length} cells under a header of ${header!.children.length}: GitHub shows no cell past the header's (write a \`|\` in a cell as \`\\|\`)`);
      }
    });
  }
  assert.ok(tables > 20, 'the tables are read');
});

test('README.md and docs/: no code span is cut short by a backtick written `\\``, which Markdown does not escape in code (a span holding backticks is written between double ones)', () => {
  const pages = ['README.md', ...readdirSync(join(REPO, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
  let spans = 0;
  for (const page of pages) {
    const text = readFileSync(join(REPO, page), 'utf8');
    visit(parsedPage(join(REPO, page)), 'inlineCode', (code) => {
      spans++;
      // `a \` (a backslash shown as code) ends before a space or punctuation; `\`xml\`` ends at the backslash meant to escape it, a word right after.
      const after = text[code.position!.end.offset!] ?? '';
      assert.ok(!(/(^|[^\\])\\$/.test(code.value) && /[\w"'`\\]/.test(after)), `${page}:${code.position!.start.line}: the code span \`${code.value}\` ends at a \\\` meant as a backtick inside it: write the span between double backticks, its backticks bare`);
    });
  }
  assert.ok(spans > 500, 'the code spans are read');
});

test('docs/commands.md: every command\'s section is a heading as GitHub renders the page (no code fence left open above it)', async () => {
  const commands = helpCommands((await runCli(['--help'], { cwd: makeRoot({}) })).stdout);
  const anchors = anchorsOf(parsedPage(join(REPO, 'docs', 'commands.md')));
  for (const command of commands) assert.ok(anchors.includes(`paperboy-${command}`), `docs/commands.md renders no heading \`paperboy ${command}\` (is a code fence above it left open?)`);
});

test('a config error points to docs/config.md by its absolute path: the page is found from a newsletter\'s folder too', () => {
  let hint: string | undefined;
  try {
    parseConfig('name: x\nnmae: y\n', '/newsletter/paperboy.config.yaml');
  } catch (error) {
    assert.ok(isPaperboyError(error));
    hint = error.hint;
  }
  const page = /(\S+docs\/config\.md)/.exec(hint ?? '')?.[1];
  assert.equal(page, join(REPO, 'docs', 'config.md'), hint);
  assert.ok(existsSync(page));
  assert.doesNotMatch(hint ?? '', /SPEC/);
});

test('a template error points to the pages that list the fields and helpers, by their absolute paths, not to the source', () => {
  // A block never closed: every template error carries the same hint.
  const root = makeRoot({ 'templates/email.txt.hbs': '{{#if newsletter.description}}\n' });
  let hint: string | undefined;
  try {
    loadTemplates(join(root, 'templates'));
  } catch (error) {
    assert.ok(isPaperboyError(error) && error.code === 'TEMPLATE_ERROR', String(error));
    hint = error.hint;
  }
  const pages = [...(hint ?? '').matchAll(/(\/\S+?\.(?:md|ts))\b/g)].map((match) => relative(REPO, match[1]!));
  assert.deepEqual(pages, ['docs/email-templates.md', 'docs/web-templates.md', 'docs/outputs.md'], hint);
  for (const page of pages) assert.ok(existsSync(join(REPO, page)), page);
});

/** The source files of src/, each with its path from the repository. */
function sourceFiles(folder = join(REPO, 'src')): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(folder, entry.name)) : entry.name.endsWith('.ts') ? [join(folder, entry.name)] : []));
}

test('every page of paperboy\'s own a message names (`ownFile(…)`) is a page of docs/ that exists, and a section it names (`docs/guide.md, "Deploying"`) is a heading of that page', () => {
  let checked = 0;
  for (const file of sourceFiles()) {
    // The code's lines: a comment may name a passage of a page for the reader of the source.
    const text = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
      .join('\n');
    for (const [, page = ''] of text.matchAll(/ownFile\('([^']+)'\)/g)) {
      checked++;
      assert.ok(page.startsWith('docs/') && existsSync(join(REPO, page)), `${relative(REPO, file)} points a message to ${page}: a user reads docs/, not the source`);
    }
    for (const [, page = '', heading = ''] of text.matchAll(/(docs\/[a-z-]+\.md)(?:'\)\})?,? "([^"]+)"/g)) {
      checked++;
      const headings = readFileSync(join(REPO, page), 'utf8').split('\n').filter((line) => /^#+ /.test(line)).map((line) => line.replace(/^#+ /, ''));
      assert.ok(headings.includes(heading), `${relative(REPO, file)} names the section "${heading}" of ${page}, which has no such heading`);
    }
  }
  assert.ok(checked >= 8, 'the pages are read from src/');
});

/** The rows of README.md's command table: the synopsis in the first cell (`paperboy lint [FILES...] …`, `\|` read as `|`). */
function readmeSynopses(): string[] {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  return [...readme.matchAll(/^\| `(paperboy [^`]+)` \|/gm)].map((match) => match[1]!.replaceAll('\\|', '|')).filter((synopsis) => !/^paperboy (--version|\S+ N)/.test(synopsis));
}

test('README.md\'s command table agrees with --help: each row has every flag of its command (--root and --help aside), and an argument --help says is optional is in brackets', async () => {
  const root = makeRoot({});
  const rows = readmeSynopses();
  assert.ok(rows.length > 8, 'the command table is read');
  for (const synopsis of rows) {
    const words = synopsis.split(' ').slice(1);
    const path = words.slice(0, words.findIndex((word) => !/^[a-z][\w-]*$/.test(word)) + 1 || words.length).filter((word) => /^[a-z][\w-]*$/.test(word));
    // `subscribers add|remove|…` lists subcommands, each documented in docs/commands.md.
    if (path.length === 1 && /^[a-z]+ [a-z-]+\|/.test(words.join(' '))) continue;
    const help = (await runCli([...path, '--help'], { cwd: root })).stdout;
    for (const flag of helpFlags(help).filter((flag) => !['--root', '--help'].includes(flag))) {
      assert.ok(synopsis.includes(flag), `README.md's row \`${synopsis}\` lacks ${flag} (\`paperboy ${path.join(' ')} --help\`)`);
    }
    const usage = /^Usage: paperboy .*?\[options\](.*)$/m.exec(help)?.[1] ?? '';
    for (const [, name] of usage.matchAll(/\[([a-z-]+)(?:\.\.\.)?\]/g)) {
      const upper = name!.toUpperCase();
      assert.ok(!new RegExp(`(^|\\s)${upper}\\b`).test(synopsis) || synopsis.includes(`[${upper}`), `README.md's row \`${synopsis}\` writes ${upper} as required; \`--help\` has it optional: [${upper}...]`);
    }
  }
});
