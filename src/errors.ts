/**
 * Errors in *use* (a bad flag, a broken config, an unreadable directory).
 * Problems in *content* are never thrown: they are lint messages.
 *
 * Only the CLI entry point prints these and turns them into an exit code.
 */
/** 1 the content, 2 its use, 74 an output that could not be written (sysexits' EX_IOERR, as io.ts exits when stdout fails). */
export type ExitCode = 1 | 2 | 74;

export interface PaperboyErrorOptions {
  /** What the user can do about it, with an example. */
  hint?: string;
  cause?: unknown;
  /** 2 (usage or configuration) unless the failure is about the content (1) or writing an output (74). */
  exitCode?: ExitCode;
}

export class PaperboyError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly exitCode: ExitCode;

  constructor(code: string, message: string, options: PaperboyErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PaperboyError';
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 2;
  }
}

export function isPaperboyError(error: unknown): error is PaperboyError {
  return error instanceof PaperboyError;
}

/** A PaperboyError's fields as plain data: what survives a copy its class would not (between processes, into a JSON cache). */
export interface PaperboyErrorFields {
  code: string;
  message: string;
  hint: string | undefined;
  exitCode: ExitCode;
}

export function errorFields(error: PaperboyError): PaperboyErrorFields {
  return { code: error.code, message: error.message, hint: error.hint, exitCode: error.exitCode };
}

/** The PaperboyError `errorFields` copied, as it was. */
export function errorFromFields(fields: PaperboyErrorFields): PaperboyError {
  return new PaperboyError(fields.code, fields.message, { hint: fields.hint, exitCode: fields.exitCode });
}

/** The code of the error a file changed under paperboy raises: its bytes are not the hash it was read with (`knownIssueSource`, `replaceEditedFile`). */
export const FILE_CHANGED = 'ISSUE_CHANGED_WHILE_READ';
