#!/usr/bin/env node
// The `sweeplab` command. In a checkout (src/ beside bin/, tsx installed) it runs the TypeScript
// CLI through tsx, so `npx sweeplab` is the current code with no build step. An installed
// package (the npm tarball, the desktop app) has no src/: it runs the built CLI, out/main/cli.js,
// with plain Node and no TypeScript. What cannot start (an old Node, a missing build, libsql's
// native module missing for this platform) is one `sweeplab: …` line, not a stack.
import { existsSync } from 'node:fs';

const fail = (line) => {
  process.stderr.write(`sweeplab: ${line}\n`);
  process.exit(1);
};

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  fail(`Node ${process.versions.node} is too old; Sweeplab needs Node 20.19 or newer (https://nodejs.org)`);
}

const source = new URL('../src/cli/main.ts', import.meta.url);
const built = new URL('../out/main/cli.js', import.meta.url);

async function tsxLoader() {
  try {
    return await import('tsx/esm/api');
  } catch {
    return null; // a checkout installed without devDependencies: the build, if there is one
  }
}

const tsx = existsSync(source) ? await tsxLoader() : null;
if (tsx) {
  tsx.register();
  await import(source.href);
} else {
  if (!existsSync(built)) fail('the CLI is not built (no out/main/cli.js); run `npm run build` first');
  try {
    await import(built.href);
  } catch (err) {
    const message = String(err?.message ?? err);
    if (/libsql/.test(message) && /Cannot find module|ERR_DLOPEN_FAILED|invalid ELF|was compiled against/.test(`${err?.code} ${message}`)) {
      fail(`the run store's native module (libsql) does not load on ${process.platform}-${process.arch}: ${message.split('\n')[0]}; `
        + 'reinstall Sweeplab on this machine (`npm install`, or `npm rebuild libsql`)');
    }
    throw err;
  }
}
