import { isMap, isScalar, isSeq, visit, type Document, type Scalar } from 'yaml';
import { editFixes } from './yaml-layout.js';

/**
 * A key written twice in one mapping, which the `yaml` package reports as
 * DUPLICATE_KEY "Map keys must be unique" at the second key (`at`, an
 * offset of the YAML text): said with the key's name and the first one's
 * line (`lineOf`, the file's line of an offset), at the second key's range.
 * When the mapping is an item of a list and the key written twice is the
 * item's first, the second starts another item whose `- ` was left out
 * (a paper's `title:`): said so, with the line written with its `- `
 * (given `yamlText`, and checked to clear the error). Undefined when no
 * key starts at `at`.
 */
export function duplicateKey(
  document: Document.Parsed,
  at: number,
  lineOf: (offset: number) => number,
  yamlText?: string,
): { message: string; range: [start: number, end: number] } | undefined {
  let problem: { message: string; range: [number, number] } | undefined;
  visit(document, {
    Map(_, map, path) {
      if (!isMap(map)) return;
      const keys = map.items.map((pair) => pair.key).filter(isScalar);
      const second = keys.find((key) => key.range?.[0] === at);
      const first = second && keys.find((key) => key.value === second.value);
      if (!second || !first || first === second) return;
      // A `:` with nothing before it is a key with no name, not one named "null"; its range starts at the comments above it, its value's on its line.
      const nameless = (key: Scalar) => key.value === null && !key.source;
      const named = nameless(second) ? 'key with no name, a `:` with nothing before it' : `\`${String(second.value)}\` key`;
      const firstValue = map.items.find((pair) => pair.key === first)?.value as { range?: [number, number, number] } | null | undefined;
      const firstAt = (nameless(first) ? firstValue?.range?.[0] : undefined) ?? first.range![0];
      const item = isSeq(path.at(-1)) && keys[0] === first && yamlText !== undefined ? itemWithoutDash(yamlText, first, second) : undefined;
      problem = {
        message: item
          ? `Unexpected second ${named} (the first is on line ${lineOf(firstAt)}), which starts another item of the list without its \`- \`, expected \`${item}\``
          : `Unexpected second ${named} (the first is on line ${lineOf(firstAt)}), expected each key once: keep one of the two`,
        range: [second.range![0], second.range![1]],
      };
      return visit.BREAK;
    },
  });
  return problem;
}

/**
 * The line of `second` written as the start of a list item like the one
 * `first` starts (`    title: B` as `  - title: B`, the indentation before
 * `first` on its line, its `- ` included), when that clears the error;
 * undefined otherwise.
 */
function itemWithoutDash(yamlText: string, first: Scalar, second: Scalar): string | undefined {
  const lineStart = (offset: number) => yamlText.lastIndexOf('\n', offset - 1) + 1;
  const prefix = yamlText.slice(lineStart(first.range![0]), first.range![0]);
  const start = lineStart(second.range![0]);
  const indent = yamlText.slice(start, second.range![0]);
  if (!/-[ \t]/.test(prefix) || !/^[ \t]*$/.test(indent)) return undefined;
  if (!editFixes(yamlText, { start, end: second.range![0], insert: prefix }, second.range![0])) return undefined;
  const end = yamlText.indexOf('\n', second.range![0]);
  return `${prefix}${yamlText.slice(second.range![0], end === -1 ? undefined : end)}`.trimEnd();
}
