import type { Point, Position } from 'unist';

/**
 * Turns offsets into the text of a file into unist points (1-based line and
 * column), the coordinates every diagnostic is reported in.
 *
 * Why not vfile-location: its `toPoint` scans the lines from the first one
 * on every call, so a file with a problem on each of its lines costs lines²
 * (a 10 MB file of short lines with trailing spaces: 10¹⁰ steps); this
 * index finds a line by binary search, and clamps an offset past the end.
 */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
  }

  point(offset: number): Point {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - this.lineStarts[low]! + 1, offset: clamped };
  }

  position(start: number, end: number = start): Position {
    return { start: this.point(start), end: this.point(end) };
  }
}
