#!/usr/bin/env node
// The `sweeplab` command. It runs the TypeScript CLI through tsx, so `npx sweeplab` works
// right after `npm ci` on a fresh clone, with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
