import type { z } from 'zod';
import type { Config } from '../config/load.js';
import type { RuleSetting } from '../config/schema.js';
import { PaperboyError } from '../errors.js';
import { unknownKeyHint } from '../diagnostics/did-you-mean.js';
import { VERSION } from '../version.js';
import type { Rule, Severity } from './types.js';
import { oneLine } from '../diagnostics/one-line.js';
import { valueAt } from '../diagnostics/value-at.js';
import { configError } from '../config/load.js';
import { describeValue, flowYaml } from '../config/rule-settings.js';
import { ownFile } from '../package-root.js';
import { optionKeys, optionsInWords } from './format/rule-list.js';

/** A rule as configured: its severity in force and its options. */
export interface ActiveRule {
  rule: Rule;
  severity: Severity;
  /**
   * The severity is the config's (`lint.rules`), not the rule's default:
   * it is then every message's, as in ESLint, and a report's own lower
   * one (Report.severity: arxiv-id's tidy-ups) does not apply, so that
   * `arxiv-id: error` makes a missing `arxiv` fail a CI run.
   */
  configured: boolean;
  options: unknown;
  /** The config as the rule sees it: only the keys it declares in `inputs.config`. */
  config: Config;
}

/** `file:line:column` of a rule's setting in the config. */
function settingAt(config: Config, id: string): string {
  // Every id under `lint.rules` has its position (see parseConfig).
  const at = config.ruleSettingPositions[id]!;
  return `${config.file}:${at.line}:${at.column}`;
}

/**
 * A rule's options (`setting`'s second item) checked against its schema:
 * the options as the rule reads them. Throws CONFIG_INVALID (exit 2) at the
 * option's own line and column, saying what the rule takes: only a
 * severity, or options as `optionsExpected` words them (an option in
 * quotes that is right without them, `"250"`, is said so).
 */
function checkOptions(rule: Rule, level: string | number, options: unknown, config: Config): unknown {
  if (options === undefined) return undefined;
  const name = `lint.rules.${rule.id}`;
  if (!rule.options) {
    throw optionsError(config, rule.id, [1], `Unexpected options (${describeValue(options, writtenAt(config, rule.id, [1]))}) for \`${name}\`, expected only a severity, as in \`${rule.id}: warn\`: the rule takes no options`);
  }
  const checked = rule.options.safeParse(options);
  if (checked.success) return checked.data;
  // A key the options do not take (`{maks: 250}`) is named as such, with the key meant, as a config key is.
  const unknown = unrecognizedKey(checked.error.issues);
  if (unknown) {
    const { path, key } = unknown;
    const here = valueAt(options, path);
    const hint = unknownKeyHint(key, optionKeys(rule.options, path), here !== null && typeof here === 'object' ? Object.keys(here) : []);
    throw optionsError(config, rule.id, [1, ...path, key], `Unexpected key \`${[...path, key].join('.')}\` in the options of \`${name}\`, ${hint}`, 'key');
  }
  const at = existingPrefix(options, deepestPath(checked.error.issues));
  const received = valueAt(options, at);
  const what = at.length === 0 ? 'the options' : `option \`${at.join('.')}\``;
  let message = `Unexpected ${describeValue(received, writtenAt(config, rule.id, [1, ...at]))} for ${what} of \`${name}\`, expected ${rule.optionsExpected ?? optionsInWords(rule.options)}`;
  // `"250"`: the number meant, quoted.
  const unquoted = typeof received === 'string' && received.trim() !== '' && Number.isFinite(Number(received)) ? replacedAt(options, at, Number(received)) : undefined;
  if (unquoted !== undefined && rule.options.safeParse(unquoted).success) message += `: write it without the quotes, as in \`${rule.id}: ${flowYaml([level, unquoted])}\``;
  throw optionsError(config, rule.id, [1, ...at], message);
}

/** The text a number at `path` below a rule's setting was written as (`1e23`), for a message to quote. */
function writtenAt(config: Config, id: string, path: readonly (string | number)[]): string | undefined {
  return config.ruleSettingPositions[id]!.values[path.join('.')]?.written;
}

/**
 * A rule setting's error at the value at `path` below the setting (`[1]`
 * the options), or at its key (`part`: an option misspelt), else at the
 * options, else at the setting's key.
 */
function optionsError(config: Config, id: string, path: readonly (string | number)[], message: string, part: 'key' | 'value' = 'value'): PaperboyError {
  const place = config.ruleSettingPositions[id]!;
  const at = (part === 'key' ? place.keys : place.values)[path.join('.')] ?? place.values['1'] ?? place;
  return configError(config.file, at.line, at.column, message, `${ownFile('docs/rules.md')} lists each rule's options`);
}

/**
 * The path of the problem to name among zod's: the deepest, looking into
 * the alternatives of a union (`250 | { max: 250 }` given `{ max: "250" }`
 * fails as a whole at `[]`, and in its mapping alternative at `["max"]`).
 */
function deepestPath(issues: readonly z.core.$ZodIssue[]): (string | number)[] {
  let deepest: (string | number)[] = [];
  for (const issue of issues) {
    const own = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
    const nested = issue.code === 'invalid_union' ? issue.errors.map((alternative) => [...own, ...deepestPath(alternative)]) : [];
    for (const path of [own, ...nested]) if (path.length > deepest.length) deepest = path;
  }
  return deepest;
}

/**
 * The first key zod found that the options do not take, with the path of
 * its mapping, looking into the alternatives of a union (`250 | { max: 250
 * }` given `{ maks: 250 }` fails as a whole, and in its mapping alternative
 * for the key `maks`). Undefined when none is.
 */
