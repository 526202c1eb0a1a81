/**
 * Errors of writing, not of the path (write(2), fsync(2): the disk full, a
 * quota used up, an I/O error, a file too large): what the user changes is
 * the disk, not the command. sysexits' EX_IOERR (74) is their exit code.
 */
const WRITE_FAILURES = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EFBIG']);

/** Whether `code` (an errno code) is a failure of writing (`WRITE_FAILURES`) rather than of the path. */
export function isWriteFailure(code: string): boolean {
  return WRITE_FAILURES.has(code);
}

/** Whether `code` says the disk has no room left for this user (ENOSPC, EDQUOT): freeing some is the fix. */
export function isNoRoom(code: string): boolean {
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/**
 * A failure of writing (`WRITE_FAILURES`, or any other errno code) in the
 * user's words with its code: `the disk is full (ENOSPC)`; the code alone
 * for one without words.
 */
export function writeFailureWords(code: string): string {
  const known = WRITE_FAILURE_WORDS[code];
  return known === undefined ? code : `${known} (${code})`;
}

const WRITE_FAILURE_WORDS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'your disk quota is used up',
  EIO: 'the disk reported an input/output error',
  EFBIG: 'the file is larger than this file system allows',
};
