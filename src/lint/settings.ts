import type { Config } from '../config/load.js';
import type { RuleSetting } from '../config/schema.js';
import { PaperboyError } from '../errors.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { VERSION } from '../version.js';
import type { Rule, Severity } from './types.js';
import { oneLine } from '../diagnostics/one-line.js';

/** A rule as configured: its severity in force and its options. */
export interface ActiveRule {
  rule: Rule;
  severity: Severity;
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

function checkOptions(rule: Rule, options: unknown, config: Config): unknown {
  if (options === undefined) return undefined;
  if (!rule.options) {
    throw new PaperboyError('CONFIG_INVALID', `${settingAt(config, rule.id)}: Unexpected options for \`lint.rules.${rule.id}\`, expected only a severity (the rule takes no options)`);
  }
  const checked = rule.options.safeParse(options);
  if (!checked.success) {
    throw new PaperboyError('CONFIG_INVALID', `${settingAt(config, rule.id)}: Unexpected options for \`lint.rules.${rule.id}\` (${JSON.stringify(options)}): ${checked.error.issues[0]?.message ?? 'invalid'}`, {
      hint: `Expected, for example, \`${rule.id}: [warn, 250]\`.`,
    });
  }
  return checked.data;
}

/**
 * The config restricted to the keys a rule declares: reading any other key
 * throws, so a rule (or the renderer it calls) that starts reading a new key
 * fails its tests until it declares it, and the lint cache keys on it.
 */
function declaredConfig(rule: Rule, config: Config): Config {
  const declared = new Set<PropertyKey>(rule.inputs?.config ?? []);
  return new Proxy(config, {
    get(target, key, receiver) {
      if (typeof key === 'string' && !declared.has(key)) {
        throw new Error(`Rule \`${rule.id}\` read \`config.${key}\` without declaring it in its \`inputs.config\``);
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

/**
 * What the results of these rules depend on besides the files: each rule's
 * id, severity, options and declared inputs, with paperboy's version. The
 * lint cache is keyed by it. `templatesFingerprint` is asked for only when
 * a rule reads the templates.
 */
export function rulesInputsKey(active: readonly ActiveRule[], config: Config, templatesFingerprint: () => string): string {
  let fingerprint: string | undefined;
  return JSON.stringify([
    VERSION,
    active.map(({ rule, severity, options }) => [
      rule.id,
      severity,
      options ?? null,
      (rule.inputs?.config ?? []).map((key) => [key, config[key] ?? null]),
      rule.inputs?.templates ? (fingerprint ??= templatesFingerprint()) : null,
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
      throw new PaperboyError('CONFIG_INVALID', oneLine(`${settingAt(config, id)}: Unexpected rule \`${id}\` in \`lint.rules\`, ${didYouMean(id, ids)}`), {
        hint: 'Run `paperboy lint --list-rules` for the list of rules.',
      });
    }
  }
  const active: ActiveRule[] = [];
  for (const rule of rules) {
    const setting: RuleSetting | undefined = settings[rule.id];
    const [level, options] = Array.isArray(setting) ? [setting[0], setting[1]] : [setting, undefined];
    const severity = level === undefined ? rule.severity : SEVERITIES[String(level)]!;
    if (severity !== 'off') active.push({ rule, severity, options: checkOptions(rule, options, config), config: declaredConfig(rule, config) });
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
