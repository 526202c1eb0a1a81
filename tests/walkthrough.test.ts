import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from './helpers/cli.js';
import { makeRoot } from './helpers/fixture.js';

/**
 * docs/walkthrough.md shows what each command printed. Its new, lint,
 * preview, render, subscribers, build and papers steps are run here on the very files the
 * page shows (the config, the skeleton, the first draft and each fix, the
 * readers' CSV), and every line the page shows must come out, in order (a
 * `…` line stands for lines cut out).
 */

const PAGE = readFileSync(fileURLToPath(new URL('../docs/walkthrough.md', import.meta.url)), 'utf8');
const ISSUE = 'issues/0001-first-issue.md';

/** The fenced blocks of a language, in the page's order. */
function blocks(language: string): string[] {
  return [...PAGE.matchAll(new RegExp(`^\`\`\`${language}\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((match) => match[1]!);
}

/** Each `$ command` of the page's console blocks with the lines shown after it. */
const shown: { command: string; lines: string[] }[] = blocks('console').flatMap((block) =>
  block
    .split(/^\$ /m)
    .slice(1)
    .map((part) => {
      const [command = '', ...lines] = part.trimEnd().split('\n');
      return { command, lines };
    }),
);

/** The lines the page shows after its `nth` `$ command` (0 the first). */
function shownAfter(command: string, nth = 0): string[] {
  const found = shown.filter((entry) => entry.command === command)[nth];
  assert.ok(found, `docs/walkthrough.md shows no ${nth + 1}. \`$ ${command}\``);
  return found.lines;
}

/** Fails unless every line shown (`…` lines left out) is a line of `printed`, in the same order. */
function assertShows(printed: string, lines: string[], command: string) {
  const actual = printed.split('\n').map((line) => line.trimEnd());
  let at = 0;
  for (const line of lines.filter((text) => text !== '…')) {
    const found = actual.indexOf(line.trimEnd(), at);
    assert.notEqual(found, -1, `docs/walkthrough.md shows \`${line}\` after \`$ ${command}\`, which does not print it (in this order):\n${printed}`);
    at = found + 1;
  }
}

/** The config the page writes with `cat > paperboy.config.yaml <<'EOF'`. */
function pageConfig(): string {
  const config = /cat > paperboy\.config\.yaml <<'EOF'\n([\s\S]*?\n)EOF\n/.exec(PAGE)?.[1];
  assert.ok(config, 'docs/walkthrough.md writes no paperboy.config.yaml');
  return config;
}

test('docs/walkthrough.md: lint, lint --fix, preview, render, build and papers print what the page shows, on the files it shows', async () => {
  const [skeleton, ...snippets] = blocks('yaml');
  const [draft] = blocks('markdown');
  assert.ok(skeleton && draft && snippets.length >= 2, 'the page shows the skeleton, the draft and the fixes');
  const root = makeRoot({ [ISSUE]: skeleton }, pageConfig());
  const lint = async (command: string, nth: number, code: number) => {
    const result = await runCli([...command.split(' ').slice(1), '--no-color'], { cwd: root });
    assert.equal(result.code, code, result.stderr);
    assertShows(result.stdout, shownAfter(command, nth), command);
  };
  await lint('paperboy lint', 0, 1);

  writeFileSync(join(root, ISSUE), draft);
  await lint('paperboy lint', 1, 1);

  const [quotedTitle] = snippets[0]!.split('\n');
  const titled = draft.replace(/^ {2}- title: The Reversal Curse.*$/m, quotedTitle!);
  assert.notEqual(titled, draft, 'the draft holds the unquoted title the page fixes');
  writeFileSync(join(root, ISSUE), titled);
  await lint('paperboy lint', 2, 1);
  await lint('paperboy lint --fix', 0, 1);
  assertShows(readFileSync(join(root, ISSUE), 'utf8'), snippets[0]!.trimEnd().split('\n'), 'paperboy lint --fix');

  const fixed = readFileSync(join(root, ISSUE), 'utf8').replace(/^ {4}sumary: \|\n(?: {6}.*\n)+/m, snippets[1]!);
  writeFileSync(join(root, ISSUE), fixed);
  const clean = await runCli(['lint'], { cwd: root });
  assert.deepEqual([clean.code, clean.stdout], [0, ''], 'a clean lint prints nothing and exits 0');

  const preview = await runCli(['preview', '--width', '72'], { cwd: root });
  assert.equal(preview.code, 0, preview.stderr);
  assertShows(preview.stdout, shownAfter('paperboy preview --width 72'), 'paperboy preview --width 72');
  const text = await runCli(['render', '1', '--format', 'text'], { cwd: root });
  assert.equal(text.code, 0, text.stderr);
  assertShows(text.stdout, shownAfter('paperboy render 1 --format text'), 'paperboy render 1 --format text');

  // Step 8, once the issue is out of draft (the page sends it first): the archive and the paper database.
  writeFileSync(join(root, ISSUE), fixed.replace(/^status: draft$/m, 'status: sent'));
  const shows = async (command: string, nth = 0) => {
    const [argv, pipe] = command.split(' | ');
    const result = await runCli(argv!.split(' ').slice(1), { cwd: root });
    assert.equal(result.code, 0, result.stderr);
    const printed = pipe === 'head -3' ? result.stdout.split('\n').slice(0, 3).join('\n') : result.stdout;
    assertShows(printed, shownAfter(command, nth), command);
  };
  await shows('paperboy build');
  await shows('paperboy build', 1);
  await shows('paperboy papers search reversal');
  await shows('paperboy papers export --format bib | head -3');
});

/** The page's paths are those of the machine it ran on: paperboy in /work/hV, the newsletter in /tmp/hV-walk/my-digest. */
function asOnThePage(printed: string, folder: string): string {
  return printed.replaceAll(folder, '/tmp/hV-walk/my-digest').replaceAll(fileURLToPath(new URL('../', import.meta.url)), '/work/hV/');
}

test('docs/walkthrough.md: new in a folder without a config, then with it, and the readers added, imported, listed, counted and removed print what the page shows', async () => {
  const folder = join(realpathSync(mkdtempSync(join(tmpdir(), 'paperboy-walk-'))), 'my-digest');
  mkdirSync(folder);
  const run = async (command: string, nth = 0) => {
    const words = [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2]!).slice(1);
    const result = await runCli(words, { cwd: folder });
    assertShows(asOnThePage(`${result.stdout}${result.stderr}`, folder), shownAfter(command, nth), command);
    return result;
  };
  assert.equal((await run('paperboy new --title "First issue"')).code, 2);
  // The page's `git init`: in a folder kept in git, `new` writes the .gitignore.
  assert.equal(spawnSync('git', ['init', '-q'], { cwd: folder }).status, 0);
  writeFileSync(join(folder, 'paperboy.config.yaml'), pageConfig());
  assert.equal((await run('paperboy new --title "First issue"', 1)).code, 0);

  writeFileSync(join(folder, 'readers.csv'), `${shownAfter('cat readers.csv').join('\n')}\n`);
  await run('paperboy subscribers add ada@example.org --name "Ada Lovelace"');
  assert.equal((await run('paperboy subscribers import readers.csv')).code, 1, 'the import exits 1 for its bad row');
  await run('paperboy subscribers list');
  await run('paperboy subscribers count');
  await run('paperboy subscribers remove grace@example.org');
  assert.equal((await runCli(['subscribers', 'count'], { cwd: folder })).stdout, '2\n', 'one of the three left');
});
