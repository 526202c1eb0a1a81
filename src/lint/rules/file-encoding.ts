import { parseProblemRule } from './parse-problem.js';

/**
 * Issue files are UTF-8 text.
 *
 * not ok: a Latin-1 `é` (byte 0xE9); a NUL byte; a directory named `x.md`; an unreadable file.
 */
export default parseProblemRule('file-encoding', 'The file is readable UTF-8 text');
