// Runs the real `sweeplab` command (bin/sweeplab.mjs under the current node) as a child
// process and collects its exit code and output, for the CLI tests. No shell, no npx: the
// child is node itself, so signals sent to it reach the CLI directly.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/sweeplab.mjs', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunningCli {
  child: ChildProcess;
  /** Resolves once stdout has received `text` (or the process has ended), with stdout so far. */
  stdoutHas(text: string): Promise<string>;
  result: Promise<CliResult>;
}

/** `extraEnv` adds to (or, with undefined, removes from) the test's environment. */
export function startCli(args: readonly string[], extraEnv: Record<string, string | undefined> = {}): RunningCli {
  const env = { ...process.env };
  delete env.SWEEPLAB_DATA; // tests say where the data is
  for (const [name, value] of Object.entries(extraEnv)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '', stderr = '';
  const waiters: { text: string; resolve: (out: string) => void }[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const w of waiters.filter((w) => stdout.includes(w.text))) w.resolve(stdout);
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const result = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      for (const w of waiters) w.resolve(stdout); // the text never came: let the caller's assertions say so
      resolve({ code, stdout, stderr });
    });
  });
  const stdoutHas = (text: string) => stdout.includes(text)
    ? Promise.resolve(stdout)
    : new Promise<string>((resolve) => waiters.push({ text, resolve }));
  return { child, stdoutHas, result };
}

export function runCli(args: readonly string[], extraEnv?: Record<string, string | undefined>): Promise<CliResult> {
  return startCli(args, extraEnv).result;
}

/** Writes `text` to a fresh temporary file named `name` and returns its path. */
export function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sweeplab-cli-')), name);
  writeFileSync(path, text);
  return path;
}
