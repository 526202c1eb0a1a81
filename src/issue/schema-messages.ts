import { parse } from 'yaml';
import type { z } from 'zod';
import { misspeltKeyIssue, unknownKeyHint } from '../diagnostics/did-you-mean.js';
import { valueAt } from '../diagnostics/value-at.js';
import { distinctTags } from './names.js';
import { ISSUE_KEYS, PAPER_KEYS } from './schema.js';
import type { UnnamedKey } from '../diagnostics/yaml-unnamed-key.js';
import { dashHint } from '../diagnostics/yaml-typos.js';
import { nonFiniteWords } from '../diagnostics/yaml-infinity.js';
import { isoDateOf } from '../diagnostics/date-as-written.js';
import { MERGE_KEY, MERGE_KEY_MESSAGE } from '../diagnostics/yaml-merge-key.js';

/** A frontmatter-schema problem before it is given a position. */
export interface SchemaProblem {
  message: string;
  path: (string | number)[];
  /** Point at the key (unknown keys) or at the value. */
  part: 'key' | 'value';
  /** Offsets in the YAML text to point at instead of the path (a key with no name: its `:`). */
  range?: [start: number, end: number];
}

/** The source of an unquoted scalar at a path of the frontmatter (`1e3`, `true`); undefined for other values. */
export type WrittenScalar = (path: readonly (string | number)[]) => string | undefined;

/**
 * Words a user can act on, in remark-lint's "Unexpected X, expected Y" form.
 * `written` gives the source of unquoted values, so a number where text is
 * meant is shown as typed (`1e3`, not the 1000 YAML read) with how to quote it.
 * `misread` names an unknown key that YAML misread (a key with no name, a
 * list item's `-` with no space: diagnostics/yaml-misread-key.ts) by what
 * was written, given the mapping's path, the key and the keys it takes.
 * `writtenStart` gives the first line of a mapping or list as written: a
 * list whose first item has no space after its `-` (`-title: A`), which
 * YAML reads as a mapping, gets the item written right as its hint.
 */
export function describeSchemaIssues(
  issues: readonly z.core.$ZodIssue[],
  data: unknown,
  written: WrittenScalar = () => undefined,
  misread: (mapPath: readonly (string | number)[], key: string, known: readonly string[]) => UnnamedKey | undefined = () => undefined,
  writtenStart: WrittenScalar = () => undefined,
): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const key = String(path.at(-1) ?? 'frontmatter');
    const field = fieldName(path);
    const received = valueAt(data, path);
    // A number as typed: YAML rounds one past 2^53 (`9007199254740993` reads as …992) and writes a long one in exponent form.
    const shown = (typeof received === 'number' && written(path)) || String(received);
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = path.length === 0 ? ISSUE_KEYS : PAPER_KEYS;
        const present = received !== null && typeof received === 'object' ? Object.keys(received) : [];
        for (const unknown of issue.keys) {
          // A key with no name (`: x`, `~: x`), or a list item's `-` with no space (`-title: B`), is named by what was written.
          const nameless = misread(path, unknown, known);
          if (nameless) {
            problems.push({ message: `${nameless.said}, ${nameless.expected === undefined ? unknownKeyHint(unknown, known, present) : `expected ${nameless.expected}`}`, path: [...path, unknown], part: 'key', range: nameless.range });
            continue;
          }
          const message = unknown === MERGE_KEY ? MERGE_KEY_MESSAGE : `Unexpected key \`${unknown}\`, ${unknownKeyHint(unknown, known, present)}`;
          problems.push({ message, path: [...path, unknown], part: 'key' });
        }
        break;
      }
      case 'invalid_type':
        if (received === undefined) {
          // A key written misspelt (`sumary:`) is named once, as the unknown key it is, with the key it is near.
          if (misspeltKeyIssue(issues, path)) break;
          problems.push({ message: `Missing key \`${key}\`, expected ${MISSING_VALUE[key] ?? article(issue.expected)}`, path, part: 'key' });
        } else if (nonFiniteWords(received) !== undefined) {
          problems.push({ message: `Unexpected number \`${written(path) ?? String(received)}\` for ${field}, ${nonFiniteWords(received)!}`, path, part: 'value' });
        } else if (issue.expected === 'string' && written(path) !== undefined) {
          problems.push({ message: unquotedTextMessage(field, received, written(path)!), path, part: 'value' });
        } else {
          const quoteHint = key === 'arxiv' && typeof received === 'number' ? ' (quote it: `arxiv: "2304.15004"`, or YAML drops trailing zeros)' : '';
          const hint = quoteHint || (issue.expected === 'array' ? dashHint(written(path) ?? writtenStart(path)) || bracketHint(key, received) : '');
          problems.push({ message: `Unexpected ${describe(received)} for ${field}, expected ${article(issue.expected)}${hint}`, path, part: 'value' });
        }
        break;
      case 'invalid_value':
        problems.push({ message: `Unexpected ${field} value \`${shown}\`, expected one of ${issue.values.map((v) => `\`${String(v)}\``).join(', ')}`, path, part: 'value' });
        break;
      case 'invalid_format': {
        // A date written as people write dates (`29/05/2023`, `May 29, 2023`) gets its YYYY-MM-DD form to write.
        const iso = key === 'date' && typeof received === 'string' ? isoDateOf(received) : undefined;
        problems.push({ message: `Unexpected ${field} value \`${shown}\`, ${issue.message}${iso ? `: \`date: ${iso}\`` : ''}`, path, part: 'value' });
        break;
      }
      case 'too_small':
        problems.push({
          message:
            typeof received === 'string'
              ? `Unexpected empty ${field}, expected text`
              : `Unexpected ${field} value \`${shown}\`, expected ${issue.inclusive === false ? 'more than' : 'at least'} ${String(issue.minimum)}`,
          path,
          part: 'value',
        });
        break;
      case 'too_big':
        // zod 4's int() also bounds a number to the safe integers: a year past 2100 broke both bounds. One message, the tighter.
        if (issues.some((other) => other.code === 'too_big' && other.path.map(String).join('\0') === issue.path.map(String).join('\0') && Number(other.maximum) < Number(issue.maximum))) break;
        if (Array.isArray(received)) {
          problems.push({ message: `Unexpected ${itemCount(key, received)} in ${field}, expected at most ${String(issue.maximum)}${TOO_MANY_HINT[key] ?? ''}`, path, part: 'value' });
          break;
        }
        problems.push({ message: `Unexpected ${field} value \`${shown}\`, expected ${issue.inclusive === false ? 'less than' : 'at most'} ${String(issue.maximum)}`, path, part: 'value' });
        break;
      default:
        problems.push({ message: `Unexpected ${field}: ${issue.message}`, path, part: 'value' });
    }
  }
  return problems;
}

