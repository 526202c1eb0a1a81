/**
 * The lines of a plain (unquoted) YAML value as its writer laid them out.
 * YAML 1.2 (§7.3.3) lets a plain value go on over lines indented deeper than
 * the key (or `- `) it belongs to, but a line whose text starts with `#` is a
 * comment however it is indented (§6.6), and ends the value: indented as
 * text, the writer meant it as text all the same.
 */

/** A line's end: the offset of its `\n`, or the text's end. */
function lineEnd(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  return end === -1 ? text.length : end;
}

/**
 * Where the lines that continue a value by their position end: from `from`
 * (the start of a line), every line that is blank or indented deeper than
 * `column` (the key's or the `- `'s, in characters from its line's start),
 * up to a comment written as one (`# note`, with a space), which is the
 * writer's however it is indented; blank lines at the end left out. The
 * offset (in `text`) of the last such line's end, undefined when the next
 * line is not one.
 */
export function continuationEnd(text: string, from: number, column: number): number | undefined {
  let end: number | undefined;
  for (let start = from; start < text.length; ) {
    const stop = lineEnd(text, start);
    const line = text.slice(start, stop);
    const indent = /^[ \t]*/.exec(line)![0].length;
    if (indent < line.length && (indent <= column || /^#(\s|$)/.test(line.slice(indent)))) break;
    if (indent < line.length) end = stop;
    start = stop + 1;
  }
  return end;
}

/** The first non-blank line from `from`, to `end`, without its indentation: its offsets in `text`; undefined when all are blank. */
export function firstTextLine(text: string, from: number, end: number): { start: number; end: number } | undefined {
  const start = text.slice(from, end).search(/[^ \t\n]/);
  if (start === -1) return undefined;
  const lineStart = from + start;
  return { start: lineStart, end: text.slice(lineStart, lineEnd(text, lineStart)).trimEnd().length + lineStart };
}

/**
 * The text a plain value written as `written` (its lines as in the file)
 * reads as, by YAML's line folding (§6.5): each line without the white
 * space around it, a line break between two lines of text a space, and each
 * blank line between them a line break.
 */
export function foldedPlainText(written: string): string {
  const lines = written.split('\n').map((line) => line.replace(/^[ \t]+|[ \t]+$/g, ''));
  let folded = lines[0]!;
  let breaks = 0;
  for (const line of lines.slice(1)) {
    if (line === '') {
      breaks++;
      continue;
    }
    folded += breaks === 0 ? ` ${line}` : '\n'.repeat(breaks) + line;
    breaks = 0;
  }
  return folded;
}
