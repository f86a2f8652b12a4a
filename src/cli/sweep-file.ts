// Reading a sweep file (YAML or JSON) from disk. Reading and syntax errors are the config
// files' (src/cli/config-file.ts); validation is the shared sweep contract
// (src/shared/sweep-schema.ts), so a file, a preset and an IPC payload meet the same rules.
import { parseAnySweepSpec } from '../shared/search-schema.ts';
import type { AnySweepSpec } from '../shared/search-schema.ts';
import { parseSweepSpec } from '../shared/sweep-schema.ts';
import type { SweepSpec } from '../shared/sweep-schema.ts';
import { readYamlOrJson } from './config-file.ts';

/** Reads and validates a sweep file; every error names the file as given and the field. */
export async function loadSweepFile(path: string): Promise<SweepSpec> {
  return parseSweepSpec(await readYamlOrJson(path, 'sweep file'), path);
}

/** Reads and validates a grid sweep or a search (a file with a `search` key). */
export async function loadAnySweepFile(path: string): Promise<AnySweepSpec> {
  return parseAnySweepSpec(await readYamlOrJson(path, 'sweep file'), path);
}
