import { parseDocument } from 'yaml';
import { escaped } from './yaml-unclosed.js';
import { quotedLine } from './yaml-quote.js';

/**
 * What a writer meant by a text value that starts with a quote which YAML
 * could not read whole: YAML takes the quote as the start of quoted text,
 * which ends at its next quote of the same kind, and the text after that is
 * an error.
 *
 * Either the writer put the text in quotes and one of its own quote marks
 * ended them early (`'Editor's pick of the week'`, `"Text with a "quoted"
 * word.`): the quotes are YAML's, and the text is what is between them,
 * which the suggestion quotes anew (`"Editor's pick of the week"`). Or the
 * text starts with a quoted word (`"Attention" is all you need`): the quotes
 * are the text's, and the suggestion quotes the whole value as written.
 *
 * Told apart by how the text's quote marks pair up (`pairsUp`): the quotes
 * are YAML's when they are at both ends and the text between them pairs up
 * (`Editor's pick of the week`), or when only the first is written and the
 * text after it pairs up where the value as written does not (`Text with a
 * "quoted" word.`, three `"` as written).
 */
export interface QuotedStart {
  quote: '"' | "'";
  /** The quoted text YAML read, from the value's first quote to the one that closed it: `'Editor'`. */
  read: string;
  /** Whether the quote at the start is YAML's, meant to put the text in quotes, rather than the text's own. */
  meantAsYaml: boolean;
  /** The text the writer meant, as YAML would read it: without YAML's quotes (and their escapes read), else the value as written. */
  text: string;
  /** A comment written after the value's last quote (`# c`), kept apart from the text; empty when none. */
  comment: string;
}

/** How `value` (a plain value as written, on one line) was meant, when it starts with a quote YAML ends early; undefined otherwise. */
export function quotedStart(written: string): QuotedStart | undefined {
  // A comment after the last quote (`'Editor's pick' # c`) is the writer's, not the text's: YAML would end the text before it.
  const commented = /^(.*["'])([ \t]+#.*)$/.exec(written);
  const [value, comment] = commented ? [commented[1]!, commented[2]!] : [written, ''];
  const quote = value[0];
  if (quote !== '"' && quote !== "'") return undefined;
  const close = closingQuote(value, quote);
  if (close === -1 || close === value.length - 1) return undefined;
  const read = value.slice(0, close + 1);
  const closed = value.length > 1 && value.endsWith(quote) && !(quote === '"' && escaped(value, value.length - 1));
  const inner = closed ? value.slice(1, -1) : value.slice(1);
  const meantAsYaml = closed ? pairsUp(inner, quote) : !pairsUp(value, quote) && pairsUp(inner, quote);
  return { quote, read, meantAsYaml, text: meantAsYaml ? unescaped(inner, quote) : value, comment: comment.trim() };
}

/**
 * `key: value` (`value` as written, on one line, or the lines of a value
 * joined by spaces, `where` then ` on one line`) in a writer's terms when
 * the value starts with a quote YAML closes before its end: a quote of the
 * text that ended the quotes put around it (`'Editor's pick of the
 * week'`), the suggestion quoting the text without those; or a text that
 * starts with a quoted word (`"Attention" is all you need`), quoted whole.
 * The suggestion is a `key: …` line checked to read back as the text
 * (quotedLine). Undefined for any other value, or one whose suggestion
 * would not read back.
 */
export function quotesEndedEarly(key: string, value: string, where = ''): string | undefined {
  const start = quotedStart(value);
  const line = start && quotedLine(key, start.text);
  if (!start || line === undefined) return undefined;
  return quotedStartMessage(`\`${key}\``, start, requoted(start, start.comment === '' ? line : `${line} ${start.comment}`, where));
}

/**
 * "expected …" for a value that starts as `start`: `line`, the line (or
 * flow list) written with the text quoted anew, said as the text without
 * the quotes the writer put around it, or as the whole text quoted;
 * `where`: ` on one line` for a value that was written over several;
 * `shown`: what `line` is when more than the value's line (`, the list on one line`).
 */
export function requoted(start: QuotedStart, line: string, where = '', shown = ''): string {
  return `${start.meantAsYaml ? `the text${where} in quotes that its \`${start.quote}\` does not close` : `the whole text${where} in quotes`}${shown}: \`${line}\``;
}

/**
 * What YAML made of a value that starts as `start` says, and `expected`: how
 * to write it instead. `owner`: whose value it is, for "the quoted text of
 * …" (`` `title` ``, "an item of `authors`").
 */
export function quotedStartMessage(owner: string, start: QuotedStart, expected: string): string {
  return start.meantAsYaml
    ? `Unexpected \`${start.quote}\` within the quoted text of ${owner}, which YAML reads as its closing quote (\`${start.read}\`), expected ${expected}`
    : `Unexpected text after the quoted \`${start.read}\` at the start of ${owner}, which YAML reads as a quoted value that ends there, expected ${expected}`;
}

/** Where YAML ends quoted text opened at 0: the next `quote`, past `''` in single quotes and `\"` in double ones; -1 when none does. */
function closingQuote(value: string, quote: '"' | "'"): number {
  for (let i = 1; i < value.length; i++) {
    if (quote === '"' && value[i] === '\\') i++;
    else if (value[i] === quote) {
      if (quote === "'" && value[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

/** The text between YAML quotes as YAML reads it: `''` is `'` in single quotes; in double ones the escapes are read. */
function unescaped(inner: string, quote: '"' | "'"): string {
  if (quote === "'") return inner.replace(/''/g, "'");
  if (!inner.includes('\\')) return inner;
  // An escape the writer wrote on purpose (`\t`, `\"`) means what YAML says; an inner `"` left bare is one the writer meant too.
  const value = parseDocument(`"${inner.replace(/(?<!\\)((?:\\\\)*)"/g, '$1\\"')}"`).toJS() as unknown;
  return typeof value === 'string' ? value : inner;
}

/**
 * Whether the `quote` marks of `text` pair up as a text's quote marks do:
 * each opening one (at the start, or after a space or an opening bracket)
 * closed by the next (before the end, a space or punctuation), in turn. An
 * apostrophe (`'` between two letters or digits: `Editor's`) is not a
 * quote mark, nor a `"` there (`Editor"s`, a slip for one); one that is
 * neither opening nor closing by its place may be either.
 */
function pairsUp(text: string, quote: '"' | "'"): boolean {
  let open = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== quote) continue;
    const before = text[i - 1] ?? '';
    const after = text[i + 1] ?? '';
    // `"` there is a typo for one (`Editor"s`): neither opens nor closes text either.
    if (/[\p{L}\p{N}]/u.test(before) && /[\p{L}\p{N}]/u.test(after)) continue;
    const opens = before === '' || /[\s([{]/.test(before);
    const closes = after === '' || /[\s.,;:!?)\]}]/.test(after);
    if (open ? opens && !closes : closes && !opens) return false;
    open = !open;
  }
  return !open;
}
