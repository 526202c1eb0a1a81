import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isPaperboyError } from '../errors.js';
import { VERSION } from '../version.js';
import type { CommandIO } from '../io.js';
import { processIO } from './io.js';

/**
 * The entry point: parses arguments, runs one command, turns errors into
 * messages and exit codes. Command modules are imported only when their
 * command runs, so `paperboy --version` stays fast.
 */
export async function main(argv: string[], io: CommandIO = processIO()): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io);
  }
}

function buildProgram(io: CommandIO, setExitCode: (code: number) => void): Command {
  const program = new Command('paperboy')
    .description('Write, lint, render, preview and send a research newsletter.')
    .version(VERSION, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });

  const command = (name: string, description: string) =>
    program
      .command(name)
      .description(description)
      .option('--root <dir>', 'the newsletter directory', '.')
      .exitOverride()
      .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });

  command('lint', 'lint issues (default: all) and print diagnostics')
    .argument('[files...]', 'issue files to lint')
    .addOption(new Option('--format <format>', 'output format (markdown: with --list-rules only)').choices(['stylish', 'json', 'markdown']).default('stylish'))
    .option('--fix', 'apply safe fixes', false)
    .option('--no-cache', 'do not read or write the lint cache')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', nonNegativeInteger)
    .option('--no-color', 'never colour the output')
    .option('--list-rules', 'print every rule with its default severity and what it checks (--format markdown: the page docs/rules.md)')
    .action(async (files: string[], options) => {
      const { run } = await import('./lint.js');
      setExitCode(await run({ ...options, files }, io));
    });

  command('render', 'render an issue as a subscriber receives it: HTML, plaintext or the full message')
    .argument('<issue>', 'an issue number or the path of an issue file')
    .addOption(new Option('--format <format>', 'what to render').choices(['html', 'text', 'eml']).default('html'))
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--review', "render the reviewers' proof: private notes and lint messages shown, marked REVIEW", false)
    .action(async (issue: string, options) => {
      const { run } = await import('./render.js');
      setExitCode(await run({ ...options, issue }, io));
    });

  command('preview', 'show an issue in the terminal as it will read, with its inbox header; --watch re-renders on every save')
    .argument('[issue]', 'an issue number or the path of an issue file (default: the newest issue)')
    .option('--watch', 'render again on every save, with the lint diagnostics above; q or Ctrl-C quits', false)
    .option('--width <columns>', 'wrap at this many columns (default: the terminal width, else 80)')
    .option('--no-color', 'never colour the output')
    .option('--no-pager', 'never page long output through $PAGER')
    .action(async (issue: string | undefined, options) => {
      const { run } = await import('./preview.js');
      setExitCode(await run({ ...options, issue }, io));
    });

  command('new', 'scaffold the next issue file and print its path')
    .option('--title <title>', 'the issue title')
    .action(async (options) => {
      const { run } = await import('./new.js');
      setExitCode(await run(options, io));
    });

  command('build', 'build the static archive (pages, feeds, paper database, search index) and every issue\'s email files')
    .option('--out <dir>', 'write the site here instead of the config\'s outDir (the folder is replaced)')
    .option('--drafts', 'publish drafts too', false)
    .option('--no-cache', 'render every issue anew, without reading or writing the build cache')
    .action(async (options) => {
      const { run } = await import('./build.js');
      setExitCode(await run(options, io));
    });

  const papers = program.command('papers').description('the paper database: search it, export it');
  const papersCommand = (name: string, description: string) =>
    papers
      .command(name)
      .description(description)
      .option('--root <dir>', 'the newsletter directory', '.')
      .option('--no-cache', 'render every issue anew, without the build cache')
      .exitOverride()
      .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
  papers.exitOverride().configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });

  papersCommand('search', '"have we covered this before?": published papers matching every word, best first')
    .argument('<query...>', 'words to find in titles, authors, tags, summaries and opinions')
    .option('--tag <tag>', 'only papers with this tag')
    .option('--author <name>', 'only papers with an author whose name contains this')
    .option('--year <year>', "only papers of this year", nonNegativeInteger)
    .option('--limit <n>', 'show at most this many matches', nonNegativeInteger, 20)
    .option('--json', 'print the matches as JSON', false)
    .action(async (query: string[], options) => {
      const { search } = await import('./papers.js');
      setExitCode(await search({ ...options, query: query.join(' ') }, io));
    });

  papersCommand('export', 'print the paper database as CSV, JSON or BibTeX (the files the archive publishes)')
    .addOption(new Option('--format <format>', 'what to print').choices(['csv', 'json', 'bib']).makeOptionMandatory())
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (options) => {
      const { exportPapers } = await import('./papers.js');
      setExitCode(await exportPapers(options, io));
    });

  command('start', 'the main job on this newsletter: lint every issue, render and preview the newest')
    .action(async (options) => {
      const { run } = await import('./start.js');
      setExitCode(await run(options, io));
    });

  return program;
}

function nonNegativeInteger(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected a whole number such as 0 or 10, got "${value}".`);
  return Number(value);
}

function reportError(error: unknown, io: CommandIO): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its one line (or the help/version).
    return error.exitCode === 0 ? 0 : 2;
  }
  if (isPaperboyError(error)) {
    io.stderr.write(`paperboy: ${error.message}\n`);
    if (error.hint) io.stderr.write(`  ${error.hint}\n`);
    return error.exitCode;
  }
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`paperboy: internal error (a bug in paperboy, please report it with this output):\n${stack}\n`);
  return 70;
}
