// The replication report written to files names the home and data folders by placeholder.
import { describe, expect, it } from 'vitest';
import { portablePaths } from '../../src/cli/portable-paths.ts';

describe('portablePaths', () => {
  const places = { home: '/tmp/lab', data: '/work/shared/cifar-10-batches-bin', typed: { home: '/tmp/lab/', data: '../shared/cifar-10-batches-bin' } };

  it('writes the absolute home and data folders as <home> and <data>, keeps relative paths', () => {
    expect(portablePaths('sweeplab replicate --home /tmp/lab --data ../shared/cifar-10-batches-bin --out docs/replication', places))
      .toBe('sweeplab replicate --home <home> --data ../shared/cifar-10-batches-bin --out docs/replication');
    expect(portablePaths('/work/shared/cifar-10-batches-bin', places)).toBe('<data>');
    expect(portablePaths('--out /tmp/lab/replication', places)).toBe('--out <home>/replication');
  });

  it('prefers the longer path, so a data folder inside the home is <data>', () => {
    expect(portablePaths('--data /h/data/cifar', { home: '/h', data: '/h/data/cifar' })).toBe('--data <data>');
  });

  it('replaces whole path components only', () => {
    expect(portablePaths('/tmp/labs /tmp/lab', places)).toBe('/tmp/labs <home>');
  });

  it('leaves a root folder alone rather than replace every slash', () => {
    expect(portablePaths('a/b /c', { home: '/', data: '/d' })).toBe('a/b /c');
  });
});
