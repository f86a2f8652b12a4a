// A CIFAR-10 download with a progress bar on stderr and its milestones as lines: what
// `sweeplab data fetch` and a `train` or `sweep` that finds no dataset both show. The work
// (download, extract, verify, rename into place) is src/main/data/fetch.ts.
import { SingleBar } from 'cli-progress';
import { fetchCifar } from '../main/data/fetch.ts';
import type { FetchResult } from '../main/data/fetch.ts';
import type { Sha256Sums } from '../main/data/checksums.ts';

export async function fetchWithProgress(target: string, url: string, sums: Sha256Sums, say: (line: string) => void): Promise<FetchResult> {
  const bar = new SingleBar({
    format: 'downloading [{bar}] {percentage}% | {received} / {size} MB | ETA {eta_formatted}',
    hideCursor: true,
  });
  let started = false;
  try {
    return await fetchCifar({
      target, url, sums, allowHttp: true, // the person at the terminal chose this URL (--url, $SWEEPLAB_CIFAR_URL); the sums still decide
      onProgress: (received, total) => {
        const payload = { received: megabytes(received), size: total === undefined ? '?' : megabytes(total) };
        if (!started) {
          started = true;
          say(`downloading ${url}`);
          bar.start(total ?? 0, received, payload);
        } else {
          bar.update(received, payload);
        }
      },
      onDownloaded: (bytes) => {
        bar.stop();
        say(`downloaded ${megabytes(bytes)} MB; extracting and verifying`);
      },
    });
  } finally {
    bar.stop();
  }
}

function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}
