import type Handlebars from 'handlebars';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import type { TextDirection } from '../config/language.js';
import { DEFAULT_WORDS, fillWord, placeholdersOf, pluralWordKey, WORD_KEYS, type WordKey, type Words } from '../config/words.js';
import { isolatePiecesHtml, isolatePiecesText, type LinePiece } from './bidi.js';
import { counted } from './format.js';
import { TEXT_WIDTH } from './text-parts.js';
import { formatHeading, wrapText } from './text/index.js';

/** What a helper receives after its arguments (`options.loc` is where the call is written). */
type HelperOptions = Handlebars.HelperOptions & { loc?: hbs.AST.SourceLocation };

/** The kinds of value a parameter takes: `empty` is undefined or null (an optional field without a value), `object` a group of fields. */
type Kind = 'text' | 'number' | 'boolean' | 'list' | 'object' | 'empty' | 'any';

interface Parameter {
  name: string;
  takes: readonly Kind[];
  optional?: boolean;
  /** For a number: the whole numbers it may be, first and last (a heading's depth). */
  whole?: readonly [first: number, last: number];
}

/** How a helper is called: checked before it runs, so a wrong call is an error at its place, not "NaN" or "[object Object]". */
interface Signature {
  params: readonly Parameter[];
  /** Any number of further arguments of these kinds (`concat`). */
  rest?: Parameter;
  /** The options written `name=value` it takes, and their kinds. */
  hash?: Readonly<Record<string, Kind>>;
  /** A correct call, for the message. */
  example: string;
  /** Whether its options are its own to check (`word`: a word's placeholders). */
  anyHash?: boolean;
  /** Whether it is a test, whose value a block uses through `{{#if (…)}}` (`eq`). */
  asCondition?: boolean;
}

const TEXT: readonly Kind[] = ['text', 'number', 'empty'];

/**
 * Every helper the templates can use, registered on each template set. The
 * text helpers lay out plain strings (titles, metadata lines) exactly as the
 * plaintext renderer lays out Markdown: by display width, at 72 columns.
 *
 *     {{#if (eq depth 1)}}…{{/if}}       equality
 *     {{join tags ", "}}                  a list as one string
 *     {{concat "H/T " via}}               strings (and numbers) joined
 *     {{counted paperCount "paper"}}      a count and its noun, "1 paper", "2 papers" (a template writing
 *                                         "{{n}} papers" says "1 papers"); an irregular plural as a third
 *                                         argument: {{counted n "summary" "summaries"}}
 *     {{heading issue.title 1}}           a title, wrapped and underlined (`=` for 1, `-` for 2, `###` deeper)
 *     {{wrap authorsLine indent="  "}}    a line wrapped at 72 columns; `hang` indents the following lines;
 *                                         `noOrphan=true` never leaves a word alone on the last line
 *     {{rule}}                            a separator line (`-` by default, 72 wide)
 *     {{lineBreaks newsletter.postalAddress}}  HTML: the text escaped as `{{…}}` escapes it, each of its
 *                                         line breaks a `<br>` (a `|` block's lines stay lines)
 *     {{lookup this "opinion"}}           a field named by a value: one the object has, or an error
 *     {{isolate title}}                   a value that may be right-to-left (Arabic, Hebrew) kept in its place
 *                                         among the text around it: HTML, escaped and in a `<bdi>`; plaintext,
 *                                         between the isolates U+2068 and U+2069; a value without right-to-left
 *                                         letters as it is (bidi.ts); in a right-to-left newsletter's HTML
 *                                         (`newsletter.direction`), a value with left-to-right letters. A list of pieces (`authorsBriefListed`,
 *                                         `sourceListed`: each `text` and the `after` it) isolates each piece.
 *                                         In an element's text, never in an attribute (`title="{{title}}"`)
 *     {{word "issueNumber" number=issue.number}}  one of paperboy's own words (config/words.ts), in the config's `words:`
 *                                         translation or English, its placeholders filled by the options (`{number}`),
 *                                         HTML escaped but for an option's `isolate`d value; a count's pair by its stem,
 *                                         `{{word "paperCount" count=n}}` (`paperCountOne` or `paperCountOther`, by the
 *                                         language's plural rules); marked `<span lang="en">` when left English among
 *                                         translated words (a partial translation): in an element's text
 *     {{plainWord "htmlEmail"}}           the same, never marked: in an attribute (`aria-label="{{plainWord …}}"`)
 *
 * Each checks its call (how many arguments, of which kinds, which options)
 * and throws a Handlebars exception at the call's place when it is wrong;
 * so do Handlebars' block helpers `if`, `unless`, `with` and `each`, whose
 * own errors have no place.
 */
