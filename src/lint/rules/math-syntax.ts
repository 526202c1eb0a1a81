import type { InlineMath, Math } from 'mdast-util-math';
import type { MarkdownText } from '../../issue/model.js';
import { KATEX_BOUNDS } from '../../render/math.js';
import type { FileRule, FileRuleContext } from '../types.js';
import { nodesOfType, sourceOf, textsOf } from './markdown-texts.js';

/**
 * TeX between `$…$` or `$$…$$` is something KaTeX can typeset: the archive
 * typesets it with KaTeX, and an email shows the source a reader would have
 * to puzzle out anyway. KaTeX (loaded only for a text that has math) is the
 * judge, so the rule accepts exactly what the archive can show.
 *
 * ok:     `summary: "The loss $\\mathbb{E}_{x \\sim p}[f_i(x)]$ falls."`
 * not ok: `summary: "The loss $\\frac{1}{2$ falls."` → Unexpected TeX KaTeX cannot typeset (Expected '}', got 'EOF' at end of input), expected valid TeX
 * not ok: `summary: "See $\\href{https://example.org}{x}$."` → Unexpected TeX KaTeX cannot typeset (`\href` makes a link, HTML or an image, which the archive does not typeset in math), expected valid TeX
 * not ok: `summary: "It costs $5 or $10."` → Unexpected math `$5 or $` that reads as prices, expected a dollar that is text written as `\$`
 * not ok: `summary: "It costs $5 a month (in US$)."` → Unexpected math `$5 a month (in US$` that reads as prose, expected a dollar that is text written as `\$`
 * not ok: `summary: "The cost is $c = \\$5$ per query."` → Unexpected math `$c = \$` closed by the dollar of its `\$` (a backslash escapes no dollar inside math), expected the formula between double dollars: `$$c = \$5$$`
 * not ok: a `$$` line and no `$$` line after it → Unexpected display math opened by `$$` and never closed: it runs to the end of its text (or list item, quote), and the web page typesets what follows as a formula, its words run together, expected a `$$` line where the formula ends
 * not ok: a blank line between a `$$` line and the next → Unexpected blank line inside display math, which TeX refuses and the web page typesets as nothing (the lines on either side run together), expected a formula without blank lines, or two formulas
 *
 * Prices are told from math as Pandoc tells them: math neither starts nor
 * ends with a space, and its closing `$` is not followed by a digit. The
 * Markdown stays remark-math's (issue/markdown.ts), which takes both for
 * math: the web page would typeset `$5 to $10 million` as an italic "5to"
 * before "10 million". Past Pandoc's test, math that starts with a number
 * and holds words (`$5 a month (in US$`) is prose too.
 */

type Katex = typeof import('katex').default;
let katex: Katex | undefined;

/** KaTeX's complaint about `tex`, with its offset in `tex` when KaTeX gives one; undefined for valid TeX. */
function katexProblem(renderer: Katex, tex: string, displayMode: boolean): { message: string; offset?: number } | undefined {
  try {
    // The archive's KaTeX trusts no command that makes a link, HTML or an image (\href, \url, \htmlClass,
    // \includegraphics: its `trust` option is off), and shows each as its source in red: asked, they are counted here.
    const untrusted: string[] = [];
    const trust = (context: { command: string }) => {
      untrusted.push(context.command);
      return false;
    };
    renderer.renderToString(tex, { ...KATEX_BOUNDS, displayMode, throwOnError: true, strict: 'ignore', trust });
    return untrusted.length === 0 ? undefined : { message: `\`${untrusted[0]}\` makes a link, HTML or an image, which the archive does not typeset in math` };
  } catch (error) {
    if (!(error instanceof renderer.ParseError)) throw error;
    const { rawMessage, position } = error as InstanceType<Katex['ParseError']> & { rawMessage: string; position?: number };
    return { message: rawMessage, ...(position === undefined ? {} : { offset: position }) };
  }
}

/**
 * Inline math that is more likely two prices (`$5 or $10`) than a formula:
 * a digit right after its closing dollar, or a space inside either of its
 * single dollars as written (`$ 5 and $`; the parser strips one from each
 * side, so the value alone does not show it). Pandoc reads neither as math.
 */
