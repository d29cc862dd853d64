/** Exit codes shared by every command: 0 ok, 1 a check failed, 2 could not run. */
export const EXIT_OK = 0;
export const EXIT_CHECK_FAILED = 1;
export const EXIT_COULD_NOT_RUN = 2;

/**
 * An error meant for the user: one sentence saying what is wrong, and a hint saying how to fix it.
 * Anything thrown that is not a SessionlabError is a bug and still exits 2, never 0 or 1.
 */
export class SessionlabError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly exitCode: number = EXIT_COULD_NOT_RUN,
    readonly details?: string[],
  ) {
    super(message);
    this.name = "SessionlabError";
  }
}

export function isSessionlabError(e: unknown): e is SessionlabError {
  return e instanceof SessionlabError;
}

/** Raised when the user pressed Ctrl-C; commands clean up and exit 130. */
export class InterruptedError extends Error {
  constructor() {
    super("interrupted");
    this.name = "InterruptedError";
  }
}
