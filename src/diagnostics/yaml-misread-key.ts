import { isMap, isPair, isScalar, parseDocument, visit } from 'yaml';
import { unnamedKey, type UnnamedKey } from './yaml-unnamed-key.js';

/**
 * A key of the mapping `map` (a node of the document parsed from
 * `yamlText`) that a schema does not take because YAML read what was
 * written otherwise than it was meant: a key with no name (`: x`,
 * yaml-unnamed-key.ts), or a list item written with no space after its `-`
 * (dashedKey). `key`: the key as the data names it; `known`: the keys the
 * mapping takes; `shown`: the key as the message names it (`lint.-title`).
 * Undefined for a key written as meant, whose message is the schema's.
 */
export function misreadKey(map: unknown, key: string, yamlText: string, known: readonly string[], shown = key): UnnamedKey | undefined {
  return key === '' ? unnamedKey(map, yamlText) : dashedKey(map, key, yamlText, known, shown);
}

/**
 * A key starting with `-` and no space (`-title: B`, `-year: 2023`), which
 * no mapping of a format takes: a `- ` list item whose space was left out,
 * which YAML reads as a key `-title` of the mapping around it (the parser
 * raises no error where the line sits at that mapping's keys, as a
 * top-level `-title: B` after a list written at column 0, or `-title: B`
 * under `lint:`). Said at the `-`: with the item written right when the
 * space makes it another item of a list already there (checked by reading
 * it); else with the key without its `-` when the mapping takes that key
 * and has it not;
 * else as an unknown key that a `-` starts, the schema's keys the hint.
 */
function dashedKey(map: unknown, key: string, yamlText: string, known: readonly string[], shown: string): UnnamedKey | undefined {
  if (!/^-[^\s-]/.test(key) || !isMap(map)) return undefined;
  const node = map.items.find((pair) => isPair(pair) && isScalar(pair.key) && pair.key.value === key)?.key;
  const dash = isScalar(node) ? node.range?.[0] : undefined;
  if (dash === undefined || yamlText[dash] !== '-') return undefined;
  const lineEnd = yamlText.indexOf('\n', dash);
  const written = yamlText.slice(dash, lineEnd === -1 ? yamlText.length : lineEnd).trimEnd();
  const needsSpace = 'a list item needs `- `, a dash then a space';
  if (joinsList(yamlText, dash)) return { said: `Missing space after \`-\` starting a list item, which YAML reads as the key \`${shown}\``, expected: `\`- ${written.slice(1)}\``, range: [dash, dash + 1] };
  // The key without its `-`, unless the mapping has it already (a second `title:` would be a key written twice).
  if (known.includes(key.slice(1)) && !map.has(key.slice(1))) {
    return { said: `Unexpected \`-\` before the key \`${key.slice(1)}\`, which YAML reads as part of the key (\`${shown}\`; ${needsSpace})`, expected: `\`${written.slice(1)}\``, range: [dash, dash + 1] };
  }
  return { said: `Unexpected key \`${shown}\`, which YAML reads as a key since its \`-\` has no space after it (${needsSpace})`, expected: undefined, range: [dash, dash + key.length] };
}

/** Whether a space after the `-` at `dash` makes its line an item of a list with other items, the whole text read without error. */
function joinsList(yamlText: string, dash: number): boolean {
  const edited = parseDocument(`${yamlText.slice(0, dash + 1)} ${yamlText.slice(dash + 1)}`, { uniqueKeys: true });
  if (edited.errors.length > 0) return false;
  let joins = false;
  visit(edited, {
    Seq(_, seq) {
      if (seq.items.length > 1 && seq.items.some((item) => (item as { range?: [number, number, number] } | null)?.range?.[0] === dash + 2)) joins = true;
    },
  });
  return joins;
}