function readsAsPrices(text: MarkdownText, node: InlineMath): boolean {
  const after = text.text[node.position?.end.offset ?? -1] ?? '';
  // One dollar each side: `$$ x + y $$` is math written with room, as display math often is.
  const inside = /^\$(?!\$)([^]*)\$$/.exec(sourceOf(text, node))?.[1] ?? '';
  return /^\s|\s$/.test(inside) || /\d/.test(after);
}

/**
 * Words a formula writes in plain letters: function names TeX also has as
 * commands (`$4 log n$`, `$2 sin x$`) and units (`$5 cm$`, `$3 GHz$`).
 */
const MATH_WORDS = new Set(
  [
    ...['arg', 'cos', 'cosh', 'cot', 'csc', 'deg', 'det', 'dim', 'exp', 'gcd', 'inf', 'ker', 'lg', 'lim', 'ln', 'log', 'max', 'min', 'mod', 'sec', 'sin', 'sinh', 'sup', 'tan', 'tanh', 'Pr'],
    ...['mm', 'cm', 'km', 'kg', 'mg', 'ms', 'ns', 'us', 'Hz', 'kHz', 'MHz', 'GHz', 'KB', 'MB', 'GB', 'TB', 'KiB', 'MiB', 'GiB', 'TiB', 'bit', 'bits', 'mol', 'kWh'],
  ],
);

/**
 * The words of two letters or more in `tex` that are not `MATH_WORDS`: what
 * prose has between a price's dollars (`$5 to`, `$3 million and`) and a
 * formula, whose variables are one letter each (`$5x + 3$`) and whose words
 * are commands (`\sin`, `\text{ and }`), has not.
 */
function proseWords(tex: string): string[] {
  return [...tex.matchAll(/(?<![\p{L}\d])\p{L}{2,}(?![^\s\p{P}])/gu)].map((match) => match[0]).filter((word) => !MATH_WORDS.has(word));
}

/** TeX's own syntax (a command, a group, a script), an equation or an inequality, a sum: a formula, whatever words it holds. */
const FORMULA_SYNTAX = /[\\{}^_=<>+]/;

/**
 * Inline math that starts with a digit and reads as prose: a price, its
 * dollar taken to open math by a later one (`$5 a month (in US$)`), that
 * Pandoc's test (`readsAsPrices`) lets by because nothing touches the
 * closing dollar. Two words make prose: one may be a formula's
 * (`$0 otherwise$`, `$5 cm$`). Not `$5x + 3$`, `$10^6$`, `$2 \text{ and } 3$`,
 * `$1 if x > 0$`.
 */
function readsAsProse(node: InlineMath): boolean {
  return /^\d/.test(node.value) && !FORMULA_SYNTAX.test(node.value) && proseWords(node.value).length >= 2;
}

/** What makes inline math read as text with dollars in it rather than a formula: its message's words; undefined for a formula. */
function readsAsText(text: MarkdownText, node: InlineMath | Math): string | undefined {
  if (node.type !== 'inlineMath') return undefined;
  if (readsAsPrices(text, node)) return 'prices';
  return readsAsProse(node) ? 'prose' : undefined;
}

/**
 * The formula the writer meant, between double dollars, when inline math
 * between single dollars ends in a backslash: its closing `$` was meant as
 * TeX's `\$`, which micromark-extension-math does not read as an escape
 * (inside math, as inside code, a backslash escapes nothing), so the math
 * ended there. Between `$$…$$` a lone `$` closes nothing, and KaTeX
 * typesets `\$` as a dollar. `''` when the meant formula cannot be told (no
 * later dollar in its paragraph); undefined when the math ends otherwise.
 */
function meantWithEscapedDollar(text: MarkdownText, node: InlineMath | Math): string | undefined {
  if (node.type !== 'inlineMath' || !/(?<!\\)(?:\\\\)*\\$/.test(node.value)) return undefined;
  const { start, end } = node.position ?? {};
  if (start?.offset === undefined || end?.offset === undefined || sourceOf(text, node).startsWith('$$')) return undefined;
  const close = text.text.indexOf('$', end.offset);
  const meant = close === -1 ? '' : text.text.slice(start.offset + 1, close);
  return meant === '' || meant.includes('\n\n') ? '' : `$$${meant}$$`;
}

