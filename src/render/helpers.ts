import type Handlebars from 'handlebars';
import { counted } from './format.js';
import { TEXT_WIDTH } from './text-parts.js';
import { formatHeading, wrapText } from './text/index.js';

type HelperOptions = Handlebars.HelperOptions;

/**
 * Every helper the templates can use, registered on each template set. The
 * text helpers lay out plain strings (titles, metadata lines) exactly as the
 * plaintext renderer lays out Markdown: by display width, at 72 columns.
 *
 *     {{#if (eq depth 1)}}…{{/if}}       equality
 *     {{join tags ", "}}                  a list as one string
 *     {{concat "H/T " via}}               strings (and numbers) joined
 *     {{counted paperCount "paper"}}      a count and its noun, "1 paper", "2 papers" (a template writing
 *                                         "{{n}} papers" says "1 papers"); an irregular plural as a third
 *                                         argument: {{counted n "summary" "summaries"}}
 *     {{heading issue.title 1}}           a title, wrapped and underlined (`=` for 1, `-` for 2, `###` deeper)
 *     {{wrap authorsLine indent="  "}}    a line wrapped at 72 columns; `hang` indents the following lines;
 *                                         `noOrphan=true` never leaves a word alone on the last line
 *     {{rule}}                            a separator line (`-` by default, 72 wide)
 */
export function registerHelpers(env: typeof Handlebars): void {
  env.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  env.registerHelper('join', (list: unknown, separator: unknown) =>
    Array.isArray(list) ? list.join(typeof separator === 'string' ? separator : ', ') : '',
  );
  // The last argument of a helper is Handlebars' options object.
  env.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).join(''));
  env.registerHelper('counted', (count: unknown, noun: unknown, ...rest: unknown[]) =>
    counted(Number(count), String(noun), typeof rest[0] === 'string' ? rest[0] : undefined),
  );
  env.registerHelper('heading', (text: unknown, depth: unknown) => formatHeading(String(text ?? ''), typeof depth === 'number' ? depth : 1, TEXT_WIDTH));
  env.registerHelper('wrap', (text: unknown, options: HelperOptions) => {
    const indent = stringOption(options, 'indent');
    return wrapText(String(text ?? ''), TEXT_WIDTH, {
      initialIndent: indent,
      subsequentIndent: stringOption(options, 'hang') ?? indent,
      noOrphan: options.hash.noOrphan === true,
    });
  });
  env.registerHelper('rule', (...args: unknown[]) => {
    const character = typeof args[0] === 'string' ? args[0] : '-';
    return character.repeat(TEXT_WIDTH);
  });
}

function stringOption(options: HelperOptions, name: string): string | undefined {
  const value: unknown = options.hash[name];
  return typeof value === 'string' ? value : undefined;
}
