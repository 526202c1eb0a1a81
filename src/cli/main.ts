import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isPaperboyError } from '../errors.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { storeProblem } from '../store/store-problem.js';
import { VERSION } from '../version.js';
import type { CommandIO } from '../io.js';
import { processIO } from './io.js';
import { commandPath, helpHint, reportingTo } from './usage-errors.js';
import { replaceControlCharacters } from '../diagnostics/control-characters.js';

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
  // The command that runs (`paperboy papers search`), whose --help a refused flag value points to.
  let invocation = 'paperboy';
  program.hook('preAction', (_program, action) => {
    invocation = commandPath(action);
  });
  // `paperboy help frob`: commander prints the usage alone; say what was unexpected first, as `paperboy frob` does.
  if (argv[0] === 'help' && argv[1] !== undefined && !program.commands.some((each) => each.name() === argv[1])) {
    io.stderr.write(`paperboy: Unexpected command \`${argv[1]}\`\n${helpHint('paperboy')}\n`);
    return 2;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io, invocation);
  }
}

function buildProgram(io: CommandIO, setExitCode: (code: number) => void): Command {
  // `--root` before the command too (`paperboy --root ~/digest lint`), as before a subcommand; after the command, it is the command's own (positional).
  const program = rootBeforeSubcommand(reportingTo(new Command('paperboy').description('Write, lint, render, preview and send a research newsletter.').version(VERSION, '-v, --version'), 'paperboy', io)).enablePositionalOptions();

  const command = (name: string, description: string) =>
    reportingTo(program.command(name).description(description).option('--root <dir>', 'the newsletter directory', rootDir, '.'), `paperboy ${name}`, io);

  command('lint', 'lint issues (default: all) and print diagnostics')
    .argument('[files...]', 'issue files to lint')
    .addOption(new Option('--format <format>', 'output format (markdown: with --list-rules only)').choices(['stylish', 'json', 'markdown']).default('stylish'))
    .option('--fix', 'apply safe fixes', false)
    .option('--no-cache', 'do not read or write the lint cache')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', nonNegativeInteger)
    .option('--sent', "also report advice for an issue being written (opinion-missing, summary-max-words, …) on issues already sent (a file named gets it anyway)", false)
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
    .option('--width <columns>', 'wrap at this many columns (default: the terminal width up to 100, else 80)')
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

  const subscribers = rootBeforeSubcommand(program.command('subscribers').description('the subscriber store: add, remove, reactivate, list, count, import, export, unsubscribe-from'));
  // Its own usage errors (an unknown subcommand, `subscribers ad`) point to its help, which lists the subcommands.
  reportingTo(subscribers, 'paperboy subscribers', io);
  const subscriberAction = (name: string, description: string) =>
    reportingTo(subscribers.command(name).description(description).option('--root <dir>', 'the newsletter directory', rootDir, '.'), `paperboy subscribers ${name}`, io);
  const runSubscribers = async (options: Record<string, unknown>) => {
    const { run } = await import('./subscribers.js');
    setExitCode(await run(options as unknown as Parameters<typeof run>[0], io));
  };
  subscriberAction('add', 'add an address (active), or activate a pending one; never one that unsubscribed')
    .argument('<email>', 'the address')
    .option('--name <name>', "the subscriber's name")
    .action((argument: string, options) => runSubscribers({ ...options, action: 'add', argument }));
  subscriberAction('remove', 'unsubscribe an address (its consent record is kept)')
    .argument('<email>', 'the address')
    .action((argument: string, options) => runSubscribers({ ...options, action: 'remove', argument }));
  subscriberAction('reactivate', 'make a bounced address active again (never one that unsubscribed or complained)')
    .argument('<email>', 'the address')
    .action((argument: string, options) => runSubscribers({ ...options, action: 'reactivate', argument }));
  subscriberAction('list', 'print every subscriber: address, name, status (tab-separated)')
    .option('--status <status>', 'only subscribers with this status (pending, active, unsubscribed, bounced, complained)')
    .action((options) => runSubscribers({ ...options, action: 'list' }));
  subscriberAction('count', 'print the number of active subscribers')
    .option('--status <status>', 'count this status instead')
    .action((options) => runSubscribers({ ...options, action: 'count' }));
  subscriberAction('import', 'add the addresses of a CSV file (paperboy\'s export, or Mailchimp\'s, Buttondown\'s, Substack\'s, Ghost\'s, listmonk\'s); reports every bad row at its line; never makes active an address that unsubscribed, bounced or complained')
    .argument('<file>', 'the CSV file (-: the standard input)')
    .action((argument: string, options) => runSubscribers({ ...options, action: 'import', argument }));
  subscriberAction('unsubscribe-from', 'unsubscribe whom the tokens of mailed unsubscribe requests (subject "unsubscribe <token>") name, in an mbox file or a Maildir (never the sender)')
    .argument('<mailbox>', 'the mbox file or Maildir folder')
    .action((argument: string, options) => runSubscribers({ ...options, action: 'unsubscribe-from', argument }));
  subscriberAction('export', 'write every subscriber as CSV, with status and consent record')
    .option('--status <status>', 'only subscribers with this status')
    .option('--out <file>', 'write to this file instead of stdout')
    .action((options) => runSubscribers({ ...options, action: 'export' }));

  command('build', 'build the static archive (pages, feeds, paper database, search index) and every issue\'s email files')
    .option('--out <dir>', 'write the site here instead of the config\'s outDir (the folder is replaced)')
    .option('--drafts', 'publish drafts too', false)
    .option('--no-cache', 'render every issue anew, without reading or writing the build cache')
    .option('--allow-lint-errors', 'exit 0 although issues are published with lint errors (still listed)', false)
    .action(async (options) => {
      const { run } = await import('./build.js');
      setExitCode(await run(options, io));
    });

  command('serve', 'serve the archive and the subscription endpoints (subscribe, confirm, one-click unsubscribe)')
    .option('--port <n>', 'the port to listen on', port, 8080)
    .option('--host <host>', 'the address to listen on', '127.0.0.1')
    .option('--dev', 'build drafts into the dev site, rebuild on every save and reload open pages; /preview/N shows an email', false)
    .action(async (options) => {
      const { run } = await import('./serve.js');
      setExitCode(await run(options, io));
    });

  command('send', 'send an issue to every active subscriber (or --list, --test), journaled and resumable')
    .argument('<issue>', 'an issue number or the path of an issue file')
    .option('--list', 'send one message to listAddress instead of each subscriber', false)
    .option('--test <address>', 'send one proof, [TEST] in the subject, to this address (outside the journal; drafts and lint errors allowed)')
    .option('--review', "with --test: the reviewers' proof (notes and lint messages shown)", false)
    .option('--dry-run', 'print what would be sent, send nothing', false)
    .option('--yes', 'do not ask for confirmation', false)
    .option('--rate <n>', 'at most this many messages per second (0: no limit; default: send.rate)', nonNegativeNumber)
    .option('--concurrency <n>', 'SMTP connections (default: send.concurrency)', positiveInteger)
    .option('--force', 'send an issue whose status is draft, or a sent one with no journal here', false)
    .option('--retry-unknown', 'send again to recipients whose delivery is unknown (same Message-ID)', false)
    .option('--retry-failed', 'send again to recipients that failed or expired', false)
    .option('--same-issue', 'continue the send of this number although it was started with another title or date: the same issue, corrected', false)
    .action(async (issue: string, options) => {
      const { run } = await import('./send.js');
      setExitCode(await run({ ...options, issue }, io));
    });

  command('sends', 'the send journal of an issue: counts per state, failed and unknown recipients with the last reply')
    .argument('<issue>', 'an issue number or the path of an issue file')
    .option('--json', 'print the journal as JSON', false)
    .option('--discard-outbox', 'forget a send that went into the outbox alone (nothing left this machine), so that `send` mails everyone', false)
    .action(async (issue: string, options) => {
      const { run } = await import('./sends.js');
      setExitCode(await run({ ...options, issue }, io));
    });

  const papers = rootBeforeSubcommand(program.command('papers').description('the paper database: search it, export it'));
  const papersCommand = (name: string, description: string) =>
    reportingTo(
      papers.command(name).description(description).option('--root <dir>', 'the newsletter directory', rootDir, '.').option('--no-cache', 'render every issue anew, without the build cache'),
      `paperboy papers ${name}`,
      io,
    );
  reportingTo(papers, 'paperboy papers', io);

  papersCommand('search', '"have we covered this before?": published papers matching every word, best first')
    .argument('[query...]', 'words to find in titles, authors, tags, summaries and opinions (none: every paper the filters keep)')
    .option('--tag <tag>', 'only papers with this tag')
    .option('--author <name>', 'only papers with an author whose name contains this', aName)
    .option('--year <year>', "only papers of this year", year)
    .option('--limit <n>', 'show at most this many matches', atLeastOne, 20)
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

/**
 * SPEC: every command takes `--root DIR`. A command with subcommands
 * (`subscribers`, `papers`) takes it before the subcommand too
 * (`paperboy subscribers --root ~/digest list`): commander reads options
 * per command, so the parent's value is handed to the subcommand that
 * runs, unless the subcommand was given its own. The one given last wins
 * (docs/commands.md, "Every command"): commander runs these hooks from the
 * program down, so a value given nearer the subcommand, later on the line
 * (`paperboy --root a subscribers --root b list`: `b`), replaces one handed
 * down before it, and the subcommand's own (source `cli`) replaces both.
 */
function rootBeforeSubcommand(parent: Command): Command {
  return parent.option('--root <dir>', 'the newsletter directory (also accepted after the subcommand)', rootDir).hook('preAction', (_parent, action) => {
    const root = parent.getOptionValue('root') as string | undefined;
    if (root !== undefined && action.getOptionValueSource('root') !== 'cli') action.setOptionValueWithSource('root', root, 'implied');
  });
}

/** `--root DIR`: an empty DIR (`--root ""`, an unset `$DIR`) names no folder; read as the current one, it would hide the mistake. */
function rootDir(value: string): string {
  if (value === '') throw new InvalidArgumentError('expected a folder, such as `--root ~/digest`');
  return value;
}

function nonNegativeInteger(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected a whole number such as 0 or 10`);
  return Number(value);
}

/** A year as papers give it: up to four digits (a longer one matches no paper, and its number would print rounded). */
function year(value: string): number {
  if (!/^\d{1,4}$/.test(value)) throw new InvalidArgumentError(`expected a year such as 2023`);
  return Number(value);
}

/** A count of at least one (`--limit 0` showed nothing and said every match was "more with --limit"). */
function atLeastOne(value: string): number {
  if (!/^0*[1-9]\d*$/.test(value)) throw new InvalidArgumentError(`expected a whole number from 1, such as 20`);
  return Number(value);
}

/** An author's name, with a letter or digit in it: an empty one (`--author ''`) kept every paper, as if no filter were given. */
function aName(value: string): string {
  if (!/[\p{L}\p{N}]/u.test(value)) throw new InvalidArgumentError('expected a name with a letter or digit in it');
  return value;
}

function port(value: string): number {
  const number = nonNegativeInteger(value);
  if (number > 65_535) throw new InvalidArgumentError(`expected a port from 0 to 65535`);
  return number;
}

function nonNegativeNumber(value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value)) throw new InvalidArgumentError(`expected a number such as 0 or 20`);
  return Number(value);
}

function positiveInteger(value: string): number {
  if (!/^[1-9]\d*$/.test(value) || Number(value) > 100) throw new InvalidArgumentError(`expected a whole number from 1 to 100`);
  return Number(value);
}

function reportError(thrown: unknown, io: CommandIO, invocation: string): number {
  if (thrown instanceof CommanderError) {
    // Commander has already printed its one line (or the help/version).
    return thrown.exitCode === 0 ? 0 : 2;
  }
  // The database locked by another program, read-only, its disk full: the user's to fix wherever a command met it, never a bug.
  const error = storeProblem(thrown) ?? thrown;
  if (isPaperboyError(error)) {
    // A name the message quotes from the disk (a link's target, a file's name) may hold an escape sequence: shown, never acted on by the terminal.
    io.stderr.write(`paperboy: ${replaceControlCharacters(error.message)}\n`);
    if (error.hint) io.stderr.write(`  ${replaceControlCharacters(error.hint)}\n`);
    // A flag's value a command refused itself (`--width 10`) points to its help, as commander's own refusals do.
    else if (error.code === 'USAGE') io.stderr.write(`${helpHint(invocation)}\n`);
    return error.exitCode;
  }
  // A chunk of the bundle that a command loads when it runs is gone (bin/paperboy.js says the same of the bundle's entry).
  if ((error as NodeJS.ErrnoException | undefined)?.code === 'ERR_MODULE_NOT_FOUND' && /[/\\]lib[/\\]bundle[/\\]/.test((error as Error).message)) {
    io.stderr.write(`paperboy: ${(error as Error).message.split('\n')[0]}: this copy of paperboy was not built completely.\n  Run \`npm ci\` (or \`npm run build:tool\`) in ${PACKAGE_ROOT}\n`);
    return 2;
  }
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`paperboy: internal error (a bug in paperboy, please report it with this output):\n${stack}\n`);
  return 70;
}
