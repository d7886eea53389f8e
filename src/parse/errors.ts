// Errors that reach the user as one line ("file:line: message"), exit status 2, no stack trace.

export class InputError extends Error {
  constructor(
    readonly source: string,
    /** 1-based line, 0 when the problem is the file as a whole */
    readonly line: number,
    readonly detail: string,
  ) {
    super(line > 0 ? `${source}:${line}: ${detail}` : `${source}: ${detail}`);
    this.name = 'InputError';
  }
}

/** A command-line mistake (unknown interface name, bad flag value). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
