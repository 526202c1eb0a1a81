/** How long a quote of the source may be, in UTF-16 code units, before its middle gives way to `…`. */
const MAX_QUOTE = 80;

/**
 * A message on one line, whatever it quotes (of an issue's source, of a CSV cell): a line break
 * in it is shown as `⏎` (a row of `lint`'s columns, a `file:line:col`
 * diagnostic and an editor's problem list are all one line a message), and a
 * quote (a code span: `` `…` ``) longer than `MAX_QUOTE` characters keeps its start and
 * end around a `…`. Every lint rule's messages pass here, so none has to mind it, and so do
 * the problems of a subscriber's address (`subscribers add`, a CSV row).
 */
export function oneLine(message: string): string {
  return message.replace(/(`+)([\s\S]*?)\1/g, (_, ticks: string, quote: string) => `${ticks}${shortened(quote.replace(/\r\n|\r|\n/g, '⏎'))}${ticks}`).replace(/\r\n|\r|\n/g, '⏎');
}

/** Cut between characters, never inside a surrogate pair. */
function shortened(quote: string): string {
  const chars = [...quote];
  if (chars.length <= MAX_QUOTE) return quote;
  const head = Math.ceil((MAX_QUOTE - 1) * 0.7);
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - (MAX_QUOTE - 1 - head)).join('')}`;
}
