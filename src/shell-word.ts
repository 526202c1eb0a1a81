/**
 * A word of a command a message suggests, as a shell reads it back (POSIX
 * sh): quoted with `'…'` when it holds a space, a quote, `$`, a backtick
 * or a backslash, so that copying the command runs it on that path.
 */
export function shellWord(word: string): string {
  return /[\s'"$`\\]/.test(word) ? `'${word.replace(/'/g, "'\\''")}'` : word;
}
