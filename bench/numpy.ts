// Runs bench/numpy_reference.py the way the speed issue asks: Debian's /usr/bin/python3 (not
// a pyenv shim), one BLAS thread, glibc malloc tuned so numpy does not page-fault its
// temporaries in and out, and OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE removed for this command
// only so OpenBLAS picks its best kernel (reported back as `blas.core`).
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./numpy_reference.py', import.meta.url));

export function numpyEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1',
    MALLOC_TRIM_THRESHOLD_: '17179869184', MALLOC_MMAP_THRESHOLD_: '67108864', MALLOC_TOP_PAD_: '67108864',
  };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

/** Why numpy cannot run here, or null when it can. */
export function numpyMissing(): string | null {
  const r = spawnSync(PYTHON, ['-c', 'import numpy'], { encoding: 'utf8' });
  if (r.error) return `${PYTHON} not found`;
  if (r.status !== 0) return `${PYTHON} has no numpy (apt-get install python3-numpy libopenblas0-pthread)`;
  return null;
}

export function runNumpy(dataDir: string, args: string[]): Record<string, unknown> {
  const out = execFileSync(PYTHON, [SCRIPT, '--data', dataDir, ...args], { env: numpyEnv(), encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>;
}
