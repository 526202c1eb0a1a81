/**
 * The parser notices an unclosed `[` or `{` at the start of the next line
 * (`date: [2024-01-31` on line 4 was reported at 5:1), and an unclosed quote
 * where the text ends: such an error is placed where the closer is missing,
 * at the end of the last line with text before it, or at the opening quote.
 * Any other error keeps its range. For issue files (yaml-errors.ts) and the
 * config alike; `error`: the parser's code, message and range (offsets).
 */
export function unclosedAt(error: { code: string; message: string; range: [number, number] }, yamlText: string): [number, number] {
  const lineStart = yamlText.lastIndexOf('\n', error.range[0] - 1) + 1;
  const quote = error.code === 'MISSING_CHAR' ? /closing (["'])/.exec(error.message)?.[1] : undefined;
  if (quote !== undefined) {
    const opener = openingQuote(yamlText, quote, error.range[0]);
    return opener === -1 ? error.range : [opener, opener + 1];
  }
  const unclosedFlow = error.code === 'BAD_INDENT' && /must .*end with/.test(error.message);
  if (!unclosedFlow || error.range[0] !== lineStart) return error.range;
  const before = yamlText.slice(0, lineStart).trimEnd();
  return before === '' ? error.range : [before.length - 1, before.length];
}

/** The quote that opened a quoted text found unclosed at `end`: the last one before it that the text cannot hold (not in `''` or `\\"`); -1 when none. */
export function openingQuote(yamlText: string, quote: string, end: number): number {
  for (let at = yamlText.lastIndexOf(quote, end - 1); at > 0; at = yamlText.lastIndexOf(quote, at - 1)) {
    if (quote === "'" ? yamlText[at - 1] !== "'" : !escaped(yamlText, at)) return at;
    // The pair `''` is one quote the text holds: look before both.
    if (quote === "'") at--;
  }
  return yamlText[0] === quote ? 0 : -1;
}

/** Whether the character at `at` follows an odd number of backslashes: in YAML's double quotes, escaped. */
export function escaped(yamlText: string, at: number): boolean {
  let backslashes = 0;
  while (yamlText[at - 1 - backslashes] === '\\') backslashes++;
  return backslashes % 2 === 1;
}
