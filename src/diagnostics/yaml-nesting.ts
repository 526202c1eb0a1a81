/** Where a text nests too deep: an offset in the text, and the depth found there. */
export interface NestingExcess {
  offset: number;
  depth: number;
}

/**
 * The first place a YAML text (an issue's frontmatter, the config) nests
 * more than `limit` collections (mappings, sequences, flow `[…]` and `{…}`)
 * inside each other, found by one pass over its lines before it is parsed: the yaml
 * package composes a document by recursion, and so does paperboy's walk
 * of it, so `x: [[[…]]]` 10,000 deep ran out of stack ("Maximum call stack
 * size exceeded"), and 3,000 mappings indented one space deeper each
 * failed the whole file as a bug. A real issue nests four or five deep.
 *
 * The depth is an upper bound of the parsed one, never less: in block
 * context each line is as deep as the columns its indentation and its
 * `- ` items open after those of the lines above it (a plain or quoted
 * scalar continued on a line indented further counts as one more, which
 * only a text that no issue has can take past the limit); the lines of a
 * block scalar (`|`, `>`) are text and skipped; a value starting with `[`
 * or `{` adds its brackets, counted outside quotes and comments, until
 * they close.
 */
export function yamlNestingExcess(yaml: string, limit: number): NestingExcess | undefined {
  // The nodes the line is inside, outermost first: where each starts, and whether it starts with `- `.
  const columns: { column: number; item: boolean }[] = [];
  let lineStart = 0;
  // A block scalar's lines: blank, or indented past its parent's column and at least as far as its first line.
  let blockScalar: { above: number; indent?: number } | undefined;
  while (lineStart < yaml.length) {
    const newline = yaml.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? yaml.length : newline;
    const line = yaml.slice(lineStart, lineEnd);
    const indent = /^ */.exec(line)![0].length;
    const blank = /^[ \t]*(#.*)?\r?$/.test(line);
    if (blockScalar && (blank || (indent > blockScalar.above && indent >= (blockScalar.indent ??= indent)))) {
      lineStart = lineEnd + 1;
      continue;
    }
    blockScalar = undefined;
    if (!blank) {
      const item = DASH.test(line.slice(indent));
      // A sequence may sit at its key's column (`key:` then `- item`): it is inside that key's mapping, not beside it.
      while (columns.length > 0 && (columns.at(-1)!.column > indent || (columns.at(-1)!.column === indent && !(item && !columns.at(-1)!.item)))) columns.pop();
      columns.push({ column: indent, item });
      // Each further `- ` opens a sequence item, whose content starts further right.
      let at = indent;
      for (let dash = DASH.exec(line.slice(at)); dash; dash = DASH.exec(line.slice(at))) {
        at += dash[0].length;
        columns.push({ column: at, item: DASH.test(line.slice(at)) });
      }
      if (columns.length > limit) return { offset: lineStart + at, depth: columns.length };
      const value = valueStart(line, at);
      if (line[value] === '[' || line[value] === '{') {
        const flow = flowExcess(yaml, lineStart + value, columns.length, limit);
        if (flow.excess) return flow.excess;
        lineStart = flow.end;
        continue;
      }
      // Its parent: the key of `key: |`, or the sequence of `- |`.
      if (/^[|>][-+0-9]*[ \t]*(#.*)?\r?$/.test(line.slice(value))) blockScalar = { above: (value === at ? columns.at(-2)?.column : columns.at(-1)?.column) ?? -1 };
    }
    if (newline === -1) break;
    lineStart = lineEnd + 1;
  }
  return undefined;
}

const DASH = /^- +|^-$/;

/**
 * Where the value of a line's node starts, past its anchor and tag (`&a`,
 * `!!seq`): after `key: ` (plain or quoted) or `? `, or at `at` when the
 * line is the value itself.
 */
function valueStart(line: string, at: number): number {
  const key = KEY.exec(line.slice(at));
  const start = at + (key ? key[0].length : 0);
  return start + PROPERTIES.exec(line.slice(start))![0].length;
}

const KEY = /^(?:\?[ \t]+|(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"[\]{}?][^:#\n]*?)[ \t]*:(?:[ \t]+|$))/;
const PROPERTIES = /^(?:[&!][^\s[\]{},]*[ \t]+)*/;

/**
 * Scans the flow collection starting at `start` (a `[` or `{`) to where it
 * closes, counting its brackets outside quoted scalars and comments on top
 * of the block depth `base`. Returns the offset of the line after it ends,
 * or the first place past the limit.
 */
function flowExcess(yaml: string, start: number, base: number, limit: number): { end: number; excess?: NestingExcess } {
  let depth = 0;
  let i = start;
  for (; i < yaml.length; i++) {
    const char = yaml[i];
    if (char === '[' || char === '{') {
      depth++;
      if (base + depth > limit) return { end: i, excess: { offset: i, depth: base + depth } };
    } else if (char === ']' || char === '}') {
      depth--;
      if (depth === 0) break;
    } else if (char === '"') {
      // A double-quoted scalar: `\` escapes the next character.
      for (i++; i < yaml.length && yaml[i] !== '"'; i++) if (yaml[i] === '\\') i++;
    } else if (char === "'") {
      // A single-quoted scalar: `''` is a quote.
      for (i++; i < yaml.length; i++) {
        if (yaml[i] === "'" && yaml[i + 1] === "'") i++;
        else if (yaml[i] === "'") break;
      }
    } else if (char === '#' && /\s/.test(yaml[i - 1] ?? ' ')) {
      const newline = yaml.indexOf('\n', i);
      i = newline === -1 ? yaml.length : newline;
    }
  }
  const newline = yaml.indexOf('\n', i);
  return { end: newline === -1 ? yaml.length : newline + 1 };
}
