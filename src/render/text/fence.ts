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
 * A fenced span (`fenced`'s three parts) as the parts a wrapped line may
 * end between, one space apart: only at a single space between two visible
 * characters of the code, since the line ending reads back as that one
 * space. A run of spaces, a tab or a CJK character beside the break would
 * not read back (nor could the reader see spaces at a line's end), and the
 * fences stay with the code they open and close.
 */
export function wrappableParts(open: string, code: string, close: string): string[] {
  const parts: string[] = [];
  let from = 0;
  for (let i = 1; i < code.length - 1; i++) {
    if (code[i] !== ' ' || /\s/.test(code[i - 1]!) || /\s/.test(code[i + 1]!)) continue;
    parts.push(code.slice(from, i));
    from = i + 1;
  }
  parts.push(code.slice(from));
  parts[0] = open + parts[0]!;
  parts[parts.length - 1] += close;
  return parts;
}
