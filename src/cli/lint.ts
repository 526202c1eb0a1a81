import { loadConfig } from '../config/load.js';
import { sayUnreadIssueFiles } from './unread-issue-files.js';
import { PaperboyError } from '../errors.js';
import { lintIssues } from '../lint/engine.js';
import { formatJson } from '../lint/format/json.js';
import { formatRuleList, RULE_LIST_FORMATS, type RuleListFormat } from '../lint/format/rule-list.js';
import { formatStylish } from '../lint/format/stylish.js';
import { lintTargets } from '../lint/targets.js';
import type { CommandIO } from '../io.js';
import { terminalWidth, useColor } from './io.js';
import { newsletterRoot, rootFlag } from './root.js';
import { sayUnreadTemplatesOf } from './unread-templates.js';

export interface LintCommandOptions {
  root: string;
  files: string[];
  format: string;
  fix: boolean;
  cache: boolean;
  maxWarnings: number | undefined;
  /** Report the advice of rules about an issue being written on issues already sent too (rules.md). */
  sent?: boolean;
  color?: boolean;
  listRules?: boolean;
}

const DIAGNOSTIC_FORMATS = ['stylish', 'json'];

/** `--list-rules`: every rule with its default severity and doc, as text, JSON or the Markdown of docs/rules.md. */
async function listRules(format: string): Promise<string> {
  if (!(RULE_LIST_FORMATS as readonly string[]).includes(format)) {
    throw new PaperboyError('USAGE', `Unexpected --format \`${format}\` for --list-rules, expected one of ${RULE_LIST_FORMATS.map((f) => `\`${f}\``).join(', ')}`);
  }
  // Imported here: a lint loads the rules after starting its workers (see lint/engine.ts).
  const { rules } = await import('../lint/rules/index.js');
  return formatRuleList(rules, format as RuleListFormat);
}

export async function run(options: LintCommandOptions, io: CommandIO): Promise<number> {
  if (options.listRules) {
    // Lints nothing: files, --fix and --max-warnings given with it would be dropped without a word, and exit 0 read as a clean lint.
    const dropped = [...(options.files.length > 0 ? ['issue files'] : []), ...(options.fix ? ['--fix'] : []), ...(options.maxWarnings !== undefined ? ['--max-warnings'] : []), ...(options.sent ? ['--sent'] : [])];
    if (dropped.length > 0) {
      throw new PaperboyError('USAGE', `Unexpected ${dropped.join(' and ')} with --list-rules, which lists the rules and lints nothing`, { hint: 'Run `paperboy lint --list-rules` alone, and `paperboy lint` with the files and options to lint.' });
    }
    io.stdout.write(await listRules(options.format));
    return 0;
  }
  if (!DIAGNOSTIC_FORMATS.includes(options.format)) {
    throw new PaperboyError('USAGE', `Unexpected --format \`${options.format}\` for diagnostics, expected \`stylish\` or \`json\``, {
      hint: options.format === 'markdown' ? '`--format markdown` lists the rules: `paperboy lint --list-rules --format markdown`.' : undefined,
    });
  }
  const config = await loadConfig(newsletterRoot(io.cwd, options.root, options.files));
  const targets = options.files.length > 0 ? await lintTargets(options.files, io.cwd, config.issuesDir, `paperboy lint${rootFlag(io.cwd, config.root)}`) : undefined;
  const files = targets?.files;
  // A sent issue's editorial advice is history: said when asked for, or of a file named.
  const adviceOnSent = options.sent === true || (targets?.named ?? []);
  const results = await lintIssues(config, { ...(files ? { files } : {}), cache: options.cache, fix: options.fix, adviceOnSent });

  const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
  const warnings = results.reduce((sum, r) => sum + r.warningCount, 0);
  if (options.format === 'json') {
    io.stdout.write(`${formatJson(results)}\n`);
  } else {
    io.stdout.write(formatStylish(results, { cwd: io.cwd, color: useColor(io.stdout, io.env, options.color), width: terminalWidth(io.stdout) }));
  }
  await sayUnreadTemplatesOf(config.templatesDir, io);
  if (!files) sayUnreadIssueFiles(config.issuesDir, io);
  const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
  if (tooManyWarnings && options.format === 'stylish') {
    io.stderr.write(`paperboy lint found too many warnings (maximum: ${options.maxWarnings}).\n`);
  }
  return errors > 0 || tooManyWarnings ? 1 : 0;
}
