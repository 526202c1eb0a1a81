import { isNode, type Document } from 'yaml';
import { configSchema } from './schema.js';

/** A value YAML made of a tag no config value can be, where it is and what the schema wanted there. */
export interface TaggedValue {
  path: (string | number)[];
  /** What YAML read, in words: "binary data". */
  kind: string;
  /** The tag as written in short: `!!binary`. */
  tag: string;
  /** What the schema takes there: zod's name of the type (`object`, `array`, `string`). */
  expected: string;
  /** Where the tag starts in the config's text (`yamlText`), else the value. */
  offset: number;
}

/** The values YAML's own tags make that no config key takes (`!!binary`, `!!timestamp`, `!!set`, `!!omap`), in words. */
const KINDS: readonly [test: (value: unknown) => boolean, kind: string][] = [
  [(value) => value instanceof Uint8Array, 'binary data'],
  [(value) => value instanceof Date, 'date'],
  [(value) => value instanceof Set, 'set'],
  [(value) => value instanceof Map, 'ordered mapping'],
];

/**
 * The first value of the config (`data`, read from `document`) that a YAML
 * tag made into something other than text, a number, true or false, a list
 * or a mapping (`send: !!binary aGVsbG8=`), where the schema takes a value
 * of another type: YAML 1.2's parser knows these tags, and zod reads binary
 * data as a mapping of its bytes (`send.0`) and a date or a set as a
 * mapping of no keys, the defaults, without a word. Undefined when there is
 * none, or the schema has no type to say there (an unknown key: the
 * schema's message says that). `yamlText`: the config's text, for where the tag is.
 */
export function taggedValue(data: unknown, document: Document.Parsed, yamlText: string): TaggedValue | undefined {
  const found = firstOdd(data, []);
  if (!found) return undefined;
  // What the schema takes there: the error of a value of no type at all in its place.
  const probe = configSchema.safeParse(replaced(data, found.path, Symbol('tagged')));
  const issue = probe.success ? undefined : probe.error.issues.find((candidate) => candidate.code === 'invalid_type' && candidate.path.join('\0') === found.path.join('\0'));
  if (issue?.code !== 'invalid_type') return undefined;
  const node = document.getIn(found.path, true);
  const tag = (isNode(node) && node.tag?.replace('tag:yaml.org,2002:', '!!')) || 'its tag';
  const value = (isNode(node) && node.range?.[0]) || 0;
  const written = yamlText.lastIndexOf(tag, value);
  return { ...found, tag, expected: issue.expected, offset: written !== -1 && !yamlText.slice(written, value).includes('\n') ? written : value };
}

function firstOdd(value: unknown, path: (string | number)[]): { path: (string | number)[]; kind: string } | undefined {
  const kind = KINDS.find(([test]) => test(value))?.[1];
  if (kind) return { path, kind };
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, i) => [i, item]) : value !== null && typeof value === 'object' ? Object.entries(value) : [];
  for (const [key, item] of entries) {
    const found = firstOdd(item, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/** `data` with the value at `path` replaced by `value`, the collections along the path copied, the rest shared. */
function replaced(data: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path;
  if (Array.isArray(data)) return data.map((item, i) => (i === key ? replaced(item, rest, value) : item));
  const copy = { ...(data as Record<string, unknown>) };
  copy[key!] = replaced(copy[key!], rest, value);
  return copy;
}
