import type { Node, Position } from 'unist';
import type { z } from 'zod';
import type { Config } from '../config/load.js';
import type { ConfigFile } from '../config/schema.js';
import type { Issue, MarkdownText } from '../issue/model.js';
import type { ParsedIssue } from '../issue/parse.js';
import type { TextEdit, WrittenEdit } from '../issue/source.js';
import type { IssueFacts } from '../issue/facts.js';

export type Severity = 'error' | 'warning';

/**
 * A message's fix, as ESLint's: an edit of the file's text as written (no
 * BOM, its own line endings), which an editor applies to the file as it is
 * and `--fix` writes (a rule reports it in the normalized text, see `Report`).
 */
export type Fix = WrittenEdit;

/** One diagnostic, in the plain shape that crosses to and from worker processes and the cache. */
export interface LintMessage {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: Fix;
}

export interface Report {
  message: string;
  position: Position;
  /** In offsets of the normalized text the rule reads (LF, no BOM): the lint moves it to the file as written (`Fix`). */
  fix?: TextEdit;
  /**
   * `'warning'` lowers this one message when a rule's problems differ in
   * weight (paper-url: a plain http link is a warning, a broken one an error).
   * It only ever lowers: `'error'` is ignored, so a rule configured as `warn`
   * stays a warning; and only the rule's default severity: a severity the
   * config sets is every message's (ActiveRule.configured).
   */
  severity?: Severity;
}

interface RuleContextBase<Options> {
  config: Config;
  /** The options given in `lint.rules` (`[severity, options]`), or undefined. */
  options: Options | undefined;
}

export interface FileRuleContext<Options = unknown> extends RuleContextBase<Options> {
  parsed: ParsedIssue;
  /** The lenient model; undefined when the frontmatter could not be read at all. */
  issue: Issue | undefined;
  /** What other issues know of this one (papers, number, references), extracted once per file. */
  facts: IssueFacts;
  report(report: Report): void;
  /** The file position of a node of one of the issue's Markdown trees. */
  nodePosition(text: MarkdownText, node: Node): Position;
  /** The file position of offsets in a Markdown text. */
  textPosition(text: MarkdownText, start: number, end: number): Position;
}

interface CorpusRuleContext<Options = unknown> extends RuleContextBase<Options> {
  /**
   * Facts of every issue in the directory, in file order. A report on one
   * file reads no other file's `references`: a command may give the
   * others' facts without them, as a frontmatter-only read has them
   * (engine.ts `LintOptions.corpusFacts`).
   */
  facts: readonly IssueFacts[];
  /**
   * Reports on one issue file (messages for files not being linted are
   * dropped). These rules read facts, not the file's text: a fix is one the
   * facts place in the file as written (`Fix`, e.g. IssueFacts
   * `references[].numberAt`), for the file the facts were read from.
   * Whether a rule reports depends on no place in the facts (a position,
   * a tag's or author's `at`, `numberAt`): places say only where a message
   * points and what its fix replaces. A lint relies on it to skip these
   * rules after an edit that moved things only (engine.ts,
   * corpus-silence.ts; tests/lint/corpus-silence.test.ts checks each rule).
   */
  report(path: string, report: Omit<Report, 'fix'> & { fix?: Fix }): void;
  /**
   * Whether messages on the file at `path` are kept (those of the files
   * being linted): a rule need not work out what it would say of another
   * file (a build lints a few of a thousand), though what it compares
   * still takes in every file's facts.
   */
  reported(path: string): boolean;
}

interface RuleBase {
  /** The id users write in `lint.rules` and see after each message. */
  id: string;
  severity: Severity;
  /** One line: what the rule wants, shown by `paperboy lint --help`-style docs. */
  doc: string;
  /**
   * What the rule says of an issue already sent (`status: sent`), whose
   * email is history: `'report'`, a problem its published page, feeds or
   * paper database still have, which editing the file still fixes (a dead
   * link, a value the archive drops, a wrong date); `'advice'`, editorial
   * advice for an issue being written (an opinion missing, a summary's
   * length, the subject's), which nobody can act on once it is sent: not
   * reported on a sent issue unless asked (`paperboy lint --sent`, or the
   * file named), and never failing `build` (engine.ts `reportedMessages`).
   */
  sent: 'report' | 'advice';
  /** What the rule reads besides the files: the lint cache keys on exactly this. */
  inputs?: RuleInputs;
}

/**
 * The settings and files a rule's results depend on. A rule sees only the
 * config keys it declares (reading another one fails, see settings.ts), so
 * the cache cannot miss one.
 */
interface RuleInputs {
  config?: readonly (keyof ConfigFile)[];
  /** The templates, by content: the rule renders the email. */
  templates?: boolean;
  /**
   * The site's own files, by path (site-files.ts `siteFilePaths`): the rule
   * may read `config.staticDir`, `dataDir` and `root`, and the cache keys
   * on the paths of `staticDir`'s files, so a file added or removed there
   * is seen by the next lint.
   */
  siteFiles?: boolean;
}

/** Rules that take options declare their shape; a wrong shape is a config error, not a silent default. */
interface OptionsSchema<Options> {
  options?: z.ZodType<Options, unknown>;
  /**
   * The options in words, with an example, for the error a wrong one gets:
   * "the most words a summary may have, a whole number such as `250`".
   * Without it, the error words the schema (`a positive integer`), which
   * says the type but not what the number is.
   */
  optionsExpected?: string;
}

/**
 * A rule that looks at one file at a time (runs in worker processes, cached
 * per file). A check may be async, to import what it needs only when a file
 * needs it (email-size: the whole renderer, for unsent issues only).
 */
export interface FileRule<Options = unknown> extends RuleBase, OptionsSchema<Options> {
  scope: 'file';
  check(context: FileRuleContext<Options>): void | Promise<void>;
}

/** A rule that compares issues (runs on the stored facts of every file). */
export interface CorpusRule<Options = unknown> extends RuleBase, OptionsSchema<Options> {
  scope: 'corpus';
  check(context: CorpusRuleContext<Options>): void;
}

// Options vary per rule: the registry holds rules of any options type, each
// checked against its own schema by `activeRules`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Rule = FileRule<any> | CorpusRule<any>;

export interface FileResult {
  path: string;
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** The file's contents after `--fix` changed it, as written to disk, BOM and line endings included (ESLint's `output`). */
  output?: string;
}
