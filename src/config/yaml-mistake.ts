import type { Document } from 'yaml';
import type { LineIndex } from '../diagnostics/position.js';
import { keyIndent } from '../diagnostics/yaml-key-indent.js';
import { layoutOf, lineIndexAt, type MistakeContext, type YamlMistake } from '../diagnostics/yaml-layout.js';
import { quotedItemEndedEarly } from '../diagnostics/yaml-quoted-item.js';
import { quotesEndedEarly } from '../diagnostics/yaml-quoted-start.js';
import { tabIndent } from '../diagnostics/yaml-tab-indent.js';
import { keyboardSlip } from '../diagnostics/yaml-typos.js';
import { configKeysAt } from './schema.js';

/** Every key the config has, at the top level and in its mappings (`send.rate` as `rate`). */
const CONFIG_KEYS = new Set((configKeysAt([]) ?? []).flatMap((key) => [key, ...(configKeysAt([key]) ?? [])]));
const isConfigKey = (key: string | undefined) => key !== undefined && CONFIG_KEYS.has(key);

/**
 * The mistake behind the config's first YAML error, in the words the issue
 * frontmatter's are said in (issue/yaml-errors.ts), with the same
 * diagnoses: a list item with no space after its `-` (`-Governance` among
 * `sections`), a quote never closed (`name: "Alignment Newsletter`), both
 * from diagnostics/yaml-typos.ts; a tab in an indentation, with the spaces
 * to write (diagnostics/yaml-tab-indent.ts); a key indented unlike the keys beside it
 * (`   concurrency: 2` under `send:`, diagnostics/yaml-key-indent.ts); or a quoted value that one of its own
 * quotes ended early (`name: 'Editor's Digest'`, `name: "The "best"
 * digest"`, diagnostics/yaml-quoted-start.ts), or a quoted list item
 * (`- "The "best" digest"`, diagnostics/yaml-quoted-item.ts). Each fix is checked to read
 * back before it is offered. Undefined for any other error, which is said
 * in the parser's words. `error`: the parser's code, message and range
 * (offsets of `text`); `lines`: the file's line index.
 */
export function configYamlMistake(document: Document.Parsed, text: string, error: { code: string; message: string; range: [number, number] }, lines: LineIndex): YamlMistake | undefined {
  const context: MistakeContext = { document, yamlText: text, lines: layoutOf(text, isConfigKey), lineOf: (offset) => lines.point(offset).line };
  return tabIndent(error, context, { isKnownKey: isConfigKey }) ?? keyboardSlip(error, context) ?? keyIndent(error, context, { isKnownKey: isConfigKey }) ?? quotedValueEndedEarly(error, context) ?? quotedItemEndedEarly(error, context);
}

/**
 * The error's line when it is `key: value` with a value that starts with a
 * quote YAML closes before the value's end: the message at the value.
 */
function quotedValueEndedEarly(error: { range: [number, number] }, { lines }: MistakeContext): YamlMistake | undefined {
  const line = lines[lineIndexAt(lines, error.range[0])]!;
  if (line.key === undefined || line.blockHeader !== undefined) return undefined;
  const afterKey = line.keyColumn! + line.key.length + 1;
  const value = line.text.slice(afterKey).trim();
  const message = value === '' ? undefined : quotesEndedEarly(line.key, value);
  if (message === undefined) return undefined;
  const start = line.start + line.text.indexOf(value, afterKey);
  return { message, range: [start, start + value.length] };
}