/**
 * What is wrong with the shape of display math, undefined for none:
 * `unclosed`, a `$$` line with no `$$` line after it in its container, which
 * micromark-extension-math (as a code fence) runs to the container's end,
 * so the prose after it is typeset as one formula on the web page (KaTeX
 * drops its spaces: "Moretextafter"); `blank line`, a blank line inside it,
 * which TeX refuses and KaTeX typesets as nothing, the lines on either side
 * run together. The email shows the TeX as written either way, so an editor
 * reading it sees nothing amiss.
 */
function displayMathShape(text: MarkdownText, node: InlineMath | Math): 'unclosed' | 'blank line' | undefined {
  if (node.type !== 'math') return undefined;
  const lines = sourceOf(text, node).split('\n');
  const fence = /^\$+/.exec(lines[0]!.trimStart())?.[0].length ?? 2;
  // The closing line as written inside its container: a quote's `>` and a list item's indentation before the dollars.
  const closing = /^[\s>]*(\$+)\s*$/.exec(lines.length > 1 ? lines.at(-1)! : '');
  if (!closing || closing[1]!.length < fence) return 'unclosed';
  return /\n[ \t]*\n/.test(node.value) ? 'blank line' : undefined;
}

const DISPLAY_MATH_MESSAGES = {
  unclosed:
    'Unexpected display math opened by `$$` and never closed: it runs to the end of its text (or list item, quote), and the web page typesets what follows as a formula, its words run together, expected a `$$` line where the formula ends',
  'blank line': 'Unexpected blank line inside display math, which TeX refuses and the web page typesets as nothing (the lines on either side run together), expected a formula without blank lines, or two formulas',
};

function checkFormula(context: FileRuleContext, renderer: Katex, text: MarkdownText, node: InlineMath | Math): void {
  const shape = displayMathShape(text, node);
  if (shape !== undefined) {
    const start = node.position?.start.offset ?? 0;
    context.report({ message: DISPLAY_MATH_MESSAGES[shape], position: context.textPosition(text, start, start + 2) });
    return;
  }
  const meant = meantWithEscapedDollar(text, node);
  if (meant !== undefined) {
    context.report({
      message: `Unexpected math \`${sourceOf(text, node)}\` closed by the dollar of its \`\\$\` (a backslash escapes no dollar inside math), expected the formula between double dollars${meant === '' ? ' (`$$…\\$…$$`)' : `: \`${meant}\``}`,
      position: context.nodePosition(text, node),
    });
    return;
  }
  const reads = readsAsText(text, node);
  if (reads !== undefined) {
    context.report({
      message: `Unexpected math \`${sourceOf(text, node)}\` that reads as ${reads}, expected a dollar that is text written as \`\\$\``,
      position: context.nodePosition(text, node),
    });
    return;
  }
  const problem = katexProblem(renderer, node.value, node.type === 'math');
  if (!problem) return;
  // The TeX as written inside its dollars; its offset places KaTeX's column.
  const start = node.position?.start.offset ?? 0;
  const at = sourceOf(text, node).indexOf(node.value);
  // An error at the end of the input (an unclosed brace) spans the formula.
  const position =
    at === -1 || problem.offset === undefined || problem.offset >= node.value.length
      ? context.nodePosition(text, node)
      : context.textPosition(text, start + at + problem.offset, start + at + problem.offset + 1);
  context.report({ message: `Unexpected TeX KaTeX cannot typeset (${problem.message}), expected valid TeX`, position });
}

const rule: FileRule = {
  id: 'math-syntax',
  severity: 'warning',
  scope: 'file',
  sent: 'report',
  doc: 'Math between dollars is TeX that KaTeX can typeset',
  async check(context) {
    for (const text of textsOf(context.issue)) {
      const formulas = [...nodesOfType(text, 'inlineMath'), ...nodesOfType(text, 'math')];
      if (formulas.length === 0) continue;
      katex ??= (await import('katex')).default;
      for (const node of formulas) checkFormula(context, katex, text, node);
    }
  },
};
export default rule;
