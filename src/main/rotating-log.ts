// The desktop app's log of main-process errors, `main.log` in the Sweeplab home: one
// timestamped line per entry, kept to a bounded size by rotation (the full file becomes
// main.log.1, replacing the previous one), so a long-lived install never fills the disk.
// Writing never throws: a log that cannot be written must not take the app down with it.
import { appendFileSync, renameSync, statSync } from 'node:fs';

export const MAIN_LOG = 'main.log';
const DEFAULT_MAX_BYTES = 1 << 20;

export class RotatingLog {
  constructor(readonly file: string, private readonly maxBytes = DEFAULT_MAX_BYTES, private readonly now = () => new Date()) {}

  write(message: string): void {
    const line = `${this.now().toISOString()} ${message.replace(/\r?\n/g, '\n    ')}\n`;
    try {
      const size = this.size();
      if (size > 0 && size + Buffer.byteLength(line) > this.maxBytes) renameSync(this.file, `${this.file}.1`);
      appendFileSync(this.file, line);
    } catch {
      // Nowhere better to report it: the home is unwritable, which the app says by other means.
    }
  }

  /** An error with its stack, or anything else as text. */
  error(context: string, err: unknown): void {
    this.write(`${context}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }

  private size(): number {
    try {
      return statSync(this.file).size;
    } catch {
      return 0;
    }
  }
}
