// The CLI loads only the module of the command that runs; help and unknown commands load them
// all. What a user sees must not depend on that: help lists every command, an unknown command
// is one `sweeplab:` line, and a command's own help still works when only it was loaded.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

const COMMANDS = ['train', 'gradcheck', 'presets', 'data', 'sweep', 'runs', 'show', 'report', 'refine', 'resume', 'replicate', 'cancel', 'export', 'serve'];

describe('loading the CLI\'s commands', () => {
  it('lists every command in the help', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const name of COMMANDS) expect(r.stdout, name).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
  });

  it('says in one line that a command does not exist', async () => {
    const r = await runCli(['trian']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')[0]).toBe("sweeplab: unknown command 'trian'");
  });

  it('gives a command\'s own help when only that command was loaded', async () => {
    const r = await runCli(['train', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--preset <id>');
  });
});
