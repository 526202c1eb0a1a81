import { isScalar, stringify, type Document } from 'yaml';
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
  values: Record<string, ValuePlace>;
  keys: Record<string, Place>;
}

/**
 * A value's place, and for a number its text as written:
 * `100000000000000000000000` (which JavaScript shows as `1e+23`),
 * `9007199254740993` (which it reads as …992), `0x1F`. A message quotes
 * what the editor typed.
 */
interface ValuePlace extends Place {
  written?: string;
}

/** The places of every setting under `lint.rules` (`settings`: as read from the file; `text`: the file's text). */
export function ruleSettingPlaces(document: Document.Parsed, text: string, lines: LineIndex, settings: Record<string, unknown>): Record<string, RuleSettingPlace> {
  return Object.fromEntries(
    Object.entries(settings).map(([id, setting]) => {
      const at = (path: readonly (string | number)[], part: 'key' | 'value'): Place => {
        const { line, column } = locateInYaml(document, ['lint', 'rules', id, ...path], part, 0, lines).start;
        return { line, column };
      };
      const numberWritten = (path: readonly (string | number)[]): { written?: string } => {
        const node = document.getIn(['lint', 'rules', id, ...path], true);
        return isScalar(node) && typeof node.value === 'number' && node.range ? { written: text.slice(node.range[0], node.range[1]) } : {};
      };
      const values: Record<string, ValuePlace> = {};
      const keys: Record<string, Place> = {};
      for (const path of valuePaths(setting)) {
        values[path.join('.')] = { ...at(path, 'value'), ...numberWritten(path) };
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
 * with the word meant. The message belongs at the severity: the setting,
 * or its list's first item. `severityWritten`: the severity's text in the
 * file, quoted for a number (`1e30`, not JavaScript's `1e+30`).
 */
export function ruleSettingProblem(id: string, setting: unknown, severityWritten?: string): { message: string } {
  const name = `lint.rules.${id}`;
  const severity = Array.isArray(setting) ? setting[0] : setting;
  const words = 'a severity is `off`, `warn` or `error` (or 0, 1, 2)';
  const meant = typeof severity === 'string' ? severityMeant(severity) : undefined;
  if (meant !== undefined) {
    // The setting as written, with the severity meant: `[warn, 250]` for `[warning, 250]`.
    const example = Array.isArray(setting) ? flowYaml([meant, ...setting.slice(1)]) : meant;
    return { message: `Unexpected severity \`${String(severity)}\` for \`${name}\`, expected \`${meant}\`, as in \`${id}: ${example}\`: ${words}` };
  }
  const written = Array.isArray(setting) && setting.length === 0 ? 'empty list' : describeValue(severity, severityWritten);
  return {
    message:
      `Unexpected ${written}${Array.isArray(setting) && setting.length > 0 ? ' first in the list' : ''} for \`${name}\`, expected a severity, such as \`${id}: warn\`: ${words}, ` +
      'alone, or first in a list with the options of a rule that takes them',
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

/** A value in words, with its text for a scalar: "text `warning`", "number `7`" (`written`: a number's text in the file, shown instead of JavaScript's), "list", "mapping". */
export function describeValue(value: unknown, written?: string): string {
  if (value === null) return 'empty value';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  return `${typeof value === 'string' ? 'text' : typeof value} \`${typeof value === 'number' && written !== undefined ? written : String(value)}\``;
}
