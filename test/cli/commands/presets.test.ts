// `sweeplab presets` lists the catalogue of reference experiments as a user sees it.
import { describe, expect, it } from 'vitest';
import { PRESETS, presetIds } from '../../../src/shared/presets.ts';
import { runCli } from '../../helpers/run-cli.ts';

describe('sweeplab presets', () => {
  it('lists every preset id with its reference test accuracy, and the caveats as footnotes', async () => {
    const { code, stdout } = await runCli(['presets']);
    expect(code).toBe(0);
    for (const id of presetIds()) {
      const test = PRESETS[id].reference?.test;
      expect(stdout).toMatch(new RegExp(`│ ${id.replace(/\./g, '\\.')}\\s+│\\s+${test === undefined ? '-' : `${test.toFixed(2).replace('.', '\\.')}%\\*?`} │`));
    }
    expect(stdout).toContain(`* sigma-1e-3-nobn: ${PRESETS['sigma-1e-3-nobn'].caveat}`);
  });
});
