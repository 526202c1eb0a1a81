import { Parser } from 'htmlparser2';
import { placeAt } from './template-errors.js';
import { BUILTIN_TEMPLATES_DIR } from './template-files.js';
import type { TemplateSet } from './templates.js';
import { declarations } from './css-visibility.js';
import type { HtmlElement } from './visible-html.js';

/**
 * Where in a newsletter's own templates a required-footer error points
 * (required-footer.ts): the email is checked as rendered, but the reader of
 * the message fixes a template, most often their own footer, not the
 * built-in `email.html.hbs` around it. Only the files of their
 * `templatesDir` that the part's template reads are searched; a mistake
 * found in none of them (in a built-in template, or written where this
 * cannot match it) gets no place, and the message names the part's
 * template as before.
 */

/** A place in a template file: lines and columns from 1. */
export interface FilePlace {
  file: string;
  line: number;
  column: number;
}

/** What to look for: the start tag of an element of the output, a field's mustache (`links.unsubscribe`), or neither (the override's first line). */
export type FooterTarget = { element: HtmlElement } | { field: string };

/**
 * The place of `target` in the overrides `template` (`email.html`,
 * `email.txt`) reads: the first start tag written as the element was
 * (its name, and each attribute as written, a mustache standing for any
 * text; a style's declarations among the element's, which inlined CSS may
 * have added to: `startTagOffset`), or the first mustache naming the field. Failing that,
 * the first line of the override of the part's footer partial, else of
 * the template itself, when the newsletter has one; undefined otherwise.
 */
export function overridePlace(templates: TemplateSet, template: string, target: FooterTarget | undefined): FilePlace | undefined {
  const overrides = [...templates.reads([template])]
    .sort()
    .map((name) => ({ name, file: templates.files.get(name) }))
    .filter((entry): entry is { name: string; file: string } => entry.file !== undefined && !entry.file.startsWith(BUILTIN_TEMPLATES_DIR));
  for (const { name, file } of target ? overrides : []) {
    // The text the email was rendered from, not the file again (an edit since would move the place).
    const source = templates.texts.get(name);
    if (source === undefined) continue;
    const offset = 'element' in target! ? startTagOffset(source, target.element) : fieldOffset(source, target!.field);
    if (offset !== undefined) return { file, ...placeAt(source, offset) };
  }
  const flavour = template.slice(template.lastIndexOf('.'));
  const whole = overrides.find(({ name }) => name === `partials/footer${flavour}`) ?? overrides.find(({ name }) => name === template);
  return whole && { file: whole.file, line: 1, column: 1 };
}

/**
 * Where `source` writes the start tag of `element`, as `overridePlace`
 * says: of the tags that match, the one that says the most of it (a bare
 * `<div>` matches any div), the first of those.
 */
function startTagOffset(source: string, element: HtmlElement): number | undefined {
  let found: { offset: number; said: number } | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name !== element.name) return;
        const said = attributesSaid(attributes, element.attributes);
        if (said !== undefined && said > (found?.said ?? -1)) found = { offset: parser.startIndex, said };
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(source);
  return found?.offset;
}

/**
 * How many attributes (a style's declarations each) written (`written`,
 * mustaches and all) the output's (`rendered`) has as written; undefined
 * when one of them differs. `class`, which inlining may drop, is not
 * compared.
 */
function attributesSaid(written: Readonly<Record<string, string>>, rendered: Readonly<Record<string, string>>): number | undefined {
  let said = 0;
  for (const [name, value] of Object.entries(written)) {
    // A mustache in an attribute's name (`{{#if x}}hidden{{/if}}`) is not judged.
    if (name === 'class' || name.includes('{')) continue;
    const output = rendered[name];
    if (output === undefined) return undefined;
    const matched = name === 'style' ? declarationsWithin(value, output) : matchesWritten(value, output) ? 1 : undefined;
    if (matched === undefined) return undefined;
    said += matched;
  }
  return said;
}

/** How many declarations of the style written are in the output's, each value as written unless it holds a mustache; undefined when one is not. */
function declarationsWithin(written: string, rendered: string): number | undefined {
  const output = declarations(rendered);
  let said = 0;
  for (const [property, value] of declarations(written)) {
    if (property.includes('{')) continue;
    const shown = output.get(property);
    if (shown === undefined || (!value.includes('{{') && normal(shown) !== normal(value))) return undefined;
    said++;
  }
  return said;
}

/** Whether `output` is what `written` renders to, a mustache standing for any text. */
function matchesWritten(written: string, output: string): boolean {
  const parts = written.split(/\{\{\{?[\s\S]*?\}?\}\}/);
  const pattern = parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*?');
  return new RegExp(`^${pattern}$`).test(output);
}

function normal(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Where `source` writes a mustache naming `field` (`{{links.unsubscribe}}`, `{{{newsletter.postalAddress}}}`, `{{wrap newsletter.postalAddress}}`). */
function fieldOffset(source: string, field: string): number | undefined {
  const escaped = field.replace(/\./g, '\\.');
  const match = new RegExp(`\\{\\{\\{?[^}]*?(?<![\\w.])${escaped}(?![\\w.])`).exec(source);
  return match?.index;
}
