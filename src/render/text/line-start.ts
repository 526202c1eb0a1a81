/**
 * Words that, at the start of a line, read as the structure of a text
 * rather than as prose: what the plaintext email and the terminal preview
 * write for structure themselves, and what Markdown and mail programs read
 * as a block (CommonMark 0.31 §4–5; a mail program shows a line starting
 * `>` as quoted). Wrapping never starts a line with one of them where it
 * can help it (wrap.ts), so a reader never sees a quote, a list item, a
 * heading, a fence or a note that is not there.
 *
 * Whole words, so prose that merely begins with the character (`-log`,
 * `*emphasis*`, `...`) is not one (a code span has its own, broader guard,
 * fence.ts `BLOCK_START`, as any break inside it must read back the same):
 * - anything starting with `>` (a quote, `>>` too), or the terminal's `│`;
 * - a bullet: `-`, `+`, `*`, the terminal's `•`; a task box: `[x]`, `[X]`,
 *   the terminal's `☑`, `☐`;
 * - an ordered item's number: `1.`, `2023.`, `007)`;
 * - an ATX heading's `#` to `######`;
 * - a thematic break or setext underline: a run of `-`, `=`, `_`, `*`, or
 *   the terminal's `─`;
 * - a code or math fence, whatever follows it on the word: `` ``` ``,
 *   `~~~`, `$$`;
 * - a link reference `[1]` (the plaintext lists its URLs so), a footnote
 *   definition `[^1]:`, a footnote marker `¹²` (the plaintext's notes
 *   start with theirs).
 */
const STRUCTURE = /^(?:[>│].*|[+•☑☐]|-+|\*+|=+|_+|─+|\[(?:[xX]|\d+)\]|\d{1,9}[.)]|#{1,6}|`{3}.*|~{3}.*|\$\$.*|\[\^.*|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/su;

/** Whether `word` (a whole word, as a wrapped line would start with it) reads as structure at the start of a line. */
export function readsAsStructure(word: string): boolean {
  return STRUCTURE.test(word);
}
