import { Parser } from 'htmlparser2';
import type { Html, Nodes, Paragraph, PhrasingContent, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { replaceControlCharacters } from '../diagnostics/control-characters.js';
import { nodesInTree } from '../issue/tree-index.js';

/**
 * Raw HTML is never trusted: no output keeps a tag (lint's `no-raw-html`
 * says so). What a reader of the HTML would have seen stays, in every
 * output (the HTML email and pages, the plaintext, the preview, search):
 * - a `<br>` (`<br/>`, `<BR />`), the one tag whose meaning Markdown has
 *   too, is the hard line break it stands for;
 * - an HTML block (`<div>`, `<p align="center">`, a `<table>` pasted from a
 *   paper's site) is its text, a paragraph whose lines are the block's
 *   lines as a browser breaks them (`htmlBlockParagraph`): dropped whole,
 *   its words were in no output;
 * - an inline tag of an element a browser sets on a line of its own
 *   (`<details>`, `</summary>`, `</td>`) between two words is a space:
 *   dropped, it joined them (`see<details><summary>Setup` read
 *   `seeSetup`); any other tag (`<b>`, `<sub>`) is dropped, its text kept
 *   (`H<sub>2</sub>O` reads `H2O`).
 */
export function inlineHtml(siblings: readonly Nodes[], index: number): 'break' | 'space' | undefined {
  const value = (siblings[index] as Html).value;
  if (isBreakTag(value)) return 'break';
  if (!setsApart(value)) return undefined;
  // A run of tags (`<details><summary>`) is one space, the first tag's that sets apart, between the words around the run.
  const isTag = (i: number) => siblings[i]?.type === 'html';
  let start = index;
  while (isTag(start - 1)) start -= 1;
  for (let i = start; i < index; i++) {
    const earlier = (siblings[i] as Html).value;
    if (isBreakTag(earlier) || setsApart(earlier)) return undefined;
  }
  let end = index;
  while (isTag(end + 1)) end += 1;
  const before = siblings[start - 1];
  const after = siblings[end + 1];
  return before !== undefined && after !== undefined && TEXT_END.test(toString(before)) && TEXT_START.test(toString(after)) ? 'space' : undefined;
}

/**
 * `siblings` without what an inline `<script>`, `<style>` or `<template>`
 * holds (`before <script>alert(1)</script> after`: Markdown reads the
 * tags as raw HTML and `alert(1)` as text between them, which a browser
 * never shows), the tags included; the same array when there is none.
 */
export function visibleSiblings<T extends Nodes>(siblings: readonly T[]): readonly T[] {
  if (!siblings.some((node) => node.type === 'html' && HIDDEN_OPEN.test(node.value))) return siblings;
  const visible: T[] = [];
  let hiddenBy: string | undefined;
  for (const node of siblings) {
    const tag = node.type === 'html' ? tagOf(node.value) : undefined;
    if (hiddenBy === undefined && tag && !tag.closing && HIDDEN_ELEMENTS.has(tag.name) && !closesItself((node as Html).value, tag.name)) hiddenBy = tag.name;
    else if (hiddenBy !== undefined && tag?.closing && tag.name === hiddenBy) hiddenBy = undefined;
    else if (hiddenBy === undefined) visible.push(node);
  }
  return visible;
}

/**
 * Whether raw HTML that opens `name` ends that element itself: a
 * self-closing tag, or an HTML block that holds the closing tag too
 * (`<script>…</script>` and any line after it up to a blank line, one
 * block in CommonMark, §4.6 kind 1), whose own shown text `htmlBlockParagraph`
 * gives. Only a tag left open hides the siblings after it.
 */
function closesItself(html: string, name: string): boolean {
  return /\/>$/.test(html) || new RegExp(`</${name}[\\s>]`, 'i').test(html);
}

/** An opening tag of an element whose contents a reader never sees. */
const HIDDEN_OPEN = /^<(script|style|template)\b/i;

/**
 * `tree`, or a copy of it without what inline `<script>`, `<style>` and
 * `<template>` elements hold (`visibleSiblings`), for a renderer that takes
 * a whole tree (mdast-util-to-hast). The shared tree is never changed.
 */
export function visibleTree(tree: Root): Root {
  return nodesInTree(tree, 'html').some((node) => HIDDEN_OPEN.test(node.value)) ? withoutHiddenInline(tree) : tree;
}

function withoutHiddenInline<T extends Nodes>(tree: T): T {
  if (!('children' in tree)) return tree;
  const children = tree.children as Nodes[];
  const visible = visibleSiblings(children);
  let changed = visible !== children;
  const inner = visible.map((child) => {
    const copy = withoutHiddenInline(child);
    if (copy !== child) changed = true;
    return copy;
  });
  return changed ? ({ ...tree, children: inner } as T) : tree;
}

/** An HTML block as a reader sees it (see `inlineHtml`): its lines as one paragraph, a hard break between lines; none when it shows no text (a comment). */
export function htmlBlockParagraph(html: Html): Paragraph | undefined {
  const lines = rawHtmlText(html.value);
  if (lines.length === 0) return undefined;
  const children = lines.flatMap((value, i): PhrasingContent[] => (i === 0 ? [{ type: 'text', value }] : [{ type: 'break' }, { type: 'text', value }]));
  return { type: 'paragraph', children, ...(html.position ? { position: html.position } : {}) };
}

/** Whether raw HTML whose parent is `parent` is an HTML block (its parent holds blocks, mdast's flow content), not an inline tag. */
export function isHtmlBlock(parent: { type: string } | undefined): boolean {
  return parent === undefined || FLOW_PARENTS.has(parent.type);
}

const FLOW_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

/** Whether `html` is a `<br>` (`<br/>`, `<BR />`): the hard line break it stands for in every output. */
export function isBreakTag(html: string): boolean {
  return /^<br\s*\/?>$/i.test(html.trim());
}

/**
 * The text a browser shows of an HTML fragment, one line per line it
 * breaks: text and entities decoded (htmlparser2, the parser juice's cheerio
 * uses), runs of white space one space as a browser collapses them (the
 * source's own line breaks too, but inside `<pre>`), each element of
 * `LINE_ELEMENTS` and each `<br>` on lines of its own, table cells apart by
 * a space; `<script>`, `<style>` and `<template>` hold no text a reader
 * sees. A control character, which an entity can name (`&#27;`), is U+FFFD
 * as everywhere in the model (diagnostics/control-characters.ts). Lines left
 * empty are dropped.
 */
export function rawHtmlText(html: string): string[] {
  let text = '';
  let hidden = 0;
  let pre = 0;
  const parser = new Parser({
    onopentag(name) {
      if (HIDDEN_ELEMENTS.has(name)) hidden += 1;
      else text += boundary(name);
      if (name === 'pre') pre += 1;
    },
    onclosetag(name) {
      if (HIDDEN_ELEMENTS.has(name)) hidden = Math.max(0, hidden - 1);
      else text += boundary(name);
      if (name === 'pre') pre = Math.max(0, pre - 1);
    },
    ontext(data) {
      if (hidden === 0) text += pre > 0 ? data : data.replace(HTML_WHITESPACE, ' ');
    },
  });
  parser.end(html.replace(UNFINISHED_BOGUS_COMMENT, ''));
  return replaceControlCharacters(text)
    .split('\n')
    .map((line) => line.replace(HTML_WHITESPACE, ' ').trim())
    .filter((line) => line !== '');
}

/**
 * A `<?` or a `<!` (not a `<!--` comment, which htmlparser2 ends as a
 * browser does) with no `>` after it: a browser reads it as a comment
 * that runs to the end (HTML Standard §13.2.5.6, "bogus comment state"),
 * where htmlparser2 would show its words (`<?php` read `php`).
 */
const UNFINISHED_BOGUS_COMMENT = /<(?:\?|!(?!--))[^>]*$/;

/** White space as HTML collapses it (ASCII only: a no-break space stays). */
const HTML_WHITESPACE = /[ \t\n\f\r]+/g;

/** Elements a browser sets on lines of their own (the HTML Standard's rendering section, §15.3.3, "display: block" and kin). */
const LINE_ELEMENTS = new Set(
  'address article aside blockquote caption center dd details dialog dir div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr legend li main menu nav ol p pre section summary table tbody tfoot thead tr ul'.split(' '),
);
/** Table cells: apart on their row. */
const CELL_ELEMENTS = new Set(['td', 'th']);
/** Elements whose contents a reader never sees as text. */
/** Elements whose content a browser never shows as text (`visible-html.ts` adds a document's head to them). */
export const HIDDEN_ELEMENTS: ReadonlySet<string> = new Set(['script', 'style', 'template']);

/** What an element's tag puts between the texts on either side of it. */
function boundary(name: string): string {
  if (name === 'br' || LINE_ELEMENTS.has(name)) return '\n';
  return CELL_ELEMENTS.has(name) ? ' ' : '';
}

/** Whether a tag is one of an element a browser sets apart from the text around it (a line or a table cell of its own). */
function setsApart(html: string): boolean {
  const name = tagOf(html)?.name;
  return name !== undefined && (LINE_ELEMENTS.has(name) || CELL_ELEMENTS.has(name));
}

/** The element a raw HTML tag opens or closes (`</TD>` → `td`, closing); undefined for a comment or a declaration. */
function tagOf(html: string): { name: string; closing: boolean } | undefined {
  const tag = /^<(\/?)([a-z][a-z0-9-]*)/i.exec(html);
  return tag ? { name: tag[2]!.toLowerCase(), closing: tag[1] === '/' } : undefined;
}

/** Text before a tag set apart: any character but white space (`First sentence.</p><p>Second`). */
const TEXT_END = /\S$/u;
/** Text after one: what starts a word or a quote, not punctuation that closes what comes before (`numbers</details>.`). */
const TEXT_START = /^[\p{L}\p{N}\p{Ps}\p{Pi}"'`]/u;
