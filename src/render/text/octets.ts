import { Buffer } from 'node:buffer';
import { graphemePieces } from '../../issue/segment-pieces.js';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The grapheme clusters of `text`, segmented in pieces: Node 20's segmenter is slow past a few kilobytes (a 200 KB token took minutes; segment-pieces.ts). */
export function graphemeClusters(text: string): string[] {
  return graphemePieces(text).flatMap((part) => Array.from(graphemes.segment(part), ({ segment }) => segment));
}

/**
 * An address a mail program makes a link of, up to the next space: a URL
 * with `//` after its scheme, a `mailto:`, a `www.` one.
 */
const ADDRESS = /(?:\b[a-z][a-z\d+.-]*:\/\/|\bmailto:|\bwww\.)\S+/giu;

/**
 * Hard-splits every line longer than `maxOctets` UTF-8 octets (a last
 * resort for a word no wrapping could break), between grapheme clusters so
 * no character is cut; never inside an address (ADDRESS): cut, it leads
 * nowhere, or somewhere else. One longer than the limit stays whole, on the
 * line it starts, which is that much longer: RFC 5322's 998 octets bound a
 * line of the message, whose text part is quoted-printable (lines of 76
 * octets, RFC 2045 §6.7), and decoding gives the reader the URL whole.
 */
export function limitLineOctets(text: string, maxOctets: number): string {
  if (Buffer.byteLength(text) <= maxOctets) return text;
  return text
    .split('\n')
    .flatMap((line) => splitLine(line, maxOctets))
    .join('\n');
}

function splitLine(line: string, maxOctets: number): string[] {
  if (Buffer.byteLength(line) <= maxOctets) return [line];
  const pieces: string[] = [];
  let piece = '';
  let octets = 0;
  for (const unit of unitsOf(line, maxOctets)) {
    const size = Buffer.byteLength(unit);
    // Only an address is a unit over the limit: it stays on the line where it starts.
    if (octets + size > maxOctets && piece !== '' && size <= maxOctets) {
      pieces.push(piece);
      piece = '';
      octets = 0;
    }
    piece += unit;
    octets += size;
  }
  pieces.push(piece);
  return pieces;
}

/**
 * What a line may be cut between: each address whole, else grapheme
 * clusters, and the code points of a cluster over the limit on its own
 * (pathological stacks of combining marks).
 */
function* unitsOf(line: string, maxOctets: number): Generator<string> {
  let from = 0;
  for (const match of line.matchAll(ADDRESS)) {
    yield* clustersOf(line.slice(from, match.index), maxOctets);
    yield match[0];
    from = match.index + match[0].length;
  }
  yield* clustersOf(line.slice(from), maxOctets);
}

function clustersOf(text: string, maxOctets: number): string[] {
  return graphemeClusters(text).flatMap((cluster) => (Buffer.byteLength(cluster) <= maxOctets ? [cluster] : Array.from(cluster)));
}