export function registerHelpers(env: typeof Handlebars): void {
  define(env, 'eq', { params: [{ name: 'first value', takes: ['any'] }, { name: 'second value', takes: ['any'] }], example: '{{#if (eq depth 1)}}', asCondition: true }, ([a, b]) => a === b);
  define(
    env,
    'join',
    { params: [{ name: 'list', takes: ['list'] }, { name: 'separator', takes: ['text'], optional: true }], example: '{{join tags ", "}}' },
    ([list, separator]) => (list as unknown[]).join((separator as string | undefined) ?? ', '),
  );
  define(env, 'concat', { params: [], rest: { name: 'value', takes: TEXT }, example: '{{concat "H/T " via}}' }, (values) => values.join(''));
  define(
    env,
    'counted',
    {
      params: [
        { name: 'count', takes: ['number'] },
        { name: 'noun', takes: ['text'] },
        { name: 'plural', takes: ['text'], optional: true },
      ],
      example: '{{counted paperCount "paper"}}',
    },
    ([count, noun, plural]) => counted(count as number, noun as string, plural as string | undefined),
  );
  define(
    env,
    'heading',
    // Depths as Markdown's headings have them: `=` and `-` underline 1 and 2, `###` to `######` start 3 to 6.
    { params: [{ name: 'title', takes: TEXT }, { name: 'depth', takes: ['number'], optional: true, whole: [1, 6] }], example: '{{heading issue.title 1}}' },
    ([text, depth]) => formatHeading(String(text ?? ''), (depth as number | undefined) ?? 1, TEXT_WIDTH),
  );
  define(
    env,
    'wrap',
    { params: [{ name: 'text', takes: TEXT }], hash: { indent: 'text', hang: 'text', noOrphan: 'boolean' }, example: '{{wrap authorsLine indent="  "}}' },
    ([text], hash) => {
      const indent = hash.indent as string | undefined;
      return wrapText(String(text ?? ''), TEXT_WIDTH, { initialIndent: indent, subsequentIndent: (hash.hang as string | undefined) ?? indent, noOrphan: hash.noOrphan === true });
    },
  );
  define(
    env,
    'lineBreaks',
    { params: [{ name: 'text', takes: TEXT }], example: '{{lineBreaks newsletter.postalAddress}}' },
    ([text]) => new env.SafeString(linesAsHtml(String(text ?? ''), env.Utils.escapeExpression)),
  );
  define(
    env,
    'isolate',
    { params: [{ name: 'value', takes: [...TEXT, 'list'] }], example: '{{isolate title}}' },
    ([value], _hash, fail, data) => {
      const pieces: readonly LinePiece[] = Array.isArray(value) ? value.map((piece) => linePiece(piece, fail)) : [{ text: String(value ?? ''), after: '' }];
      return data.plaintext === true ? isolatePiecesText(pieces) : new env.SafeString(isolatePiecesHtml(pieces, env.Utils.escapeExpression, data.direction));
    },
  );
  define(env, 'rule', { params: [{ name: 'character', takes: ['text'], optional: true }], example: '{{rule "*"}}' }, ([character]) =>
    ((character as string | undefined) ?? '-').repeat(TEXT_WIDTH),
  );
  // Handlebars' own `lookup` gives nothing for a field the object lacks: a misspelt name (`{{lookup this "opinon"}}`) dropped content in silence.
  define(
    env,
    'lookup',
    { params: [{ name: 'object', takes: ['object', 'list'] }, { name: 'field', takes: ['text', 'number'] }], example: '{{lookup this "opinion"}}' },
    ([container, field], _hash, fail) => {
      const fields = Object.keys(container as object);
      if (fields.includes(String(field))) return (container as Record<string, unknown>)[String(field)];
      if (Array.isArray(container)) throw fail(`Unexpected index \`${String(field)}\` of \`lookup\` in a list of ${counted(container.length, 'item')}, expected ${container.length ? `0 to ${container.length - 1}` : 'none'}`);
      throw fail(`Unexpected field \`${String(field)}\` of \`lookup\`, ${didYouMean(String(field), fields)}`);
    },
  );
  for (const [name, marked] of [['word', true], ['plainWord', false]] as const) {
    define(
      env,
      name,
      { params: [{ name: 'word', takes: ['text'] }], anyHash: true, example: `{{${name} "issueNumber" number=issue.number}}` },
      ([key], hash, fail, data) => sayWord(env, key as string, hash, fail, data, marked),
    );
  }
  for (const name of ['if', 'unless', 'with', 'each']) {
    const builtin = env.helpers[name]! as (this: unknown, ...args: unknown[]) => unknown;
    // `if` and `unless` take Handlebars' `includeZero=true` (0 counts as a value).
    const hash = name === 'if' || name === 'unless' ? { includeZero: 'boolean' as const } : undefined;
    const signature: Signature = { params: [{ name: 'value', takes: ['any'] }], hash, example: `{{#${name} ${name === 'each' ? 'papers' : 'opinion'}}}…{{/${name}}}` };
    env.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      check(env, name, signature, args);
      return builtin.apply(this, args);
    });
  }
}

