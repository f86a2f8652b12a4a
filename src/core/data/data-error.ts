// The one error the data layer throws: bad or missing dataset files, as data that can cross
// a process boundary ({ code, message, details }). Not for bugs: those stay plain Errors.

export interface DataErrorDetails {
  /** The file, folder or archive entry at fault, as the user would recognise it. */
  file?: string;
}

export class DataError extends Error {
  readonly code = 'bad_data' as const;
  readonly details: DataErrorDetails;

  /** `message` must name the file and say what is wrong with it. */
  constructor(message: string, details: DataErrorDetails = {}) {
    super(message);
    this.name = 'DataError';
    this.details = details;
  }

  /** The usual shape: "<file>: <problem>". */
  static about(file: string, problem: string): DataError {
    return new DataError(`${file}: ${problem}`, { file });
  }
}

export function isDataError(err: unknown): err is DataError {
  return err instanceof DataError;
}
