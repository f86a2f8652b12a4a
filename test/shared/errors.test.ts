// The error vocabulary that crosses boundaries: ConfigError's shape, and toAppError keeping
// known codes while calling anything unclassified `internal`.
import { describe, expect, it } from 'vitest';
import { ConfigError, ERROR_CODES, isErrorCode, toAppError } from '../../src/shared/errors.ts';

describe('errors', () => {
  it('has the closed set of codes', () => {
    expect(ERROR_CODES).toEqual(['bad_config', 'bad_data', 'diverged', 'aborted', 'io', 'internal']);
    expect([isErrorCode('bad_data'), isErrorCode('ENOENT'), isErrorCode(undefined)]).toEqual([true, false, false]);
  });

  it('turns a ConfigError into plain data that survives structured clone', () => {
    const error = new ConfigError('x.yaml: lambda: is required', { origin: 'x.yaml' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConfigError');
    const data = toAppError(error);
    expect(data).toEqual({ code: 'bad_config', message: 'x.yaml: lambda: is required', details: { origin: 'x.yaml' } });
    expect(structuredClone(data)).toEqual(data);
  });

  it('keeps the code of any error that carries a known one, e.g. the data layer\'s', () => {
    const dataError = Object.assign(new Error('short file'), { code: 'bad_data', details: { bytes: 3 } });
    expect(toAppError(dataError)).toEqual({ code: 'bad_data', message: 'short file', details: { bytes: 3 } });
  });

  it('calls unclassified failures internal, dropping foreign codes and details', () => {
    const nodeError = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT', details: { path: '/x' } });
    expect(toAppError(nodeError)).toEqual({ code: 'internal', message: 'ENOENT: no such file' });
    expect(toAppError('a string')).toEqual({ code: 'internal', message: 'a string' });
  });
});
