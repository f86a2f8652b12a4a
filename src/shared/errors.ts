// Errors as data: the closed set of codes that may cross a boundary (IPC, worker, HTTP, CLI
// exit) and the plain `{ code, message, details? }` shape they travel in. Plus ConfigError,
// the thrown form of `bad_config`. Other thrown forms (e.g. the data layer's `bad_data`) live
// beside the code that throws them; this file only fixes the vocabulary.

export const ERROR_CODES = ['bad_config', 'bad_data', 'diverged', 'aborted', 'io', 'internal'] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** What crosses a boundary. `details` must survive structured clone and JSON. */
export interface AppError {
  code: ErrorCode;
  message: string;
  details?: Readonly<Record<string, unknown>>;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** A run configuration (file, preset id, CLI flags, IPC payload) that cannot be used as given. */
export class ConfigError extends Error {
  readonly code = 'bad_config' as const;
  readonly details?: Readonly<Record<string, unknown>>;

  constructor(message: string, details?: Readonly<Record<string, unknown>>) {
    super(message);
    this.name = 'ConfigError';
    this.details = details;
  }
}

/**
 * Flattens anything thrown into an AppError. Errors that carry a known `code` keep it (so
 * ConfigError and the data layer's error need no registration here); anything else is
 * `internal`, because an error nobody classified is a bug, not a user mistake.
 */
export function toAppError(thrown: unknown): AppError {
  if (thrown instanceof Error) {
    const { code, details } = thrown as Error & { code?: unknown; details?: unknown };
    const known = isErrorCode(code);
    const error: AppError = { code: known ? code : 'internal', message: thrown.message };
    if (known && isPlainRecord(details)) error.details = details;
    return error;
  }
  return { code: 'internal', message: String(thrown) };
}

function isPlainRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
