import { MAX_FILE_BYTES, MAX_FILE_DELIMITER_RUNS, MAX_FILE_DOLLARS, MAX_FILE_LINES, MAX_FILE_TABLE_PIPES, MAX_FILE_URLS, MAX_NESTING, MAX_SPAN_DELIMITER_RUNS } from '../../issue/limits.js';
import { parseProblemRule } from './parse-problem.js';

/**
 * The file is within the limits that keep one file from exhausting the
 * machine or the stack (src/issue/limits.ts); a file over them is not read
 * further.
 *
 * ok:     an issue of a few hundred kilobytes, lists nested three deep
 * not ok: a list nested 1,000 deep → Unexpected Markdown nested more than 64 levels deep (…), expected at most 64: flatten it
 * not ok: an 11 MB file → Unexpected file of 11.0 MB, expected at most 10.0 MB (…)
 * not ok: a table of 200 columns and 60 rows → Unexpected file with more than 10,000 `|` (table cells), expected at most 10,000: split the table, or link to it as a file
 * not ok: a paragraph of `*a` 1,001 times → Unexpected paragraph with more than 1,000 runs of `*`, `_` or `~` (…): split it into paragraphs with blank lines
 * not ok: 5,001 formulas `$x$` → Unexpected file with more than 10,000 `$` (math and prices), expected at most 10,000: split the issue
 * not ok: 10,001 links → Unexpected file with more than 10,000 URLs (`://`), expected at most 10,000: split the issue
 * not ok: a code block of 50,001 lines → Unexpected file with more than 50,000 lines, expected at most 50,000: split the issue
 */
const count = (n: number) => n.toLocaleString('en');

export default parseProblemRule(
  'content-limits',
  `The file is at most ${MAX_FILE_BYTES / 1_000_000} MB and ${count(MAX_FILE_LINES)} lines, its Markdown nests at most ${MAX_NESTING} levels deep, and it holds at most ${count(MAX_SPAN_DELIMITER_RUNS)} runs of \`*\`, \`_\` or \`~\` in a paragraph and ${count(MAX_FILE_DELIMITER_RUNS)} in all, at most ${count(MAX_FILE_TABLE_PIPES)} \`|\` (table cells), ${count(MAX_FILE_DOLLARS)} \`$\` (math) and ${count(MAX_FILE_URLS)} URLs`,
);