/** What a render tells every helper (`@`-variables): `plaintext` in a `.txt` template (templates.ts `render`). */
interface RenderData {
  plaintext?: boolean;
  /** The direction of the lines the template writes (templates.ts), which `isolate` isolates values of the other direction in. */
  direction?: TextDirection;
  /** The view's `newsletter.language`, `newsletter.words` and `newsletter.wordsApart` (templates.ts), which `word` says. */
  language?: string;
  words?: Words;
  wordsApart?: Partial<Record<WordKey, string>>;
}

/** The stems of the counted pairs, `matches` of `matchesOne`/`matchesOther`: what `{{word "matches" count=n}}` names. Listed once: listed at each of a build's ~75,000 words (200 issues), it took ~4 µs a word. */
const COUNTED_STEMS: ReadonlySet<string> = new Set(WORD_KEYS.filter((name) => name.endsWith('One')).map((name) => name.slice(0, -'One'.length)));

/**
 * The word `key` (or its count's, `paperCount` with `count=`) of the
 * render's words, its placeholders filled by `hash`: plain text in a
 * plaintext template; in HTML escaped, an option's HTML (`isolate`) as it
 * is, and in a `<span lang>` when `marked` and the word is left English
 * among translated ones. A key no word has, a placeholder without its
 * option or an option no placeholder takes is a mistake at the call.
 */
