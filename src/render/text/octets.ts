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
 * as the wrap's does, not inside one; and each marker (`MARKER`) with the
 * character before it.
 */
function cutUnits(line: string, maxOctets: number): string[] {
  const units: string[] = [];
  // Split on the markers (a capture group: they come at the odd indices), each kept whole with the character before it.
  line.split(MARKER).forEach((part, index) => {
    if (index % 2 === 0) for (const unit of textUnits(part, maxOctets)) units.push(unit);
    else units.push(`${units.pop() ?? ''}${part}`);
  });
  return units.filter((unit) => unit !== '');
}

/**
 * The marks the plaintext puts after a word (inline.ts, references.ts): a
 * link's ` [12]`, a cross-reference's ` (#3)`, a note's ` ¹²`. Cut inside
 * one, `[12]` would read as `[1` and `2]`; alone at a line's start, as an
 * entry of the list of links after the paper: as the wrap keeps them
 * (wrap.ts `cutLine`), a marker and the character before it are one unit.
 */
const MARKER = /( ?(?:\[\d+\]|\(#\d+\)|[⁰¹²³⁴⁵⁶⁷⁸⁹]+))/u;

/** A run of text between markers in units: its grapheme clusters, or Thai, Lao, Khmer or Burmese words whole where one fits. */
function textUnits(text: string, maxOctets: number): string[] {
  const words = splitBetweenWords(text);
  if (words.length <= 1) return graphemeClusters(text);
  return words.flatMap((word) => (Buffer.byteLength(word) <= maxOctets ? [word] : graphemeClusters(word)));
}

/**
 * Hard-splits every line longer than `maxOctets` UTF-8 octets (a last
 * resort for a word no wrapping could break), between grapheme clusters so
 * no character is cut, and between the words of Thai, Lao, Khmer or Burmese
 * (`cutUnits`), and never inside a link's or a note's marker (`MARKER`).
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
