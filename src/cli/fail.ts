// How every CLI command ends on failure: an expected error (one carrying a code from
// src/shared/errors.ts, such as DataError's bad_data or ConfigError's bad_config) prints as
// one `sweeplab: <message>` line; anything else is a bug and prints its stack. Exit code 1.
import { toAppError } from '../shared/errors.ts';

export function failWith(err: unknown): never {
  const appError = toAppError(err);
  if (appError.code !== 'internal') {
    process.stderr.write(`sweeplab: ${appError.message}\n`);
  } else {
    const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`sweeplab: unexpected error (a bug; please report it):\n${text}\n`);
  }
  process.exit(1);
}
