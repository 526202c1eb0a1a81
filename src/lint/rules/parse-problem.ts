import type { ParseProblem } from '../../issue/parse.js';
import type { FileRule } from '../types.js';

/**
 * The problems the parser itself finds (it must stop or read leniently) are
 * reported through rules of the same id, so they can be configured like any
 * other rule.
 */
export function parseProblemRule(id: ParseProblem['ruleId'], doc: string): FileRule {
  return {
    id,
    severity: 'error',
    scope: 'file',
    sent: 'report',
    doc,
    check({ parsed, report }) {
      for (const problem of parsed.problems) {
        if (problem.ruleId === id) report({ message: problem.message, position: problem.position, ...(problem.fix ? { fix: problem.fix } : {}) });
      }
    },
  };
}
