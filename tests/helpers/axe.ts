import axe from 'axe-core';
import type { Page } from 'playwright-core';

/**
 * axe-core (Deque's accessibility rules engine, as browsers' developer
 * tools and Lighthouse run it) inside a page of Chromium: the rules of
 * WCAG 2.0 and 2.1, levels A and AA, and nothing else (no "best
 * practice" rules, no AAA).
 */
/** axe-core's bundle as text, to evaluate in the page (`axe.source`, as its README shows for drivers). */
const AXE_SOURCE = axe.source;

/** axe's tags for the success criteria checked: WCAG 2.0 and 2.1, A and AA. */
const WCAG_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

/**
 * axe's "best practice" rules of a page's structure, run besides: the
 * archive promises landmarks and one h1 (WCAG's 1.3.1 and 2.4.1 allow
 * pages without them; readers of screen readers move by them).
 */
const STRUCTURE_RULES = [
  'landmark-one-main',
  'landmark-main-is-top-level',
  'landmark-no-duplicate-banner',
  'landmark-no-duplicate-contentinfo',
  'landmark-no-duplicate-main',
  'landmark-unique',
  'region',
  'page-has-heading-one',
] as const;

/**
 * A rule that is wrong for some elements: `selector` names them (CSS, as
 * `Element.matches` reads it), `why` says what the rule gets wrong there.
 * Each exemption is for that rule and those elements only.
 */
export interface Exemption {
  rule: string;
  selector: string;
  why: string;
}

/** One element that breaks one rule: `rule` (axe's id), `impact`, `target` (axe's selector for it), `summary` (what is wrong, axe's words). */
export interface Violation {
  rule: string;
  impact: string;
  target: string;
  summary: string;
}

/**
 * Every element of the page, as it is now (after the reader's scheme,
 * width and actions), that breaks a WCAG 2.0/2.1 A or AA rule or one of
 * `STRUCTURE_RULES`, less the `exemptions`. Works with the page's own scripts disabled (Playwright's
 * evaluation is not a page script).
 */
export async function axeViolations(page: Page, exemptions: readonly Exemption[] = []): Promise<Violation[]> {
  return page.evaluate(
    async ({ source, tags, structure, exemptions }) => {
      // axe-core's bundle defines `window.axe` when evaluated as a script (it is not a module).
      (0, eval)(source);
      const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeResult[] }> } }).axe;
      interface AxeResult {
        id: string;
        impact: string | null;
        nodes: { target: string[]; failureSummary?: string; impact?: string | null }[];
      }
      const rules = Object.fromEntries(structure.map((rule) => [rule, { enabled: true }]));
      const { violations } = await axe.run(document, { runOnly: { type: 'tag', values: tags }, rules, resultTypes: ['violations'] });
      return violations.flatMap((violation) =>
        violation.nodes
          .filter((node) => {
            const element = node.target.length === 1 ? document.querySelector(node.target[0]!) : null;
            return !exemptions.some((exemption) => exemption.rule === violation.id && element?.matches(exemption.selector));
          })
          .map((node) => ({
            rule: violation.id,
            impact: node.impact ?? violation.impact ?? '',
            target: node.target.join(' '),
            summary: (node.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
          })),
      );
    },
    { source: AXE_SOURCE, tags: [...WCAG_A_AA], structure: [...STRUCTURE_RULES], exemptions: [...exemptions] },
  );
}
