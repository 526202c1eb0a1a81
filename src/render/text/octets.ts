import { Buffer } from 'node:buffer';
import { graphemePieces } from '../../issue/segment-pieces.js';
import { balanceIsolates, isolateDepth } from '../bidi.js';
import { splitBetweenWords } from './breaks.js';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The grapheme clusters of `text`, segmented in pieces: Node 20's segmenter is slow past a few kilobytes (a 200 KB token took minutes; segment-pieces.ts). */
export function graphemeClusters(text: string): string[] {
  return graphemePieces(text).flatMap((part) => Array.from(graphemes.segment(part), ({ segment }) => segment));
}

/**
 * What a too-long line is packed from, in order: its grapheme clusters; but
 * where Thai, Lao, Khmer or Burmese is written, its words (breaks.ts
 * `splitBetweenWords`) whole when one fits, so the cut falls between words
 * as the wrap's does, not inside one.
 */
function cutUnits(line: string, maxOctets: number): string[] {
  const words = splitBetweenWords(line);
  if (words.length === 1) return graphemeClusters(line);
  return words.flatMap((word) => (Buffer.byteLength(word) <= maxOctets ? [word] : graphemeClusters(word)));
}

/**
 * Hard-splits every line longer than `maxOctets` UTF-8 octets (a last
 * resort for a word no wrapping could break), between grapheme clusters so
 * no character is cut, and between the words of Thai, Lao, Khmer or Burmese
 * (`cutUnits`).
 */
export function limitLineOctets(text: string, maxOctets: number): string {
  if (Buffer.byteLength(text) <= maxOctets) return text;
  return text
    .split('\n')
    .flatMap((line) => splitLine(line, maxOctets))
    .join('\n');
}

/**
 * `line` in pieces of at most `maxOctets`. An isolate around a
 * right-to-left value (render/bidi.ts) that a cut falls inside is closed at
 * the end of its piece and opened again at the start of the next
 * (`balanceIsolates`), as a wrapped line's is, room kept for both.
 */
function splitLine(line: string, maxOctets: number): string[] {
  if (Buffer.byteLength(line) <= maxOctets) return [line];
  const depth = isolateDepth(line);
  // A PDI and an initiator, 3 octets each, for every isolate open across a cut.
  return depth === 0 ? packLine(line, maxOctets) : balanceIsolates(packLine(line, maxOctets - 6 * depth));
}

function packLine(line: string, maxOctets: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let octets = 0;
  for (const segment of cutUnits(line, maxOctets)) {
    // A cluster over the limit on its own (pathological stacks of combining
    // marks) is cut between its code points instead.
    const units = Buffer.byteLength(segment) <= maxOctets ? [segment] : Array.from(segment);
    for (const unit of units) {
      const size = Buffer.byteLength(unit);
      if (octets + size > maxOctets) {
        pieces.push(piece);
        piece = '';
        octets = 0;
      }
      piece += unit;
      octets += size;
    }
  }
  pieces.push(piece);
  return pieces;
}
