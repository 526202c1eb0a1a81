import { closest } from '../../diagnostics/did-you-mean.js';
import type { FileRule } from '../types.js';
import { joinSectionPath as joinSection, splitSectionPath as splitSection } from '../../config/section-path.js';

/**
 * When the config lists `sections`, every paper's section is one of them (or
 * the top-level part of one): a typo would open a stray heading.
 *
 * ok:     `section: Technical alignment / Interpretability`, or `section: Technical alignment`
 * not ok: `section: Technical alignment / Interpretabilty` → Unexpected section `Technical alignment / Interpretabilty`, expected `Technical alignment / Interpretability`
 * not ok: `section: Interpretability` → Unexpected section `Interpretability`, expected `Technical alignment / Interpretability`
 */
const rule: FileRule = {
  id: 'section-known',
  severity: 'error',
  scope: 'file',
  sent: 'advice',
  doc: "Each paper's section is one of the config's `sections`",
  inputs: { config: ['sections'] },
  check({ config, issue, parsed, report }) {
    if (!config.sections || !issue) return;
    const configured = config.sections.map(splitSection);
    const known = new Set(configured.flatMap((parts) => parts.map((_, i) => joinSection(parts.slice(0, i + 1)))));
    const full = configured.map(joinSection);
    for (const paper of issue.papers) {
      if (paper.section.length === 0) continue;
      const section = joinSection(paper.section);
      if (known.has(section)) continue;
      report({
        message: `Unexpected section \`${section}\`, ${suggestion(section, [...known], full)}`,
        position: parsed.locate(['papers', paper.index, 'section']),
      });
    }
  },
};
export default rule;

function lastPart(section: string): string {
  return splitSection(section).at(-1) ?? section;
}

/** A typo of a known section, else the configured path whose last part the name (nearly) is, else the list. */
function suggestion(section: string, known: readonly string[], full: readonly string[]): string {
  const byLastPart = closest(lastPart(section), full.map(lastPart));
  const match = closest(section, known) ?? full.find((path) => byLastPart !== undefined && lastPart(path) === byLastPart);
  return match ? `expected \`${match}\`` : `expected one of the config's \`sections\`: ${full.map((path) => `\`${path}\``).join(', ')}`;
}
