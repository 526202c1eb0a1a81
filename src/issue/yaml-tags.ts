import { CST, isCollection, isMap, isPair, isScalar, isSeq, Parser, parseDocument, visit, type Document, type Node as YamlNode, type Scalar } from 'yaml';
import type { YamlPath } from '../diagnostics/yaml-locate.js';
import { quoteYamlText } from '../diagnostics/yaml-quote.js';
import { nodeAt, textFields } from './text-fields.js';
import type { YamlProblem } from './yaml-mistakes.js';

/** A tag problem, with the edit (in offsets of the YAML text) that quotes the text the tag began, when it is proven. */
export interface YamlTagProblem extends YamlProblem {
  fix?: { range: [start: number, end: number]; text: string };
}

/** The YAML 1.2 core tags that change nothing: text read as text, a mapping or a list read as written. */
const HARMLESS: Readonly<Record<string, (node: YamlNode) => boolean>> = {
  'tag:yaml.org,2002:str': (node) => isScalar(node) && typeof node.value === 'string',
  'tag:yaml.org,2002:map': isMap,
  'tag:yaml.org,2002:seq': isSeq,
};

/**
 * Every explicit YAML tag on a frontmatter key or value that changes what
 * YAML reads there, one problem at the tag. A tag YAML does not know
 * (`title: !Surprise results`, `!include other.yaml`, `!!js/function …`)
 * is dropped by the parser with only a warning, and its text with it: the
 * title would read "results". A known one (`!!float 5`, `!!bool`, `!!null`)
 * turns the value into a type the file does not show, past the checks of
 * how numbers and texts are written (number-form.ts). YAML 1.2 §6.9.1
 * (node tags); docs/issue-format.md asks for text starting with `!` in
 * quotes. Only a tag that changes nothing is let through: `!!str` on text
 * (the text as written), `!!map` on a mapping, `!!seq` on a list, and a
 * known tag on a plain value that YAML reads the same without it
 * (`number: !!int 6`).
 *
 * The problem of a text (a text key's plain value on one line) whose tag is
 * a local one written as a word (`!Surprise`, `!important`), plainly the
 * start of the text, carries the edit that puts the line's text in quotes,
 * proven by reading the YAML again: it must then have no error or warning,
 * and the value must be the text as written, tag included.
 */
export function yamlTagProblems(document: Document.Parsed, yamlText: string): YamlTagProblem[] {
  // Every issue of a build passes through here: a file with no `!` has no tag.
  if (!yamlText.includes('!')) return [];
  const tagStarts = propertyTokens(yamlText, 'tag');
  const texts = new Map(textFields(document).map((field) => [field.node as YamlNode, field]));
  const problems: YamlTagProblem[] = [];
  visit(document, {
    Node(_, node, ancestors) {
      if (!node.tag || !node.range || HARMLESS[node.tag]?.(node)) return;
      const tag = tokenBefore(tagStarts, node.range[0]);
      if (!tag || readsTheSameUntagged(document, yamlText, tag, node)) return;
      const text = texts.get(node);
      problems.push(text && isScalar(node) ? textTagProblem(document, yamlText, tag, node, text.key, text.path) : valueTagProblem(document, tag, node, keyOf(ancestors)));
    },
  });
  return problems;
}

