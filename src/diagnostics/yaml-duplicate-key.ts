import { isMap, isScalar, visit, type Document } from 'yaml';

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
      problem = {
        message: `Unexpected second \`${String(second.value)}\` key (the first is on line ${lineOf(first.range![0])}), expected each key once: keep one of the two`,
        range: [second.range![0], second.range![1]],
      };
      return visit.BREAK;
    },
  });
  return problem;
}
