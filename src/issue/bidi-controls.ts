/**
 * The explicit directional formatting characters of the Unicode
 * Bidirectional Algorithm (UAX #9, https://www.unicode.org/reports/tr9/#Explicit_Directional_Formatting_Characters)
 * that open a scope, each with the character that closes it: the embeddings
 * and overrides (LRE, RLE, LRO, RLO) end at a PDF, the isolates (LRI, RLI,
 * FSI) at a PDI.
 */
const PDF = '\u202c';
const PDI = '\u2069';
const CLOSER: Readonly<Record<string, string>> = { '\u202a': PDF, '\u202b': PDF, '\u202d': PDF, '\u202e': PDF, '\u2066': PDI, '\u2067': PDI, '\u2068': PDI };
const EXPLICIT = /[\u202a-\u202e\u2066-\u2069]/;
const EXPLICIT_ALL = new RegExp(EXPLICIT.source, 'g');

/**
 * `text` with every embedding, override and isolate it opens closed where
 * its paragraph ends (before the paragraph's trailing spaces, which may be a
 * Markdown line break): a RIGHT-TO-LEFT OVERRIDE left open in a title would
 * otherwise reverse what an output prints after it on the same line or in
 * the same block (the number and date, the authors, " →"), in a
 * browser, a feed reader, a mail client and a terminal that applies the
 * algorithm. And without a closer that closes nothing (a PDI or a PDF
 * pasted without its opener): it changes nothing where it is written, but
 * an output puts a right-to-left value in an isolate of its own
 * (render/bidi.ts), which it would end half way, letting the rest of the
 * title out among the text around it. The text keeps every other character
 * and shows as its author made it up to its end; a text that opens no scope
 * and closes none it did not open is returned as it is. Each paragraph
 * (UAX #9 P1: a line) is counted as the algorithm does: a PDF closes the
 * innermost scope if it is an embedding or override (X7), a PDI the
 * innermost isolate and everything opened inside it (X6a).
 */
export function closeBidiControls(text: string): string {
  if (!EXPLICIT.test(text)) return text;
  return text.replace(/[^\n\u2029]+/g, closeParagraph);
}

function closeParagraph(paragraph: string): string {
  // The closers of the scopes still open, innermost last.
  const open: string[] = [];
  const kept = paragraph.replace(EXPLICIT_ALL, (char) => {
    if (char === PDF) {
      if (open.at(-1) !== PDF) return '';
      open.pop();
    } else if (char === PDI) {
      const isolate = open.lastIndexOf(PDI);
      if (isolate < 0) return '';
      open.length = isolate;
    } else {
      open.push(CLOSER[char]!);
    }
    return char;
  });
  if (open.length === 0) return kept;
  const end = kept.trimEnd().length;
  return `${kept.slice(0, end)}${open.reverse().join('')}${kept.slice(end)}`;
}
