import { Parser } from 'htmlparser2';
import type { Html, Nodes, Paragraph, PhrasingContent } from 'mdast';
import { toString } from 'mdast-util-to-string';

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
  return before !== undefined && after !== undefined && WORD_END.test(toString(before)) && WORD_START.test(toString(after)) ? 'space' : undefined;
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

/** Whether raw HTML is a line break tag (see `inlineHtml`). */
function isBreakTag(html: string): boolean {
  return /^<br\s*\/?>$/i.test(html.trim());
}

/**
 * The text a browser shows of an HTML fragment, one line per line it
 * breaks: text and entities decoded (htmlparser2, the parser juice's cheerio
 * uses), each element of `LINE_ELEMENTS` and each `<br>` on lines of its
 * own, table cells apart by a space; `<script>`, `<style>` and `<template>`
 * hold no text a reader sees. Runs of white space are one space, as a
 * browser collapses them; lines left empty are dropped.
 */
export function rawHtmlText(html: string): string[] {
  let text = '';
  let hidden = 0;
  const parser = new Parser({
    onopentag(name) {
      if (HIDDEN_ELEMENTS.has(name)) hidden += 1;
      else text += boundary(name);
    },
    onclosetag(name) {
      if (HIDDEN_ELEMENTS.has(name)) hidden = Math.max(0, hidden - 1);
      else text += boundary(name);
    },
    ontext(data) {
      if (hidden === 0) text += data;
    },
  });
  parser.end(html);
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f]+/g, ' ').trim())
    .filter((line) => line !== '');
}

/** Elements a browser sets on lines of their own (the HTML Standard's rendering section, §15.3.3, "display: block" and kin). */
const LINE_ELEMENTS = new Set(
  'address article aside blockquote caption center dd details dialog dir div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr legend li main menu nav ol p pre section summary table tbody tfoot thead tr ul'.split(' '),
);
/** Table cells: apart on their row. */
const CELL_ELEMENTS = new Set(['td', 'th']);
/** Elements whose contents a reader never sees as text. */
const HIDDEN_ELEMENTS = new Set(['script', 'style', 'template']);

/** What an element's tag puts between the texts on either side of it. */
function boundary(name: string): string {
  if (name === 'br' || LINE_ELEMENTS.has(name)) return '\n';
  return CELL_ELEMENTS.has(name) ? ' ' : '';
}

/** Whether a tag is one of an element a browser sets apart from the text around it (a line or a table cell of its own). */
function setsApart(html: string): boolean {
  const name = /^<\/?([a-z][a-z0-9-]*)/i.exec(html)?.[1]?.toLowerCase();
  return name !== undefined && (LINE_ELEMENTS.has(name) || CELL_ELEMENTS.has(name));
}

const WORD_END = /[\p{L}\p{N}\p{M}]$/u;
const WORD_START = /^[\p{L}\p{N}]/u;
