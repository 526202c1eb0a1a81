/**
 * Where in its template a tag of a rendered page was written, so that an
 * HTML mistake found in the page (template-html.ts) is said at the
 * template's line and column rather than at the file as a whole.
 *
 * Handlebars keeps no map from its output back to the template (its source
 * maps are of the compiled JavaScript), so the place is found by the text:
 * the tag at `offset` (from its `<` to its `>`) is looked for in every
 * template the page is rendered with, and widened, first with the page's
 * text before it, then after, until it is written in exactly one place.
 * The tag must be the template's own text: one that a `{{…}}` wrote, or
 * whose attributes one wrote, is in no template, and so is not placed.
 */

/** A template's name and text. */
export interface TemplateText {
  name: string;
  text: string;
}

/** A place in a template: line and column from 1, the column in UTF-16 units, as Handlebars' own messages count. */
export interface TemplatePlace {
  name: string;
  line: number;
  column: number;
}

/** The longest stretch of page text tried, in UTF-16 units: a tag and two lines of context about it. */
const MAX_SNIPPET = 400;

/**
 * Where the tag of `page` holding `offset` (UTF-16 units from its start) is
 * written among `templates`: the place of its `<`, or undefined when the
 * tag is written in none of them, or the text about it is written alike
 * in several places.
 */
export function tagPlace(page: string, offset: number, templates: readonly TemplateText[]): TemplatePlace | undefined {
  const start = page.lastIndexOf('<', offset);
  const close = page.indexOf('>', offset);
  if (start === -1 || close === -1 || page.lastIndexOf('>', offset - 1) > start) return undefined;
  const end = close + 1;
  let [from, to] = [start, end];
  // Wider to the left while the text is still written somewhere, then to the right.
  for (const side of ['left', 'right'] as const) {
    while (to - from <= MAX_SNIPPET) {
      const found = occurrences(page.slice(from, to), templates);
      if (found.length === 1) return placeOf(found[0]!, start - from);
      if (found.length === 0) {
        if (side === 'right' || from === start) return undefined;
        from += 1;
        break;
      }
      if (side === 'left' && from > 0) from -= 1;
      else if (side === 'right' && to < page.length) to += 1;
      else break;
    }
  }
  return undefined;
}

/** Where `snippet` is written among `templates`, at most two places (two is enough to know it is not one). */
function occurrences(snippet: string, templates: readonly TemplateText[]): { template: TemplateText; index: number }[] {
  const found: { template: TemplateText; index: number }[] = [];
  for (const template of templates) {
    for (let index = template.text.indexOf(snippet); index !== -1 && found.length < 2; index = template.text.indexOf(snippet, index + 1)) found.push({ template, index });
    if (found.length >= 2) break;
  }
  return found;
}

function placeOf({ template, index }: { template: TemplateText; index: number }, tagFromStart: number): TemplatePlace {
  const at = index + tagFromStart;
  const lineStart = template.text.lastIndexOf('\n', at - 1) + 1;
  const line = template.text.slice(0, at).split('\n').length;
  return { name: template.name, line, column: at - lineStart + 1 };
}
