/** How long a quote of the source may be, in characters, before its middle gives way to `…`. */
const MAX_QUOTE = 80;

/**
 * How long a quote of what to write may be, in characters, before it too is
 * shortened: past the longest URL a plaintext line holds (about 1,000
 * octets, link-url-length), only a hostile file's, which `--fix` writes.
 */
export const MAX_WHOLE_QUOTE = 1000;

/** A code span: `` `…` ``, with as many backticks at each end. */
const CODE_SPAN = /(`+)([\s\S]*?)\1/g;

/**
 * A message on one line, whatever it quotes (of an issue's source, of a CSV cell): a line break
 * in it is shown as `⏎` (a row of `lint`'s columns, a `file:line:col`
 * diagnostic and an editor's problem list are all one line a message).
 * A quote (a code span) of what was written, before the message's
 * `expected`, keeps its start and end around a `…` when longer than
 * `MAX_QUOTE` characters; a quote after it is what to write, a fix to
 * paste, and is kept whole (up to `MAX_WHOLE_QUOTE`). Every lint rule's
 * messages pass here, so none has to mind it, and so do the problems of a
 * subscriber's address (`subscribers add`, a CSV row).
 */
export function oneLine(message: string): string {
  const expectedAt = expectedOffset(message);
  return message
    .replace(CODE_SPAN, (_, ticks: string, quote: string, offset: number) => {
      const flat = quote.replace(/\r\n|\r|\n/g, '⏎');
      return `${ticks}${shortened(flat, offset > expectedAt ? MAX_WHOLE_QUOTE : MAX_QUOTE)}${ticks}`;
    })
    .replace(/\r\n|\r|\n/g, '⏎');
}

/** Where the message's first `expected` outside a quote starts (the "Unexpected X, expected Y" of every message); Infinity without one. */
function expectedOffset(message: string): number {
  const at = message.replace(CODE_SPAN, (span) => ' '.repeat(span.length)).search(/\bexpected\b/);
  return at === -1 ? Infinity : at;
}

/** Cut between characters, never inside a surrogate pair. */
function shortened(quote: string, max: number): string {
  const chars = [...quote];
  if (chars.length <= max) return quote;
  const head = Math.ceil((max - 1) * 0.7);
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - (max - 1 - head)).join('')}`;
}