function sayWord(env: typeof Handlebars, key: string, hash: Record<string, unknown>, fail: Failure, data: RenderData, marked: boolean): unknown {
  const words = data.words ?? DEFAULT_WORDS;
  let name: WordKey;
  if (Object.hasOwn(DEFAULT_WORDS, key)) name = key as WordKey;
  else if (COUNTED_STEMS.has(key) && typeof hash.count === 'number') name = pluralWordKey(key, hash.count, words, data.language);
  else throw fail(`Unexpected word \`${key}\` of \`word\`, ${didYouMean(key, [...WORD_KEYS, ...COUNTED_STEMS])}${COUNTED_STEMS.has(key) ? ' (a count\'s pair takes `count=`)' : ''}`);
  const needed = placeholdersOf(DEFAULT_WORDS[name]);
  const lacking = needed.find((placeholder) => hash[placeholder] === undefined || hash[placeholder] === null);
  if (lacking !== undefined) throw fail(`Missing \`${lacking}=\` for the word \`${name}\` ("${DEFAULT_WORDS[name]}"), expected a value for each of its placeholders`);
  const extra = Object.keys(hash).find((option) => !needed.includes(option));
  if (extra !== undefined) throw fail(`Unexpected option \`${extra}=\` of \`word\` for \`${name}\` ("${DEFAULT_WORDS[name]}"), expected ${needed.length === 0 ? 'none' : needed.map((placeholder) => `\`${placeholder}=\``).join(', ')}`);
  if (data.plaintext === true) return fillWord(words[name], hash);
  const escape = env.Utils.escapeExpression;
  const html = fillWord(words[name], hash, (value) => (value instanceof env.SafeString ? value.toHTML() : escape(String(value))), escape);
  const apart = marked ? data.wordsApart?.[name] : undefined;
  return new env.SafeString(apart === undefined ? html : `<span lang="${escape(apart)}">${html}</span>`);
}

/** An item of a list `isolate` takes: a piece with its `text` and the `after` it, or the call's error. */
function linePiece(item: unknown, fail: Failure): LinePiece {
  const { text, after } = (item ?? {}) as Partial<Record<keyof LinePiece, unknown>>;
  if (typeof text !== 'string' || typeof after !== 'string') {
    throw fail('Unexpected list whose items are not pieces of a line (`text` and `after`) as the value of `isolate`, expected a text or a list such as `authorsBriefListed`; isolate a list of texts one at a time, `{{#each tags}}{{isolate this}}{{/each}}`');
  }
  return { text, after };
}

/** Makes the exception of a wrong call, at the call, with a correct one for example. */
type Failure = (problem: string) => Error;

/**
 * Registers `run` as the helper `name`, its calls checked against `signature`;
 * `run` fails a call the signature cannot check with `fail`. Each gives a
 * value, none a block: called as one (`{{#eq a b}}…{{/eq}}`), Handlebars
 * would print the value and drop the block's content and its `{{else}}`
 * without a word, so such a call is an error at its place.
 */
function define(
  env: typeof Handlebars,
  name: string,
  signature: Signature,
  run: (params: unknown[], hash: Record<string, unknown>, fail: Failure, data: RenderData) => unknown,
): void {
  env.registerHelper(name, (...args: unknown[]) => {
    const { params, options, fail } = check(env, name, signature, args);
    if (options.fn !== undefined || options.inverse !== undefined) throw notABlock(env, name, signature, options);
    return run(params, options.hash as Record<string, unknown>, fail, (options.data ?? {}) as RenderData);
  });
}

/**
 * The error of a value helper called as a block (`{{#wrap "x"}}…{{/wrap}}`,
 * or `{{^eq a b}}`, or `{{else eq a b}}`), at the call: to write it without
 * `#`, or, for a test (`eq`), inside `{{#if (…)}}`.
 */
function notABlock(env: typeof Handlebars, name: string, signature: Signature, options: HelperOptions): Error {
  const fix = signature.asCondition
    ? `inside \`{{#if}}\`, as in \`{{#if (${name} depth 1)}}…{{else}}…{{/if}}\``
    : `it without \`#\` and \`{{/${name}}}\`, as in \`${signature.example}\``;
  const problem = `Unexpected block \`{{#${name}}}…{{/${name}}}\`: \`${name}\` gives a value, not a block, so the block's content would be dropped, expected ${fix}`;
  return new env.Exception(problem, { loc: options.loc } as hbs.AST.Node);
}

