import { parseProblemRule } from './parse-problem.js';

/**
 * Required keys, types, and no unknown keys (with a did-you-mean); the
 * issue number written as plain digits (src/issue/number-form.ts).
 *
 * ok:     `number: 42`
 * not ok: `sumary: x` → Unexpected key `sumary`, expected `summary`
 * not ok: `number: 1e3` → Unexpected `number` written as `1e3` (an exponent), expected plain digits: `number: 1000`
 */
export default parseProblemRule('frontmatter-schema', 'The frontmatter has the keys of docs/issue-format.md, with the right types, and the issue number in plain digits');
