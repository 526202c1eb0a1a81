import { isMap, isScalar, visit, type Document, type Scalar } from 'yaml';

/**
 * A key written twice in one mapping, which the `yaml` package reports as
 * DUPLICATE_KEY "Map keys must be unique" at the second key (`at`, an
 * offset of the YAML text): said with the key's name and the first one's
 * line (`lineOf`, the file's line of an offset), at the second key's range.
 * Undefined when no key starts at `at`.
 */
export function duplicateKey(document: Document.Parsed, at: number, lineOf: (offset: number) => number): { message: string; range: [start: number, end: number] } | undefined {
  let problem: { message: string; range: [number, number] } | undefined;
  visit(document, {
    Map(_, map) {
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
      problem = {
        message: `Unexpected second ${named} (the first is on line ${lineOf(firstAt)}), expected each key once: keep one of the two`,
        range: [second.range![0], second.range![1]],
      };
      return visit.BREAK;
    },
  });
  return problem;
}
