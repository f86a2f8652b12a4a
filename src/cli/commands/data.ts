// `sweeplab data fetch` and `sweeplab data check`: download, verify and inspect the CIFAR-10
// binary data. Only argument handling and printing live here; the work is in src/main/data.
import type { Command } from 'commander';
import { CIFAR_RECORD_BYTES } from '../../core/data/cifar-binary.ts';
import { assertAllMatch, readSha256Sums, SUMS_ENV_VAR, verifyArchive, verifyFolder, type FileCheck } from '../../main/data/checksums.ts';
import { CIFAR_URL, CIFAR_URL_ENV_VAR, cifarUrl, fetchTargetFor } from '../../main/data/fetch.ts';
import { dataPathFrom, DATA_ENV_VAR, describeOrigin, resolveDataSource } from '../../main/data/source.ts';
import { failWith } from '../fail.ts';
import { fetchWithProgress } from '../fetch-progress.ts';
import { count } from '../format.ts';

interface DataOptions { data?: string; sums?: string }

const DATA_HELP = `the cifar-10-batches-bin folder, its parent, or cifar-10-binary.tar.gz (default: $${DATA_ENV_VAR}, else the per-user data folder)`;
const SUMS_HELP = `SHA-256 sums to verify against, in sha256sum format (default: $${SUMS_ENV_VAR}, else the official sums shipped with Sweeplab)`;

export function registerDataCommands(program: Command): void {
  const data = program.command('data').description('download and verify the CIFAR-10 dataset (binary version)');

  data.command('fetch')
    .description('download the official CIFAR-10 binary archive, verify it, and extract it')
    .option('--data <dir>', `folder to put cifar-10-batches-bin/ in, or that folder itself (default: $${DATA_ENV_VAR}, else the per-user data folder)`)
    .option('--url <url>', `where to download the archive from: a mirror (http is accepted here, and the SHA-256 sums still decide; default: $${CIFAR_URL_ENV_VAR}, else the official ${CIFAR_URL})`)
    .option('--sums <file>', SUMS_HELP)
    .action(async (options: DataOptions & { url?: string }) => {
      try {
        await runFetch(options);
      } catch (err) {
        failWith(err);
      }
    });

  data.command('check')
    .description('verify a CIFAR-10 folder or archive against the SHA-256 sums and list what it holds')
    .option('--data <dir>', DATA_HELP)
    .option('--sums <file>', SUMS_HELP)
    .action(async (options: DataOptions) => {
      try {
        await runCheck(options);
      } catch (err) {
        failWith(err);
      }
    });
}

async function runFetch(options: DataOptions & { url?: string }): Promise<void> {
  const where = dataPathFrom(options.data);
  const target = fetchTargetFor(where.path);
  const sums = await readSha256Sums(options.sums);
  print(`CIFAR-10 folder: ${target} (${describeOrigin(where.origin)})`);
  const result = await fetchWithProgress(target, options.url ?? cifarUrl(), sums, print);
  if (result.outcome === 'present') {
    print(`already there: all ${result.checks.length} files match the SHA-256 sums; nothing downloaded`);
  } else {
    print(`extracted and verified ${result.checks.length} files into ${result.folder}`);
  }
}

async function runCheck(options: DataOptions): Promise<void> {
  const source = await resolveDataSource(options.data);
  const sums = await readSha256Sums(options.sums);
  print(`CIFAR-10 ${source.kind}: ${source.path} (${describeOrigin(source.origin)})`);
  const checks = source.kind === 'folder' ? await verifyFolder(source.path, sums) : await verifyArchive(source.path, sums);
  for (const check of checks) print(`  ${describeCheck(check)}`);
  assertAllMatch(checks, source.path);
  const images = checks.reduce((sum, c) => sum + (c.status === 'ok' && c.name.endsWith('.bin') ? c.size / CIFAR_RECORD_BYTES : 0), 0);
  print(`all ${checks.length} files match the SHA-256 sums (${count(images)} images)`);
}

function describeCheck(check: FileCheck): string {
  const name = check.name.padEnd(18);
  switch (check.status) {
    case 'ok': {
      const records = check.name.endsWith('.bin') ? `, ${count(check.size / CIFAR_RECORD_BYTES)} images` : '';
      return `ok        ${name} ${count(check.size)} bytes${records}`;
    }
    case 'mismatch':
      return `MISMATCH  ${name} ${count(check.size)} bytes, sha256 ${check.sha256}, expected ${check.expected}`;
    case 'missing':
      return `MISSING   ${name}`;
  }
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}
