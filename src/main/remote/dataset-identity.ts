// Which CIFAR-10 a run was meant for: the SHA-256 of the six batch files of a data source
// (folder or .tar.gz), sent with every run job, and the comparison a worker makes against its
// own copy before it trains anything. A differing or missing file names itself.
import { CIFAR_BATCH_FILES } from '../../core/data/cifar-binary.ts';
import { DataError } from '../../core/data/data-error.ts';
import type { DatasetIdentity } from '../../shared/remote-protocol.ts';
import { verifyArchive, verifyFolder } from '../data/checksums.ts';
import type { DataSource } from '../data/source.ts';

export async function datasetIdentityOf(source: DataSource): Promise<DatasetIdentity> {
  // The checksum walkers hash every file they find and compare with what they are given; an
  // empty expectation leaves the comparison to us.
  const wanted = new Map(CIFAR_BATCH_FILES.map((file) => [file, '']));
  const checks = source.kind === 'folder' ? await verifyFolder(source.path, wanted) : await verifyArchive(source.path, wanted);
  const identity: Record<string, string> = {};
  for (const check of checks) {
    if (check.status === 'missing') throw DataError.about(source.path, `${check.name} is missing`);
    identity[check.name] = check.sha256;
  }
  return identity as DatasetIdentity;
}

/** Why `ours` cannot train a run made for `theirs`, or undefined when they are the same data. */
export function datasetMismatch(ours: DatasetIdentity, theirs: DatasetIdentity, where: string): string | undefined {
  const differing = CIFAR_BATCH_FILES.filter((file) => ours[file] !== theirs[file]);
  if (differing.length === 0) return undefined;
  const first = differing[0];
  return `${where}: ${differing.join(', ')} ${differing.length === 1 ? 'differs' : 'differ'} from the coordinator's data ` +
    `(${first} has SHA-256 ${ours[first]}, the run expects ${theirs[first]})`;
}
