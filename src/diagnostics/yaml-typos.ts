import { editFixes, lineIndexAt, type LayoutLine, type MistakeContext, type ParserError, type YamlMistake } from './yaml-layout.js';
import { unclosedAt } from './yaml-unclosed.js';

/**
 * A slip of the keyboard the parser cannot read past: a list item's `-` with
 * no space after it, a quote never closed. For the issue frontmatter
 * (issue/yaml-errors.ts) and the config file (config/yaml-mistake.ts).
 */
export function keyboardSlip(error: ParserError & { message?: string }, context: MistakeContext): YamlMistake | undefined {
  return itemWithoutSpace(error, context) ?? unclosedQuote(error, context);
}

/** How many lines from a quote's own the closing quote is looked for: a text in quotes is a line or a few. */
const QUOTE_LINES = 10;

/**
 * A list item with no space after its `-` (`-title: B`, `-Brando Miranda`),
 * which YAML reads as text or a key starting with `-`, not as an item: the
 * parser then stumbles on its line or the next one ("All mapping items must
 * start at the same column", at the line's start), or on the `- ` item after
 * it ("A block sequence may not be used as an implicit map key"). Named at the `-`, with
 * the line written right, when adding the space is checked to clear the
 * error.
 */
function itemWithoutSpace(error: ParserError, { yamlText, lines }: MistakeContext): YamlMistake | undefined {
  const errorLine = lineIndexAt(lines, error.range[0]);
  // The line above: an item so written before a `- ` item (`-title: B` over `- A`), a key to YAML, which the item below cannot follow.
  for (const index of [errorLine, errorLine + 1, errorLine - 1]) {
    const line = lines[index];
    // Not `--` (a `---` line, a negative number's sign after a dash) nor a tab-indented line (tabIndent's).
    const written = line && /^( *)-([^\s-].*?)\s*$/.exec(line.text);
    if (!written || line.blockHeader !== undefined) continue;
    const dash = line.start + written[1]!.length;
    if (!editFixes(yamlText, { start: dash + 1, end: dash + 1, insert: ' ' }, Math.min(error.range[0], line.start))) continue;
    return { message: `Missing space after \`-\` starting a list item, expected \`- ${written[2]}\``, range: [dash, dash + 1] };
  }
  return undefined;
}

/**
 * A quoted text whose closing quote is missing (`title: "Half typed`): the
 * parser reports it where the text it read as quoted ran out, lines below
 * or at the end of the frontmatter; the mistake is named where the quote
 * opens (yaml-unclosed.ts), with the closing quote where the text ends: in
 * a flow list or mapping (`tags: ["evals, NLP]`), before the `,`, `]` or `}`
 * after it; elsewhere at the end of the last line that goes on with it, or
 * of its own. A place is suggested only when a quote there is checked to
 * clear the error.
 */
function unclosedQuote(error: ParserError & { message?: string }, { yamlText, lines, lineOf }: MistakeContext): YamlMistake | undefined {
  if (error.code !== 'MISSING_CHAR' || error.message === undefined) return undefined;
  const [opener] = unclosedAt({ ...error, message: error.message }, yamlText);
  const quote = yamlText[opener];
  if (quote !== '"' && quote !== "'") return undefined;
  const index = lineIndexAt(lines, opener);
  const opened = lines[index]!;
  const before = yamlText.slice(opened.start, opener);
  const key = /([A-Za-z]+):[ \t]+$/.exec(before)?.[1];
  const what = `Missing closing \`${quote}\` of the ${key ? `text of \`${key}\`` : 'text'} quoted here`;
  const places = /[[{]/.test(before) ? flowItemEnd(yamlText, opened, opener) : valueEnds(lines, index);
  const at = places.find((place) => editFixes(yamlText, { start: place, end: place, insert: quote }, opener));
  if (at === undefined) return { message: `${what}, expected a \`${quote}\` where the text ends`, range: [opener, opener + 1] };
  const line = lines[lineIndexAt(lines, at)]!;
  const fixed = `${yamlText.slice(line.start, at)}${quote}${yamlText.slice(at, line.start + line.text.length)}`.trim();
  const where = line === opened ? 'on its line' : `on line ${lineOf(line.start)}, where the text ends`;
  return { message: `${what}, expected it ${where}: \`${fixed}\``, range: [opener, opener + 1] };
}

/** Before the first `,`, `]` or `}` after `opener` on its line (its spaces before kept inside), where a flow item ends. */
function flowItemEnd(yamlText: string, line: LayoutLine, opener: number): number[] {
  const end = yamlText.slice(opener + 1, line.start + line.text.length).search(/[ \t]*[,\]}]/);
  return end === -1 ? [] : [opener + 1 + end];
}

/**
 * Where a text in quotes opened on the line at `index` may end: the end of
 * the last line that goes on with it (each indented deeper than the line's
 * key, as the text's next line would be), else of its own line.
 */
function valueEnds(lines: readonly LayoutLine[], index: number): number[] {
  const opened = lines[index]!;
  const column = opened.keyColumn ?? opened.indent.length;
  let last = index;
  while (last + 1 < lines.length && last - index < QUOTE_LINES && lines[last + 1]!.text.trim() !== '' && /^ */.exec(lines[last + 1]!.text)![0].length > column) last++;
  const end = (line: LayoutLine) => line.start + line.text.trimEnd().length;
  return last === index ? [end(opened)] : [end(lines[last]!), end(opened)];
}

/**
 * A list whose first item has no space after its `-` (`-Rylan Schaeffer`
 * over `- Brando Miranda`) is read by YAML as one text starting with `-`,
 * the lines below folded into it: the fix, from the first line as written
 * (`written`: the plain value's source), for the message that a list was
 * expected. '' for any other value.
 */
export function dashHint(written: string | undefined): string {
  const item = written && /^-([^\s-].*?)[ \t]*$/m.exec(written.split('\n')[0]!);
  return item ? ` (a space after each item's \`-\`: \`- ${item[1]}\`)` : '';
}
