/**
 * YAML reads a number too large for a double (`1e400`), and its own
 * `.inf`, `-.inf` and `.nan`, as a number that is no amount: a schema
 * expecting a number then says "Unexpected number `1e400`, expected a
 * number", which contradicts itself. These words say what YAML made of it.
 * The issue's frontmatter and the config both use them.
 */

/**
 * `value` that YAML read as a number but is not finite: the words to
 * follow the value in a message, as in "Unexpected number `1e400` for
 * `send.rate`, which YAML reads as infinity (`.inf`), expected a finite
 * number". Undefined for any other value.
 */
export function nonFiniteWords(value: unknown): string | undefined {
  if (typeof value !== 'number' || Number.isFinite(value)) return undefined;
  if (Number.isNaN(value)) return 'which YAML reads as not a number (`.nan`), expected a finite number';
  return `which YAML reads as ${value > 0 ? 'infinity (`.inf`)' : 'minus infinity (`-.inf`)'}, expected a finite number`;
}