/** The arguments of a call (Handlebars passes its options last), or a Handlebars exception at the call saying what is wrong. */
function check(env: typeof Handlebars, name: string, signature: Signature, args: unknown[]): { params: unknown[]; options: HelperOptions; fail: Failure } {
  const options = args.at(-1) as HelperOptions;
  const params = args.slice(0, -1);
  const fail: Failure = (problem) => new env.Exception(`${problem}, as in \`${signature.example}\``, { loc: options.loc } as hbs.AST.Node);
  const required = signature.params.filter((param) => !param.optional).length;
  const most = signature.rest ? Infinity : signature.params.length;
  const least = signature.rest ? Math.max(required, 1) : required;
  if (params.length < least || params.length > most) {
    throw fail(`Unexpected ${counted(params.length, 'argument')} to \`${name}\`, expected ${expectedCount(least, most)}`);
  }
  params.forEach((value, i) => {
    const param = signature.params[i] ?? signature.rest!;
    const kind = kindOf(value);
    if (!param.takes.includes('any') && !param.takes.includes(kind)) {
      throw fail(`Unexpected ${describe(value)} as the ${param.name} of \`${name}\`, expected ${param.takes.filter((k) => k !== 'empty').map(kindName).join(' or ')}`);
    }
    const [first, last] = param.whole ?? [];
    if (kind === 'number' && first !== undefined && last !== undefined && !(Number.isInteger(value) && (value as number) >= first && (value as number) <= last)) {
      throw fail(`Unexpected ${describe(value)} as the ${param.name} of \`${name}\`, expected a whole number from ${first} to ${last}`);
    }
  });
  for (const [key, value] of signature.anyHash === true ? [] : Object.entries(options.hash as Record<string, unknown>)) {
    const kind = signature.hash?.[key];
    const known = Object.keys(signature.hash ?? {});
    if (kind === undefined) {
      throw fail(`Unexpected option \`${key}=\` of \`${name}\`, expected ${known.length ? `one of ${known.map((k) => `\`${k}=\``).join(', ')}` : 'none'}`);
    }
    if (kindOf(value) !== kind) throw fail(`Unexpected ${describe(value)} as \`${key}=\` of \`${name}\`, expected ${kindName(kind)}`);
  }
  return { params, options, fail };
}

function kindOf(value: unknown): Kind {
  if (value === undefined || value === null) return 'empty';
  if (Array.isArray(value)) return 'list';
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? (type === 'string' ? 'text' : type) : 'object';
}

function kindName(kind: Kind): string {
  return { text: 'a text', number: 'a number', boolean: 'true or false', list: 'a list', object: 'an object (a group of fields)', empty: 'no value', any: 'a value' }[kind];
}

/** A value as "Unexpected …" shows it: `text "paper"`, `` `3` ``, `list`. */
function describe(value: unknown): string {
  const kind = kindOf(value);
  if (kind === 'text') return `text "${String(value).slice(0, 40)}"`;
  if (kind === 'number' || kind === 'boolean') return `\`${String(value)}\``;
  if (kind === 'list') return 'list';
  if (kind === 'empty') return 'empty value';
  return 'object (a group of fields: name one of them, as in `summary.text`)';
}

function expectedCount(least: number, most: number): string {
  if (least === most) return counted(least, 'argument');
  return most === Infinity ? `at least ${counted(least, 'argument')}` : `${least} ${most === least + 1 ? 'or' : 'to'} ${most} arguments`;
}

/**
 * `text` as HTML that shows its lines as written: each line escaped by
 * `escape`, `<br>` between them (a browser joins lines with a space).
 * Trailing spaces of a line are kept; a final line break adds no `<br>`.
 */
function linesAsHtml(text: string, escape: (line: string) => string): string {
  return text.replace(/\n$/, '').split('\n').map(escape).join('<br>\n');
}
