// Every failure a user can meet is one of these: typed, with a stable code, and naming the design or file it concerns.

export type ErrorCode =
  | 'BAD_IMAGE' // unreadable, unsupported or refused image
  | 'IMAGE_LIMIT' // image over the size limits
  | 'NO_BROWSER' // no Chromium found or it cannot start
  | 'NO_PROVIDER' // no usable model provider (no key for a remote one, or the local engine missing)
  | 'RENDER_TIMEOUT' // a component exceeded its render deadline
  | 'RENDER_ERROR' // the component failed to bundle or threw while rendering
  | 'PROVIDER' // the model service refused or failed
  | 'INCOMPLETE_REPLY' // the model's answer is cut off or empty
  | 'POLICY' // generated code broke the safety policy
  | 'FORMAT' // Prettier could not format the code
  | 'WRITE' // the component could not be written safely
  | 'CONFIG' // bad configuration or arguments
  | 'ABORTED'; // superseded by a newer save of the same design

/** A design's result carries one of these: a Ui2CodeError's code, or INTERNAL for anything unexpected. */
export type ResultErrorCode = ErrorCode | 'INTERNAL';

/** The error of a run that a newer save of its design made stale. */
export const abortedError = (file: string) => new Ui2CodeError('ABORTED', 'superseded by a newer save of the design', { file });

export class Ui2CodeError extends Error {
  readonly code: ErrorCode;
  /** The design or file the error is about, when there is one. */
  readonly file?: string;

  constructor(code: ErrorCode, message: string, options: { file?: string; cause?: unknown } = {}) {
    super(options.file ? `${options.file}: ${message}` : message, { cause: options.cause });
    this.name = 'Ui2CodeError';
    this.code = code;
    this.file = options.file;
  }
}

export function isUi2CodeError(error: unknown, code?: ErrorCode): error is Ui2CodeError {
  return error instanceof Ui2CodeError && (code === undefined || error.code === code);
}

/** The message to show a user: our own errors as they are, anything else with its name. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
