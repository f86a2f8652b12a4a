// Paths to CIFAR-10 data for tests: the committed 100-records-per-file slice, and the full
// dataset in the workspace when it is there (../shared/cifar-10-batches-bin beside the repo).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** test/fixtures/cifar-10-batches-bin: the first 100 records of each batch file (see its README). */
export const FIXTURE_DATA_DIR = fileURLToPath(new URL('../fixtures/cifar-10-batches-bin', import.meta.url));

const shared = fileURLToPath(new URL('../../../shared/cifar-10-batches-bin', import.meta.url));
/** The full official dataset, or undefined on machines that do not have it. */
export const SHARED_DATA_DIR: string | undefined = existsSync(shared) ? shared : undefined;