/** Where an anchor may start (YAML 1.2 §6.9.2: node properties follow a separating space or a flow indicator). */
const ANCHOR_START = /(?:^|[\s[{,])&\S/m;

/**
 * Every YAML anchor at the start of a plain text that no alias uses
 * (`title: &Co — a study of firms`, `venue: &Partners Workshop`): YAML reads
 * `&Co` as the value's anchor (YAML 1.2 §6.9.2, node anchors) and drops it
 * without a word, so the title would read "— a study of firms".
 * docs/issue-format.md asks for text starting with `&` in quotes. An anchor
 * an alias uses (`summary: &s …` with `opinion: *s`) is YAML meant, and so
 * is one on a quoted text or a block (`&s |`), which no one writes as
 * words: they are left alone. The problem of a plain text on one line
 * carries the edit that puts it in quotes, anchor included, proven as a
 * tag's is.
 */
export function yamlAnchorProblems(document: Document.Parsed, yamlText: string): YamlTagProblem[] {
  // Every issue of a build passes through here: an anchor is a `&` at a line's start or after a space, `[`, `{` or `,`,
  // so a file whose `&` are all inside words (`AT&T`, `R&D`) has none; and one whose anchors are on no plain text
  // (`&nbsp;` in a block's Markdown is text) has none to report: the syntax tree, which says where an anchor is, is read for neither.
  if (!ANCHOR_START.test(yamlText)) return [];
  let plainAnchor = false;
  const aliased = new Set<string>();
  visit(document, {
    Scalar(_, node) {
      if (node.anchor !== undefined && node.type === 'PLAIN') plainAnchor = true;
    },
    Alias(_, alias) {
      aliased.add(alias.source);
    },
  });
  if (!plainAnchor) return [];
  const anchored = textFields(document).filter(({ node }) => node.type === 'PLAIN' && node.anchor !== undefined && node.range);
  const anchors = propertyTokens(yamlText, 'anchor');
  const problems: YamlTagProblem[] = [];
  for (const { node, key, path } of anchored) {
    if (aliased.has(node.anchor!)) continue;
    const anchor = tokenBefore(anchors, node.range![0]);
    if (anchor) problems.push(textStartProblem(yamlText, anchor, node, path, `Unexpected YAML anchor \`${anchor.source}\``, key, 'which YAML drops, reading the value as if it were not there'));
  }
  return problems;
}

/** Whether a plain scalar on one line reads as the same value without its (known) tag: `number: !!int 6`. */
function readsTheSameUntagged(document: Document.Parsed, yamlText: string, tag: PropertyToken, node: YamlNode): boolean {
  if (!isScalar(node) || node.type !== 'PLAIN' || isDropped(document, tag)) return false;
  const written = yamlText.slice(node.range![0], node.range![1]);
  return !written.includes('\n') && Object.is(parseDocument(written).toJS(), node.value);
}

interface PropertyToken {
  offset: number;
  source: string;
}

/** The tags (or anchors) as written, in order: read from the parser's syntax tree, where the document's nodes no longer say where their properties are. */
function propertyTokens(yamlText: string, type: 'tag' | 'anchor'): PropertyToken[] {
  const tags: PropertyToken[] = [];
  const collect = (tokens: readonly CST.SourceToken[] | undefined) => {
    for (const token of tokens ?? []) if (token.type === type) tags.push({ offset: token.offset, source: token.source });
  };
  for (const token of new Parser().parse(yamlText)) {
    if (token.type !== 'document') continue;
    collect(token.start);
    CST.visit(token, (item) => {
      collect(item.start);
      collect(item.sep);
    });
  }
  return tags.sort((a, b) => a.offset - b.offset);
}

/** The last tag (or anchor) written before a node's value: its own (an anchor, a tag or a comment may stand between). */
function tokenBefore(tags: readonly PropertyToken[], start: number): PropertyToken | undefined {
  let found: PropertyToken | undefined;
  for (const tag of tags) {
    if (tag.offset >= start) break;
    found = tag;
  }
  return found;
}

/** The key a node is the value (or an item of the value) of, for messages; the key itself names a key. */
function keyOf(ancestors: readonly unknown[]): string {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const pair = ancestors[i];
    if (isPair(pair)) return isScalar(pair.key) ? String(pair.key.value) : 'a key';
  }
  return 'the frontmatter';
}

/** What YAML made of a tagged value, for messages; `dropped`: the parser read it as if the tag were not there. */
function describe(node: YamlNode, dropped: boolean): string {
  if (dropped) return 'which YAML drops, reading the value as if it were not there';
  if (isCollection(node)) return `which makes the value a ${isMap(node) ? 'mapping' : 'list'}`;
  const value = isScalar(node) ? node.value : undefined;
  if (value === null || value === undefined) return 'which makes the value empty (null)';
  if (typeof value === 'string') return 'which makes the value text';
  return `which makes the value the ${typeof value === 'number' || typeof value === 'bigint' ? 'number' : typeof value === 'boolean' ? 'boolean' : typeof value} \`${String(value)}\``;
}

/**
 * Whether YAML read the value as if the tag were not there: a tag it does
 * not know or cannot apply (`!!float 5`) is dropped with a warning at it;
 * the non-specific `!` is dropped by the YAML spec (§6.9.1).
 */
function isDropped(document: Document.Parsed, tag: PropertyToken): boolean {
  return tag.source === '!' || document.warnings.some((warning) => warning.code === 'TAG_RESOLVE_FAILED' && warning.pos[0] === tag.offset);
}

function valueTagProblem(document: Document.Parsed, tag: PropertyToken, node: YamlNode, key: string): YamlTagProblem {
  return {
    message: `Unexpected YAML tag \`${tag.source}\` on \`${key}\`, ${describe(node, isDropped(document, tag))}, expected the value without the tag`,
    range: [tag.offset, tag.offset + tag.source.length],
  };
}

/** A local tag written as a word, or a lone `!` before a space, as a sentence may start (`!Surprise`, `!important`, `! Wow`): never a tag an issue means, but the text's start. */
const TEXT_START_TAG = /^!(?:[\p{L}\p{N}]|$)/u;

/**
 * A tag on a text: a word tag is the text's start, to be quoted with it (on
 * one plain line, with the proven fix); any other (`!!int 6`) is a tag to
 * take away, the text written without it (quoted, so that YAML reads it
 * as text).
 */
function textTagProblem(document: Document.Parsed, yamlText: string, tag: PropertyToken, node: Scalar, key: string, path: YamlPath): YamlTagProblem {
  const range: [number, number] = [tag.offset, tag.offset + tag.source.length];
  const [valueStart, valueEnd] = node.range!;
  const written = yamlText.slice(tag.offset, valueEnd);
  const what = describe(node, isDropped(document, tag));
  const oneLine = node.type !== 'BLOCK_FOLDED' && node.type !== 'BLOCK_LITERAL' && !written.includes('\n');
  if (!TEXT_START_TAG.test(tag.source)) {
    const value = yamlText.slice(valueStart, valueEnd);
    const rewritten = node.type === 'PLAIN' ? quoteYamlText(value) : value;
    // A list's item is written alone; a key's value after its key.
    const expected = oneLine ? `: \`${typeof path.at(-1) === 'number' ? '' : `${key}: `}${rewritten}\`` : '';
    return { message: `Unexpected YAML tag \`${tag.source}\` on the text of \`${key}\`, ${what}, expected the text without the tag${expected}`, range };
  }
  return textStartProblem(yamlText, tag, node, path, `Unexpected YAML tag \`${tag.source}\``, key, what);
}

/**
 * A tag or an anchor that YAML read at the start of a plain text, where the
 * writer meant it as the text's start: the problem at it (`unexpected`
 * names it), with the edit that puts the line's text in quotes, proven by
 * reading the YAML again, when the text is a plain value on one line.
 */
function textStartProblem(yamlText: string, token: PropertyToken, node: Scalar, path: YamlPath, unexpected: string, key: string, what: string): YamlTagProblem {
  const range: [number, number] = [token.offset, token.offset + token.source.length];
  const valueEnd = node.range![1];
  const written = yamlText.slice(token.offset, valueEnd);
  const oneLine = node.type !== 'BLOCK_FOLDED' && node.type !== 'BLOCK_LITERAL' && !written.includes('\n');
  // Nothing but the line's end, or the flow list's or mapping's next item or end, after it: a comment after the text
  // (`!Top results #1`) is yaml-comment-in-text's, and what to quote is then more than the value.
  const lineEnd = yamlText.indexOf('\n', valueEnd);
  const alone = /^[ \t]*(?:$|[,\]}])/.test(yamlText.slice(valueEnd, lineEnd === -1 ? yamlText.length : lineEnd));
  if (!oneLine || !alone || node.type !== 'PLAIN') {
    const how = oneLine ? 'in quotes' : 'in quotes or in a `|` block';
    return { message: `${unexpected} at the start of the text of \`${key}\`, ${what}, expected the whole text ${how}`, range };
  }
  const quoted = quoteYamlText(written);
  const edit = { range: [token.offset, valueEnd] as [number, number], text: quoted };
  return {
    message: `${unexpected} in the unquoted text of \`${key}\`, ${what}, expected the text in quotes: \`${quoted}\``,
    range,
    ...(readsBackAs(yamlText, edit, path, written) ? { fix: edit } : {}),
  };
}

/**
 * Proof of a quoting edit: read again, the YAML has no error, no warning
 * where the edit is (another tag's stays), and its value at `path` is
 * exactly `text`, untagged.
 */
function readsBackAs(yamlText: string, edit: { range: [number, number]; text: string }, path: YamlPath, text: string): boolean {
  const after = parseDocument(yamlText.slice(0, edit.range[0]) + edit.text + yamlText.slice(edit.range[1]), { uniqueKeys: true });
  const end = edit.range[0] + edit.text.length;
  if (after.errors.length > 0 || after.warnings.some((warning) => warning.pos[0] < end && warning.pos[1] > edit.range[0])) return false;
  const node = nodeAt(after, path);
  return isScalar(node) && node.tag === undefined && node.value === text;
}
