import { createRequire } from 'node:module';
import { load, type CheerioAPI } from 'cheerio/slim';
import type juice from 'juice';
import { withSubjectIndex } from './subject-index.js';
import { RecentlyUsed } from '../recently-used.js';

/**
 * juice, run on cheerio's htmlparser2-only build (`cheerio/slim`).
 *
 * Why not `juice(html, options)`: juice's entry point loads the whole of
 * cheerio, whose main module also loads parse5 and undici (an HTTP client,
 * for `fromURL`), and web-resource-inliner. juice never uses them: it
 * loads documents with cheerio's `xml` option, which parses with
 * htmlparser2 and serializes with dom-serializer, exactly what
 * `cheerio/slim` does. Measured here: 196–229 ms and 23 MB to load juice,
 * 80 ms and 10 MB for its inliner on `cheerio/slim`; every process that
 * renders an email pays it (a rebuild after one edit, each render worker,
 * `lint`, `preview`).
 *
 * What stays juice's: its inliner (`juice/lib/inline`, the engine its own
 * entry point wraps). What is written here is the wrapper of
 * `juice/lib/cheerio.js` (11.1.1, pinned exactly in package.json, as is
 * cheerio at juice's own pin), step for step: code blocks set aside, the
 * document loaded, inlined, serialized, code blocks put back.
 * tests/render/inline-css.test.ts checks the output equals `juice()`'s,
 * byte for byte, on the sample issues' emails and on generated HTML.
 */
type JuiceEngine = Pick<typeof juice, 'juiceDocument'>;

const require = createRequire(import.meta.url);
const engine = (require('juice/lib/inline') as (client: object) => JuiceEngine)(() => undefined);

/** The two parses of juice's utils (`juice/lib/utils.js`) that its inliner calls for every email. */
interface JuiceCssParses {
  parseCSS: (css: string) => unknown;
  getPreservedText: (css: string, options: object, ignoredPseudos?: readonly string[]) => unknown;
}

/** Results kept per parse at most: an email's stylesheet and its elements' inline styles are a few dozen texts; `serve --dev` parses each version of an edited template. */
const PARSES_KEPT = 4096;

/**
 * juice's utils with each parse kept by its arguments. For every email
 * juice parses (with mensch) the same stylesheet twice, once for the
 * `@media` rules it keeps in `<head>` (`getPreservedText`), once for the
 * rules it inlines (`parseCSS`), and each element's inline `style` as a
 * one-rule stylesheet (`* { … }`): the template's CSS, the same for every
 * issue, was parsed again each time (~0.8 ms an email of ~4 ms inlining,
 * `node --cpu-prof` of 199 generated issues). Both are functions of their
 * arguments alone, and the inliner only reads what they return (its
 * properties are copied into new objects, `utils.Property`), so a kept
 * result is the one a new parse would give: tests/render/inline-css.test.ts
 * compares the bytes with a copy of juice whose utils are not changed.
 * Changes the utils module juice's own entry point shares (its `juice()`
 * gets the same results, kept).
 */
function keepParses(utils: JuiceCssParses): void {
  const { parseCSS, getPreservedText } = utils;
  utils.parseCSS = kept((css: string) => css, parseCSS);
  utils.getPreservedText = kept((css, options, ignoredPseudos) => JSON.stringify([css, options, ignoredPseudos]), getPreservedText);
}

/** `parse` with its last `PARSES_KEPT` results kept by `keyOf` its arguments (`RecentlyUsed`); called as juice calls it, a method of its utils (`getPreservedText` reads `this`). */
function kept<Args extends unknown[]>(keyOf: (...args: Args) => string, parse: (this: unknown, ...args: Args) => unknown): (this: unknown, ...args: Args) => unknown {
  const results = new RecentlyUsed<string, unknown>(PARSES_KEPT);
  return function (this: unknown, ...args) {
    const key = keyOf(...args);
    let result = results.get(key);
    if (result === undefined) results.set(key, (result = parse.apply(this, args)));
    return result;
  };
}

keepParses(require('juice/lib/utils') as JuiceCssParses);

/** juice's resolution of CSS variables (`juice/lib/variables.js`), which its inliner calls for each property it writes into a `style` (`resolveCSSVariables`, on by default). */
interface JuiceVariables {
  replaceVariables: (element: unknown, value: string) => string;
}

/**
 * juice's `replaceVariables` called only for a value that can hold a
 * function call (`var(--accent)`, `rgb(…)`): it looks for one with a
 * pattern that needs a `(`, and returns a value without one as it is, but
 * first makes a random placeholder not found in it (~0.2 ms of CPU an
 * email, on every property of every element styled).
 */
function resolveOnlyCalls(variables: JuiceVariables): void {
  const { replaceVariables } = variables;
  variables.replaceVariables = (element, value) => (value.includes('(') ? replaceVariables(element, value) : value);
}

resolveOnlyCalls(require('juice/lib/variables') as JuiceVariables);

/**
 * What juice keeps out of the parser and puts back as it was (its
 * `codeBlocks`): template tags, which an HTML parser would mangle. Our
 * HTML is rendered already, but a summary may show `{{name}}` as text.
 */
const CODE_BLOCKS = [
  { start: '<%', end: '%>' },
  { start: '{{', end: '}}' },
];

/**
 * `html` with the CSS of its `<style>` elements inlined as `options` say:
 * the string `juice(html, options)` returns, after `adapt` (when given)
 * changed the inlined document (one parse for both). Throws what juice throws.
 */
export function inlineCss(html: string, options: juice.Options, adapt?: ($: CheerioAPI) => void): string {
  const blocks: string[] = [];
  let encoded = html;
  for (const { start, end } of CODE_BLOCKS) {
    encoded = encoded.replace(new RegExp(`${start}([\\S\\s]*?)${end}`, 'g'), (match) => {
      blocks.push(match);
      return `JUICE_CODE_BLOCK_${blocks.length - 1}_`;
    });
  }
  // juice's own options for cheerio: `xml` makes cheerio use htmlparser2, and entities stay as written.
  const $: CheerioAPI = load(encoded, { xml: { decodeEntities: false, xmlMode: options.xmlMode } });
  // Its rules' selections through an index (subject-index.ts): the same elements, found faster.
  engine.juiceDocument(options.xmlMode ? $ : withSubjectIndex($), options);
  adapt?.($);
  let inlined = options.xmlMode ? $.xml() : $.html();
  blocks.forEach((block, index) => {
    inlined = inlined.replace(new RegExp(`JUICE_CODE_BLOCK_${index}_(="")?`, 'gi'), () => block);
  });
  return inlined;
}
