import type { Command, Option, OutputConfiguration } from 'commander';
import { replaceControlCharacters } from '../diagnostics/control-characters.js';
import type { CommandIO } from '../io.js';

/**
 * `command` (invoked as `invocation`: `paperboy papers search`) reporting
 * as every paperboy command does: to `io`, its usage errors in paperboy's
 * words followed by its own `--help`, thrown rather than exiting (main.ts
 * turns them into exit code 2).
 */
export function reportingTo<C extends Command>(command: C, invocation: string, io: CommandIO): C {
  return command.showHelpAfterError(helpHint(invocation)).exitOverride().configureOutput(commanderOutput(io, command));
}

/**
 * Where commander writes for `command` of `io`, and how its errors read:
 * as paperboy's own (`paperboy: Unexpected …, expected …`, a hint indented
 * below), not commander's `error: unknown option '--foo'`.
 */
function commanderOutput(io: CommandIO, command: Command): OutputConfiguration {
  return {
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(text),
    outputError: (text, write) => write(usageError(text, command.options)),
  };
}

/** The line after a usage error, naming the help of the command it is about (`paperboy papers search`). */
export function helpHint(command: string): string {
  return `  Run \`${command} --help\` for usage.`;
}

/** How `command` is invoked: its name after its parents' (`paperboy papers search`). */
export function commandPath(command: Command): string {
  return command.parent ? `${commandPath(command.parent)} ${command.name()}` : command.name();
}

/**
 * Commander's error message (`error: …`, then lines such as `(Did you mean
 * --root?)`) in paperboy's words. Each form commander writes (commander 14,
 * lib/command.js) is matched; one not known keeps its words, capitalized.
 * A value or an option it quotes as typed has its control characters
 * replaced, line by line, as every other error of paperboy's has (main.ts
 * `reportError`): an escape sequence pasted into a flag must not act on the
 * terminal (`ESC =` switches the keypad, SO the character set). A
 * missing value of an option with choices (`options`: the command's)
 * names them, as a wrong one does: what to type is in the message, not
 * only in `--help`.
 */
function usageError(text: string, options: readonly Option[]): string {
  const [first = '', ...rest] = text.trimEnd().split('\n').map(replaceControlCharacters);
  const hints = rest.map((line) => `  ${line.replace(/^\((.*)\)$/, '$1').replace(/^Did you mean (.*)\?$/, 'Did you mean `$1`?')}\n`);
  return `paperboy: ${reworded(first.replace(/^error: /, ''), options)}\n${hints.join('')}`;
}

function reworded(message: string, options: readonly Option[]): string {
  const invalid = /^option '(-[^' ]+)[^']*' argument '(.*)' is invalid\. (.*)$/s.exec(message);
  if (invalid) return `Unexpected ${invalid[1]} \`${invalid[2]}\`, ${reason(invalid[3]!)}`;
  const missingValue = /^option '(-[^' ]+) ([^']*)' argument missing$/.exec(message);
  if (missingValue) return `Missing the value of ${missingValue[1]}, expected ${choicesOf(missingValue[1]!, options) ?? `${missingValue[1]} ${missingValue[2]}`}`;
  const required = /^required option '((-[^' ]+)[^']*)' not specified$/.exec(message);
  if (required) {
    const choices = choicesOf(required[2]!, options);
    return choices ? `Missing ${required[2]}, which this command requires, expected ${choices}` : `Missing ${required[1]}, which this command requires`;
  }
  const unknown = /^unknown (option|command) '(.*)'$/.exec(message);
  if (unknown) return `Unexpected ${unknown[1]} \`${unknown[2]}\``;
  const extra = /^too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/.exec(message);
  if (extra) return `Too many arguments${extra[1] ? ` for \`${extra[1]}\`` : ''}, expected ${extra[2]}, got ${extra[3]}`;
  const argument = /^missing required argument '(.*)'$/.exec(message);
  if (argument) return `Missing the argument <${argument[1]}>`;
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** `one of \`csv\`, \`json\`, \`bib\`, such as \`--format csv\``: the choices of the option `flag` of `options`, when it has any. */
function choicesOf(flag: string, options: readonly Option[]): string | undefined {
  const choices = options.find((option) => option.long === flag || option.short === flag)?.argChoices;
  if (!choices?.length) return undefined;
  return `one of ${choices.map((choice) => `\`${choice}\``).join(', ')}, such as \`${flag} ${choices[0]}\``;
}

/** Why a value was refused: commander's list of choices as `expected one of …`, an InvalidArgumentError's own words (`expected …`) as they are. */
function reason(message: string): string {
  const choices = /^Allowed choices are (.*)\.$/.exec(message);
  if (choices) return `expected one of ${choices[1]!.split(', ').map((choice) => `\`${choice}\``).join(', ')}`;
  return message;
}
