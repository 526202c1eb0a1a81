import type { PaperboyError } from '../errors.js';
import { templateError } from './template-errors.js';
import type { TemplateOutline, UnescapedMustache } from './template-outline.js';

/**
 * The fields of shape HTML (docs/web-templates.md, "Shapes") that are not
 * named `….html`: the page a layout wraps, and a paper page's footnotes.
 * Every other field is text, or a list or a mapping of texts.
 */
const HTML_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'web/layout.html': ['body'],
  'web/paper.html': ['footnotes'],
};

/**
 * Every mustache in triple braces (or `{{&…}}`) of an HTML template prints
 * a field of shape HTML: rendered, sanitized Markdown (`summary.html`) or
 * a page (`body`). Triple braces print text as it is, so a paper's title
 * written `Why <script>…</script> matters` would reach every subscriber's
 * email and the archive as a script (RELIABILITY: what a reader sees is
 * the text as written); Handlebars' own check does not know which fields
 * are text. Each other one is an error at its place, said through `say`
 * (which throws for a template a command reads). A helper's result in
 * triple braces (`{{{concat "<b>" title}}}`) is refused too: paperboy's
 * helpers return text. Plaintext templates (`.txt`) escape nothing anyway.
 */
export function checkUnescapedText(
  loaded: readonly { name: string; file: string; outline: TemplateOutline }[],
  say: (name: string, error: PaperboyError) => void,
): void {
  for (const { name, file, outline } of loaded) {
    if (name.endsWith('.txt')) continue;
    const html = HTML_FIELDS[name] ?? [];
    for (const mustache of outline.unescaped) {
      if (mustache.helper || !(mustache.written.endsWith('.html') || html.includes(mustache.written))) say(name, unescapedText(file, mustache, html));
    }
  }
}

/**
 * The rich texts of the views (docs/email-templates.md, docs/web-templates.md):
 * objects whose `html` is what triple braces print (`{{{summary.html}}}`),
 * and which print whole as "[object Object]".
 */
const RICH_TEXTS = new Set(['intro', 'outro', 'prerequisites', 'summary', 'opinion', 'notes', 'footnotes']);

function unescapedText(file: string, mustache: UnescapedMustache, html: readonly string[]): PaperboyError {
  const at = { line: mustache.loc.start.line, column: mustache.loc.start.column + 1 };
  const fields = ['`summary.html`', ...html.map((field) => `\`${field}\``)].join(', ');
  const { written } = mustache;
  const reason = mustache.helper
    ? `Unexpected triple braces around a helper's result, which is text printed without escaping (a \`<\` in it becomes a tag), expected double braces \`{{…}}\`, which escape it`
    : RICH_TEXTS.has(written.split(/[./]/).at(-1)!)
      ? `Unexpected \`{{{${written}}}}\`: \`${written}\` is a rich text, which prints as "[object Object]", expected \`{{{${written}.html}}}\` (its HTML, already sanitized)`
      : `Unexpected \`{{{${written}}}}\`: \`${written}\` is text, which triple braces print without escaping (a \`<\` in a title becomes a tag in every email and page), expected \`{{${written}}}\`; only HTML fields (${fields} and the other \`….html\`) take triple braces`;
  return templateError(file, at, reason, undefined);
}

/**
 * A helper that writes HTML (`{{isolate title}}`: a `<bdi>`;
 * `{{lineBreaks …}}`: `<br>`) inside a tag of an HTML template: an
 * attribute's value is text, so `alt="{{isolate title}}"` would show
 * "<bdi>…</bdi>" to a screen reader and in a tooltip. Each is an error at
 * its place, said through `say`, with the plain field to write there.
 */
export function checkHtmlInTags(loaded: readonly { name: string; file: string; outline: TemplateOutline }[], say: (name: string, error: PaperboyError) => void): void {
  for (const { name, file, outline } of loaded) {
    if (name.endsWith('.txt')) continue;
    for (const { helper, argument, loc } of outline.htmlInTags) {
      const at = { line: loc.start.line, column: loc.start.column + 1 };
      const writes = { isolate: 'a `<bdi>`', word: 'a `<span lang>` around a word left English among translated ones' }[helper] ?? '`<br>`';
      const instead = helper === 'word' ? `\`{{plainWord ${argument}}}\` there (the word, never marked)` : `\`{{${argument}}}\` there (the field itself, escaped)`;
      const reason = `Unexpected \`${helper}\` in an attribute: it writes HTML (${writes}), which an attribute shows as text, expected ${instead}; \`${helper}\` belongs in an element's text`;
      say(name, templateError(file, at, reason, undefined));
    }
  }
}

