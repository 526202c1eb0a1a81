/**
 * Template text that writes the keys of the view's object at `path`
 * (`sections[].papers[]`: each paper of each section), in a
 * `<p data-path="…">`: `{{#each}}` over an object gives its keys, one whose
 * value is undefined too. What the tests of docs/web-templates.md and
 * docs/email-templates.md render to hold each documented table against the
 * view a template really gets.
 */
export function keysAt(path: string): string {
  let open = '';
  let close = '';
  for (const part of path === '' ? [] : path.split('.')) {
    const list = part.endsWith('[]');
    open += list ? `{{#each ${part.slice(0, -2)}}}` : `{{#with ${part}}}`;
    close = (list ? '{{/each}}' : '{{/with}}') + close;
  }
  return `<p data-path="${path}">${open}{{#each this}}{{@key}} {{/each}}${close}</p>\n`;
}