/**
 * How many items a list too long has, as the limit counts them: tags each
 * once, as the archive has them (`distinctTags`: case, accents and spaces
 * aside), saying how many were written when a tag is written twice.
 */
function itemCount(key: string, received: readonly unknown[]): string {
  const count = (n: number) => n.toLocaleString('en');
  if (key !== 'tags') return `${count(received.length)} items`;
  const distinct = distinctTags(received.filter((item): item is string => typeof item === 'string')).length;
  const repeated = distinct === received.length ? '' : ` (${count(received.length)} written: a tag written again, whatever its case, accents or spacing, counts once)`;
  return `${count(distinct)} items${repeated}`;
}

/** What to do about a list longer than the format allows, by its key. */
const TOO_MANY_HINT: Record<string, string> = {
  tags: ': keep the tags a reader would look for a paper by (each tag is a page of the archive listing its papers with their tags)',
};

/**
 * A place in the frontmatter as a reader finds it, counting from 1 as the
 * file is read: `title`, paper 2's `title`, item 1 of `reviewers`, item 1 of
 * paper 2's `tags`, paper 2 (a paper that is not a mapping).
 */
function fieldName(path: readonly (string | number)[]): string {
  const last = path.at(-1);
  if (last === undefined) return 'the frontmatter';
  const owner = path.slice(0, -1);
  if (typeof last === 'string') return owner.length === 0 ? `\`${last}\`` : `${fieldName(owner)}'s \`${last}\``;
  return owner.length === 1 && owner[0] === 'papers' ? `paper ${last + 1}` : `item ${last + 1} of ${fieldName(owner)}`;
}

/**
 * A number, boolean or null YAML read from what was meant as text
 * (`title: 1984`, `venue: 2023`, `title: 010`, `title: true`); `field` as
 * `fieldName` names it.
 */
function unquotedTextMessage(field: string, received: unknown, source: string): string {
  if (source === '') return `Unexpected empty ${field}, expected text`;
  const kind = received === null ? 'null' : typeof received;
  return `Unexpected ${kind} \`${source}\` for ${field}, expected text: quote it, as in \`"${source}"\``;
}

/**
 * A list written as one text (`authors: Ann Lee, Bo Chen`, `tags: evals`):
 * the same items in brackets, `authors: [Ann Lee, Bo Chen]`, when each item
 * reads back from them as the text written (no character YAML gives a
 * meaning in a flow list; an item YAML reads as a number, a yes or no or
 * nothing, `2023`, `true`, `null`, in quotes); else nothing, and the
 * message says "a list". Authors of one word each, two by two, may be
 * names written "Last, First" (`Vaswani, Ashish`): both readings are
 * given; some of one word and some not, neither is sure, and none is.
 */
function bracketHint(key: string, received: unknown): string {
  if (typeof received !== 'string') return '';
  const items = received.split(',').map((item) => item.trim());
  if (items.some((item) => item === '' || /[[\]{}#&*!|>'"%@`:]/.test(item))) return '';
  const listed = ` in brackets: \`${key}: [${items.map(flowItem).join(', ')}]\``;
  if (key !== 'authors') return listed;
  const oneWord = items.filter((item) => !/\s/.test(item)).length;
  if (oneWord === 0 || (oneWord === items.length && items.length % 2 === 1)) return listed;
  if (oneWord < items.length) return '';
  const pairs = items.flatMap((item, at) => (at % 2 === 0 ? [JSON.stringify(`${item}, ${items[at + 1]!}`)] : []));
  return `${listed}, or for names written "Last, First" each in quotes: \`${key}: [${pairs.join(', ')}]\``;
}

/** An item as a YAML flow list reads it back as the text written: bare, or in double quotes when YAML would read it as something else (`2023`, `true`, `null`). */
function flowItem(item: string): string {
  const read: unknown = parse(`[${item}]`);
  return Array.isArray(read) && read.length === 1 && read[0] === item ? item : JSON.stringify(item);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  return `${typeof value} \`${String(value)}\``;
}

/** What a required key holds, where its type alone ("text") would not tell the editor what to write. */
const MISSING_VALUE: Record<string, string> = {
  url: 'the paper\'s absolute http(s) URL, such as `url: https://arxiv.org/abs/2304.15004`',
  date: 'the publication date as YYYY-MM-DD, such as `date: 2023-05-29`',
  number: 'the issue\'s number, such as `number: 42`',
  summary: 'the paper\'s summary in Markdown, a block under `summary: |`',
};

function article(expected: string): string {
  const names: Record<string, string> = { array: 'a list', object: 'a mapping', string: 'text', number: 'a number', boolean: '`true` or `false`', int: 'an integer' };
  return names[expected] ?? expected;
}
