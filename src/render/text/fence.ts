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
