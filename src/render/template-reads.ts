import type { TemplateOutline } from './template-outline.js';
import { PARTIALS } from './template-files.js';
import { append } from '../arrays.js';

/**
 * The templates that rendering `roots` (names in the set: `web/paper.html`)
 * can read: the roots themselves and every partial they can include,
 * through the partials those include. A call whose name is known only when
 * it runs (`{{> (lookup …)}}`, `{{> @partial-block}}`) may include any
 * partial, so a template that makes one reads them all. A call by a name
 * its own file defines inline (`{{#*inline "x"}}`) goes to that one.
 *
 * Why: a page's key holds what it reads of the templates (site-plan.ts);
 * holding every partial rewrote every page of the site after an edit of a
 * partial only the emails use (docs/commands.md, "A changed web template
 * rewrites the pages that use it").
 */
export function templatesRead(roots: readonly string[], outlines: ReadonlyMap<string, TemplateOutline>): Set<string> {
  const read = new Set<string>();
  const partials = [...outlines.keys()].filter((name) => name.startsWith(PARTIALS));
  const pending = roots.filter((name) => outlines.has(name));
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (read.has(name)) continue;
    read.add(name);
    const outline = outlines.get(name)!;
    for (const call of outline.partialCalls) {
      if (call.name === undefined) append(pending, partials);
      else if (!outline.inlinePartials.includes(call.name) && outlines.has(`${PARTIALS}${call.name}`)) pending.push(`${PARTIALS}${call.name}`);
    }
  }
  return read;
}
