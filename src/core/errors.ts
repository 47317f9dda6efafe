/** An error kcs reports as one line on stderr, with the exit status it maps to. */
export class KcsError extends Error {
  /** The AWS error code behind it, when AWS refused (a fleet run reports it per account and Region). */
  awsCode?: string;
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Bad flags or input: nothing was changed. */
export class UsageError extends KcsError {}

/** Ctrl-C. */
export class InterruptedError extends KcsError {
  constructor() {
    super("Interrupted.", 130);
  }
}
