import { stringify, type Document } from 'yaml';
import { closest } from '../diagnostics/did-you-mean.js';
import type { LineIndex } from '../diagnostics/position.js';
import { locateInYaml } from '../diagnostics/yaml-locate.js';

/** The words a severity may be written as (ESLint's, with its 0, 1, 2). */
export const SEVERITY_WORDS = ['off', 'warn', 'error'] as const;

/** A place in the config file, 1-based. */
interface Place {
  line: number;
  column: number;
}

/**
 * Where one `lint.rules` setting is written: its key (`line`, `column`),
 * and each value under it by its path below the setting joined with "."
 * (`""` the value itself, `"0"` the severity of a list, `"1"` the options,
 * `"1.max"` an option of a mapping), and the key of each option of a
 * mapping (`keys["1.max"]`), so that the linter, which checks the options
 * against the rule after the file is closed, names the option's own line
 * and column (a misspelt option's, at its key).
 */
export interface RuleSettingPlace extends Place {
  values: Record<string, Place>;
  keys: Record<string, Place>;
}

/** The places of every setting under `lint.rules` (`settings`: as read from the file). */
export function ruleSettingPlaces(document: Document.Parsed, lines: LineIndex, settings: Record<string, unknown>): Record<string, RuleSettingPlace> {
  return Object.fromEntries(
    Object.entries(settings).map(([id, setting]) => {
      const at = (path: readonly (string | number)[], part: 'key' | 'value'): Place => {
        const { line, column } = locateInYaml(document, ['lint', 'rules', id, ...path], part, 0, lines).start;
        return { line, column };
      };
      const values: Record<string, Place> = {};
      const keys: Record<string, Place> = {};
      for (const path of valuePaths(setting)) {
        values[path.join('.')] = at(path, 'value');
        if (typeof path.at(-1) === 'string') keys[path.join('.')] = at(path, 'key');
      }
      return [id, { ...at([], 'key'), values, keys }];
    }),
  );
}

/** `[]` and the path of every list item and mapping value below `value`, depth first. */
function valuePaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const children = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : value !== null && typeof value === 'object' ? Object.entries(value) : [];
  return [path, ...children.flatMap(([key, item]) => valuePaths(item, [...path, key]))];
}

/**
 * Why a `lint.rules` setting is not a severity, alone or first in a list
 * (`setting`: as read). The config does not know the rules (the linter
 * does, and checks their options), so the example is the one every rule
 * takes, a severity alone: `opinion-missing: warn`, never options a rule
 * may not take. A near miss of a severity word (`warning`, `err`) is named
 * with the word meant. `at`: which value to point at, `"0"` for a list's
 * first item, `""` for the setting itself.
 */
export function ruleSettingProblem(id: string, setting: unknown): { message: string; at: string } {
  const name = `lint.rules.${id}`;
  const severity = Array.isArray(setting) ? setting[0] : setting;
  const words = 'a severity is `off`, `warn` or `error` (or 0, 1, 2)';
  const meant = typeof severity === 'string' ? severityMeant(severity) : undefined;
  const at = Array.isArray(setting) && setting.length > 0 ? '0' : '';
  if (meant !== undefined) {
    // The setting as written, with the severity meant: `[warn, 250]` for `[warning, 250]`.
    const example = Array.isArray(setting) ? flowYaml([meant, ...setting.slice(1)]) : meant;
    return { message: `Unexpected severity \`${String(severity)}\` for \`${name}\`, expected \`${meant}\`, as in \`${id}: ${example}\`: ${words}`, at };
  }
  const written = Array.isArray(setting) && setting.length === 0 ? 'empty list' : describeValue(severity);
  return {
    message:
      `Unexpected ${written}${Array.isArray(setting) && setting.length > 0 ? ' first in the list' : ''} for \`${name}\`, expected a severity, such as \`${id}: warn\`: ${words}, ` +
      'alone, or first in a list with the options of a rule that takes them',
    at,
  };
}

/** A value as one line of YAML, as a config example writes it: `[warn, 250]`, `{max: 250}`. */
export function flowYaml(value: unknown): string {
  return stringify(value, { collectionStyle: 'flow', flowCollectionPadding: false }).trim();
}

/** The severity word a near miss means: one it starts (`warning`, `errors`) or a typo of one (`eror`). */
function severityMeant(word: string): string | undefined {
  const lower = word.trim().toLowerCase();
  return SEVERITY_WORDS.find((severity) => lower.startsWith(severity) || (lower.length >= 3 && severity.startsWith(lower))) ?? closest(lower, SEVERITY_WORDS, lower.length >= 4 ? 2 : 1);
}

/** A value in words, with its text for a scalar: "text `warning`", "number `7`", "list", "mapping". */
export function describeValue(value: unknown): string {
  if (value === null) return 'empty value';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  return `${typeof value === 'string' ? 'text' : typeof value} \`${String(value)}\``;
}
