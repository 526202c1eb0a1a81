import type { CheerioAPI } from 'cheerio/slim';
import { compile } from 'css-select';
import { parse, SelectorType, type Selector } from 'css-what';
import { findAll } from 'domutils';
import { Element, type AnyNode } from 'domhandler';

/**
 * juice's `$` with its rules' selections found faster, and the same.
 *
 * juice asks cheerio for each rule of the stylesheet in turn (`$(sel)`),
 * and cheerio parses, compiles and tests that selector against every node
 * of the email: 65 rules × ~280 elements, ~40% of inlining an email
 * (`node --cpu-prof`, 199 generated issues: css-select's `find` and
 * compile 1.9 s of juice's 3.4 s). Most rules name a class or a tag for
 * the element they style (`.content h2`, `.paper-title a`, `p`), and only
 * elements of that class or tag can match. So the elements are indexed
 * once by tag and class (in document order, as cheerio returns them), the
 * compiled selector is kept across emails, and only the indexed ones are
 * tested. Measured on the emails of 60 generated issues (one process,
 * warm, `process.cpuUsage`, a loaded machine): 8.8–10.4 ms of CPU an email
 * with cheerio's selection, 3.7–7.2 ms with this.
 *
 * Why it selects exactly what cheerio does:
 * - The same test: css-select's `compile` is cheerio-select's, with the
 *   same options (HTML mode) and no context (cheerio's context, the
 *   document's top elements, changes nothing: css-select absolutizes a
 *   selector only under an element with a parent element). Its cache of
 *   descendants is off: an attribute could change between two rules.
 * - The candidates hold every match: an element matching `X .c` has the
 *   class `c` as css-select reads it (whitespace-separated, case-sensitive
 *   outside quirks mode); one matching `X a` is named `a` (css-select
 *   lowercases the selector's tag in HTML mode and compares exactly).
 * - Only the selectors this can answer: one selector (no comma) of tags,
 *   attributes and descendant or child combinators. Any pseudo-class,
 *   sibling combinator, `*`, a class compared ignoring case: cheerio's.
 * - The index is of the document as it is: made at the first selection
 *   answered, made again after any element is created (`$('<span />')`,
 *   juice's pseudo-elements, the only way juice adds elements); an element
 *   removed since (juice takes the `<style>` elements out) is left out, its
 *   ancestors no longer reaching the document.
 * - juice never changes an element's tag or class.
 * juice is pinned exactly (package.json), with css-select, css-what and
 * domutils at the versions cheerio-select uses. tests/render/subject-index
 * .test.ts proves the selections equal cheerio's on generated documents and
 * selectors; tests/render/inline-css.test.ts the bytes equal juice()'s (the
 * sample issues, generated issues, the CommonMark and GFM examples, and
 * generated stylesheets).
 */

/** A selector this answers: its compiled test and the tag or class its subject (the last compound) must have. */
interface IndexedSelector {
  test: (element: Element) => boolean;
  key: { kind: 'tag' | 'class'; name: string };
}

/** Per selector text: how to answer it, or null for cheerio. Stylesheets repeat from email to email. */
const compiled = new Map<string, IndexedSelector | null>();
/** Selectors kept at most: a stylesheet has ~70; `serve --dev` compiles each version of an edited one. */
const COMPILED_MAX = 4096;

const ANSWERED: ReadonlySet<string> = new Set([SelectorType.Tag, SelectorType.Attribute, SelectorType.Descendant, SelectorType.Child]);

function indexedSelector(text: string): IndexedSelector | null {
  let tokens: Selector[][];
  try {
    tokens = parse(text);
  } catch {
    return null;
  }
  if (tokens.length !== 1 || !tokens[0]!.every((token) => ANSWERED.has(token.type))) return null;
  const [selector] = tokens as [Selector[]];
  let subjectStart = selector.length;
  while (subjectStart > 0 && selector[subjectStart - 1]!.type !== SelectorType.Descendant && selector[subjectStart - 1]!.type !== SelectorType.Child) subjectStart--;
  const subject = selector.slice(subjectStart);
  const className = subject.find((token) => token.type === SelectorType.Attribute && token.name === 'class' && token.action === 'element' && (token.ignoreCase === 'quirks' || token.ignoreCase === false));
  const tag = subject.find((token) => token.type === SelectorType.Tag);
  const key = className?.type === SelectorType.Attribute ? { kind: 'class' as const, name: className.value } : tag?.type === SelectorType.Tag ? { kind: 'tag' as const, name: tag.name.toLowerCase() } : undefined;
  if (!key) return null;
  return { test: compile<AnyNode, Element>(text, { cacheResults: false }), key };
}

/** The elements of the document under `root`, in document order, by tag name and by class. */
function indexOf(root: AnyNode): Map<string, Element[]> {
  const index = new Map<string, Element[]>();
  const add = (key: string, element: Element) => {
    const list = index.get(key);
    if (list) list.push(element);
    else index.set(key, [element]);
  };
  for (const element of findAll(() => true, [root])) {
    add(`tag ${element.name}`, element);
    // css-select's `~=`: words split on JavaScript's \s (attributes.js).
    for (const word of new Set((element.attribs['class'] ?? '').split(/\s+/))) if (word !== '') add(`class ${word}`, element);
  }
  return index;
}

/** Whether `element` is still in the document of `root` (juice removes its `<style>` elements). */
function attached(element: AnyNode, root: AnyNode): boolean {
  let node: AnyNode | null = element;
  while (node && node !== root) node = node.parent;
  return node === root;
}

/**
 * `$` as juice calls it, for a document loaded in HTML mode (not
 * xmlMode): every call cheerio's own but the selection of one selector
 * this can answer (see above), and the wrapping of one element, made once
 * per element: juice wraps an element (`$(el)`) to read or write its
 * attributes, its text or its place again and again (twice to read its
 * `style`, once to write it, once more for a table's attributes: a
 * cheerio object each time, ~0.3 ms of CPU an email), and a wrapper of one
 * element holds that element alone whatever those calls change (they change
 * the document, and return the wrapper). `$` itself is left as it was.
 */
export function withSubjectIndex($: CheerioAPI): CheerioAPI {
  const root = $.root()[0]!;
  let index: Map<string, Element[]> | undefined;
  const wrappers = new WeakMap<Element, unknown>();
  const select = (...args: unknown[]) => {
    const [first] = args;
    if (args.length === 1 && first instanceof Element) {
      if (!wrappers.has(first)) wrappers.set(first, $(first));
      return wrappers.get(first);
    }
    if (typeof first === 'string' && args.length === 1) {
      // Markup makes an element (juice's pseudo-elements): the index no longer holds them all.
      if (first.includes('<')) index = undefined;
      else {
        if (!compiled.has(first)) {
          if (compiled.size >= COMPILED_MAX) compiled.clear();
          compiled.set(first, indexedSelector(first));
        }
        const selector = compiled.get(first);
        if (selector) {
          index ??= indexOf(root);
          const candidates = index.get(`${selector.key.kind} ${selector.key.name}`) ?? [];
          return $(candidates.filter((element) => selector.test(element) && attached(element, root)));
        }
      }
    }
    return ($ as unknown as (...a: unknown[]) => unknown)(...args);
  };
  return Object.assign(select, $) as unknown as CheerioAPI;
}