function unrecognizedKey(issues: readonly z.core.$ZodIssue[], at: readonly (string | number)[] = []): { path: (string | number)[]; key: string } | undefined {
  for (const issue of issues) {
    const path = [...at, ...issue.path.filter((part): part is string | number => typeof part !== 'symbol')];
    if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) return { path, key: issue.keys[0] };
    const nested = issue.code === 'invalid_union' ? issue.errors.map((alternative) => unrecognizedKey(alternative, path)).find((found) => found !== undefined) : undefined;
    if (nested) return nested;
  }
  return undefined;
}

/** The longest start of `path` that is written in `data` (a missing key is named at its mapping). */
function existingPrefix(data: unknown, path: readonly (string | number)[]): (string | number)[] {
  let length = path.length;
  while (length > 0 && valueAt(data, path.slice(0, length)) === undefined) length--;
  return path.slice(0, length);
}

/** A copy of `data` with the value at `path` replaced. */
function replacedAt(data: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy = (Array.isArray(data) ? [...data] : { ...(data as Record<string, unknown>) }) as Record<string | number, unknown>;
  copy[head!] = replacedAt(copy[head!], rest, value);
  return copy;
}

/**
 * The config restricted to the keys a rule declares: reading any other key
 * throws, so a rule (or the renderer it calls) that starts reading a new key
 * fails its tests until it declares it, and the lint cache keys on it.
 */
function declaredConfig(rule: Rule, config: Config): Config {
  const declared = new Set<PropertyKey>([...(rule.inputs?.config ?? []), ...(rule.inputs?.siteFiles ? SITE_FILES_CONFIG : [])]);
  return new Proxy(config, {
    get(target, key, receiver) {
      if (typeof key === 'string' && !declared.has(key)) {
        throw new Error(`Rule \`${rule.id}\` read \`config.${key}\` without declaring it in its \`inputs.config\``);
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

/** What a rule reading the site's files (`inputs.siteFiles`) reads of the config to list them (site-files.ts). */
const SITE_FILES_CONFIG = ['staticDir', 'dataDir', 'root'] as const;

/**
 * What the results of these rules depend on besides the files: each rule's
 * id, severity, options and declared inputs, with paperboy's version. The
 * lint cache is keyed by it. `templatesFingerprint` is asked for only when
 * a rule reads the templates, `siteFilesFingerprint` only when one reads
 * the site's files.
 */
export function rulesInputsKey(active: readonly ActiveRule[], config: Config, templatesFingerprint: () => string, siteFilesFingerprint: () => string = () => ''): string {
  let fingerprint: string | undefined;
  let siteFiles: string | undefined;
  return JSON.stringify([
    VERSION,
    active.map(({ rule, severity, configured, options }) => [
      rule.id,
      severity,
      configured,
      options ?? null,
      (rule.inputs?.config ?? []).map((key) => [key, config[key] ?? null]),
      rule.inputs?.templates ? (fingerprint ??= templatesFingerprint()) : null,
      rule.inputs?.siteFiles ? (siteFiles ??= siteFilesFingerprint()) : null,
    ]),
  ]);
}

const SEVERITIES: Record<string, Severity | 'off'> = { off: 'off', 0: 'off', warn: 'warning', 1: 'warning', error: 'error', 2: 'error' };

/** Applies `lint.rules` of the config to the rule set; an unknown rule id is a config error. */
export function activeRules(rules: readonly Rule[], config: Config): ActiveRule[] {
  const settings = config.lint.rules;
  const ids = rules.map((rule) => rule.id);
  for (const id of Object.keys(settings)) {
    if (!ids.includes(id)) {
      throw new PaperboyError('CONFIG_INVALID', oneLine(`${settingAt(config, id)}: Unexpected rule \`${id}\` in \`lint.rules\`, ${unknownKeyHint(id, ids, Object.keys(settings))}`), {
        hint: 'Run `paperboy lint --list-rules` for the list of rules.',
      });
    }
  }
  const active: ActiveRule[] = [];
  for (const rule of rules) {
    const setting: RuleSetting | undefined = settings[rule.id];
    const [level, options] = Array.isArray(setting) ? [setting[0], setting[1]] : [setting, undefined];
    const severity = level === undefined ? rule.severity : SEVERITIES[String(level)]!;
    if (severity === 'off') continue;
    const checked = checkOptions(rule, level!, options, config);
    if (Array.isArray(setting) && setting.length > 2) {
      const what = rule.options ? 'its options, one value (a mapping for several)' : 'nothing: the rule takes no options';
      throw optionsError(config, rule.id, [2], `Unexpected ${describeValue(setting[2], writtenAt(config, rule.id, [2]))} as item 3 of \`lint.rules.${rule.id}\`, expected the severity followed by ${what}`);
    }
    active.push({ rule, severity, configured: level !== undefined, options: checked, config: declaredConfig(rule, config) });
  }
  return active;
}

/**
 * Checks the config's `lint.rules` (rule ids, severities, options) for a
 * command that publishes without linting (`build`, `serve`): a misspelt
 * rule is a configuration error there as in `lint`, not a setting ignored
 * without a word. With no setting, nothing is loaded; loading the rules
 * costs ~0.15 s (a build with nothing to do on the sample newsletter, 0.49
 * → 0.64 s in `farm-bench`), so `build` checks only when it writes. Throws
 * CONFIG_INVALID (exit 2) naming the setting's file:line:column.
 */
export async function checkRuleSettings(config: Config): Promise<void> {
  if (Object.keys(config.lint.rules).length === 0) return;
  activeRules((await import('./rules/index.js')).rules, config);
}
