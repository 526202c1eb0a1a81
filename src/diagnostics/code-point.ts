/** How a message names a character it cannot show as itself: `U+001B`, `U+00A0`. */
export function codePointName(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
