// Reading a run config from disk (YAML or JSON) and applying command-line overrides to it.
// Validation itself is the shared contract in src/shared/config-schema.ts, so a file, a preset
// and an IPC payload are all checked by the same rules with the same messages.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import type { Precision, TrainConfig } from '../core/config.ts';
import { parseTrainConfig } from '../shared/config-schema.ts';
import { ConfigError } from '../shared/errors.ts';

/** Validates an already-parsed value; `origin` (a file name, "preset x", …) prefixes every message. */
export function parseConfig(value: unknown, origin: string): TrainConfig {
  return parseTrainConfig(value, origin);
}

/**
 * Reads and validates a config file. `.json` is parsed as strict JSON; `.yaml`, `.yml` and any
 * other extension as YAML (a superset of JSON). Errors name the file as given on the command line.
 */
export async function loadConfigFile(path: string): Promise<TrainConfig> {
  return parseTrainConfig(await readYamlOrJson(path, 'config file'), path);
}

/**
 * Reads a YAML or JSON file (by extension, as above) into a plain value, unvalidated. Read and
 * syntax errors are ConfigErrors naming the file; `what` names it in the read error.
 */
export async function readYamlOrJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ConfigError(`${path}: cannot read the ${what} (${reason})`, { origin: path });
  }
  return extname(path).toLowerCase() === '.json' ? parseJson(text, path) : parseYaml(text, path);
}

function parseYaml(text: string, origin: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const lines = doc.errors.map((error) => {
      const at = error.linePos?.[0];
      const where = at ? `${origin}:${at.line}:${at.col}` : origin;
      // prettyErrors appends " at line L, column C:" and a source excerpt; the location is
      // already in the prefix, so keep only the sentence.
      return `${where}: YAML syntax error: ${error.message.split(/ at line \d+|\n/)[0]}`;
    });
    throw new ConfigError(lines.join('\n'), { origin });
  }
  return doc.toJS();
}

function parseJson(text: string, origin: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const where = position ? `${origin}:${lineColumnOf(text, Number(position[1]))}` : origin;
    throw new ConfigError(`${where}: JSON syntax error: ${message}`, { origin });
  }
}

function lineColumnOf(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

/** Command-line flags that may replace a field of a loaded config; undefined leaves it alone. */
export interface ConfigOverrides {
  name?: string;
  seed?: number;
  lambda?: number;
  stepSize?: number;
  cycles?: number;
  batchSize?: number;
  trainLimit?: number;
  precision?: Precision;
}

/** Returns a new, re-validated config; the input (possibly a frozen preset) is not modified. */
export function applyOverrides(config: TrainConfig, overrides: ConfigOverrides, origin = 'command line'): TrainConfig {
  const { name, seed, lambda, stepSize, cycles, batchSize, trainLimit, precision } = overrides;
  const merged = {
    ...config,
    ...defined({ name, seed, lambda, batchSize, precision }),
    schedule: { ...config.schedule, ...defined({ stepSize, cycles }) },
    split: { ...config.split, ...defined({ trainLimit }) },
  };
  return parseTrainConfig(merged, origin);
}

function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}
