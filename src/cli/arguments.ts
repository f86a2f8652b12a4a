// What several commands' flags share: parsers for numeric flags, in commander's argParser
// form (text → typed value, or InvalidArgumentError, which commander reports as one line
// naming the flag), and the help of --data. Whole configs are validated elsewhere
// (src/shared/config-schema.ts).
import { InvalidArgumentError } from 'commander';
import { DATA_ENV_VAR } from '../main/data/source.ts';

export const DATA_OPTION_HELP =
  `CIFAR-10 binary data: the cifar-10-batches-bin folder, its parent, or cifar-10-binary.tar.gz (default: $${DATA_ENV_VAR}, else the per-user data folder)`;

/** A whole number in [min, max], written in decimal: "10", not "1e1" or "10.0". */
export function integerArg(min: number, max = Number.MAX_SAFE_INTEGER): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
      throw new InvalidArgumentError(`expected an integer ${range}.`);
    }
    return value;
  };
}

/** A finite number, e.g. "1e-5"; `positive` excludes 0, otherwise it must be >= 0. */
export function numberArg(positive: boolean): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value < 0 || (positive && value === 0)) {
      throw new InvalidArgumentError(`expected a number ${positive ? '> 0' : '>= 0'}.`);
    }
    return value;
  };
}

/** Layer widths "3072,50,50,10": at least two positive integers (input and output). */
export function layersArg(text: string): number[] {
  const parts = text.split(',').map((p) => p.trim());
  const widths = parts.map(Number);
  if (parts.length < 2 || parts.some((p) => !/^\d+$/.test(p)) || widths.some((w) => w < 1)) {
    throw new InvalidArgumentError('expected comma-separated positive widths, input first and classes last, e.g. 3072,50,50,10.');
  }
  return widths;
}
