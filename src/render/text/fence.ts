/**
 * Code spans and inline math as CommonMark writes them, so the plaintext
 * reader sees the code exactly, backticks and dollars included.
 */

/** `character` repeated once more than its longest run in `code`: a fence no run inside can close. */
export function longerFence(code: string, character: string): string {
  let longest = 0;
  let run = 0;
  for (const each of code) {
    run = each === character ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return character.repeat(longest + 1);
}

/**
 * `code` between `fence`s, as opening fence, code and closing fence. The
 * code is on one line (CommonMark reads a line ending in code as a space),
 * and each fence takes a space inside where CommonMark needs one to read
 * the code back: when the code starts or ends with the fence's character
 * (it would join the fence), or starts and ends with a space (one would be
 * stripped from each side; code of spaces only is kept whole). An empty
 * fence (a style that shows code by its colour) stays empty.
 */
export function fenced(code: string, fence: string): [open: string, code: string, close: string] {
  const oneLine = code.replace(/\r\n?|\n/g, ' ');
  if (fence === '') return ['', oneLine, ''];
  const character = fence.charAt(0);
  const joinsFence = oneLine.startsWith(character) || oneLine.endsWith(character);
  const wouldBeStripped = oneLine.startsWith(' ') && oneLine.endsWith(' ') && /[^ ]/.test(oneLine);
  return joinsFence || wouldBeStripped ? [`${fence} `, oneLine, ` ${fence}`] : [fence, oneLine, fence];
}

/**
 * What may start a block at the start of a line, and so end the paragraph
 * a code span is in: a heading, quote, list item, rule or setext underline,
 * code or math fence, HTML, table delimiter row or footnote definition.
 * Broad on purpose: a break it refuses only moves to the next space.
 */
const BLOCK_START = /[#>+*=_<|:-]|\d+[.)]|`{3}|~{3}|\$\$|\[\^/y;

/** A fence that opens a code or math block at the start of a line, unless its line holds its character again: three backticks or more, two dollars or more. */
const BLOCK_FENCE = /^(?:`{3,}|\${2,})$/;

/**
 * A fenced span (`fenced`'s three parts) as the parts a wrapped line may
 * end between, one space apart. A line ends only at a single space between
 * two visible characters of the code, since the line ending reads back as
 * that one space (next to other spaces or a tab, what was there would be
 * lost at the line's end; between CJK characters, a space would be added),
 * never right after the opening fence or before the closing one, and never
 * before what would read as a block at the start of a line. A fence that
 * could open a block has its character again on its line (the code's
 * first); without one, the span is not broken.
 */
export function wrappableParts(open: string, code: string, close: string): string[] {
  const fence = open.trimEnd();
  const earliest = BLOCK_FENCE.test(fence) ? code.indexOf(fence.charAt(0)) + 1 : 1;
  if (earliest === 0) return [open + code + close];
  const parts: string[] = [];
  let from = 0;
  for (let i = earliest; i < code.length - 1; i++) {
    if (code[i] !== ' ' || /\s/.test(code[i - 1]!) || /\s/.test(code[i + 1]!) || startsBlock(code, i + 1)) continue;
    parts.push(code.slice(from, i));
    from = i + 1;
  }
  parts.push(code.slice(from));
  parts[0] = open + parts[0]!;
  parts[parts.length - 1] += close;
  return parts;
}

function startsBlock(code: string, index: number): boolean {
  BLOCK_START.lastIndex = index;
  return BLOCK_START.test(code);
}
