/**
 * A section is a path written with ` / ` between its levels
 * (`Technical alignment / Interpretability`): a top-level heading, then a
 * subheading. The one reading of that notation, for the config's `sections`
 * (here, below the issue model), the model, and the lint rule that checks
 * one against the other.
 */
export const SECTION_SEPARATOR = ' / ';

/** `"A / B"` → `["A", "B"]`: parts trimmed, empty parts dropped. */
export function splitSectionPath(section: string): string[] {
  return section
    .split(SECTION_SEPARATOR)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** `["A", "B"]` → `"A / B"`. */
export function joinSectionPath(parts: readonly string[]): string {
  return parts.join(SECTION_SEPARATOR);
}
