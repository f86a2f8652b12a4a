// N threads that spin at nice 10 until the process is killed: the load of N training threads
// (workers/runtime/background-priority.ts) for bench/ui-replay.ts --load, with nothing to train.
import os from 'node:os';
import { Worker } from 'node:worker_threads';

const SPIN = `require('node:os').setPriority(0, 10); let x = 0; for (;;) x = (x + Math.sqrt(x + 1)) % 1e9;`;
for (let i = 0; i < Number(process.argv[2]); i++) new Worker(SPIN, { eval: true });
console.log(`${process.argv[2]} busy threads at nice 10 (pid ${process.pid}, ${os.availableParallelism()} cores)`);
