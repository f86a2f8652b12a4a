// The replication report as written to files names the home and data folders `<home>` and
// `<data>`: a report is made to be shared or committed, and the folders of the machine that
// made it mean nothing elsewhere (the report still says which machine it was).
import path from 'node:path';
import type { ReplicationInfo, ReplicationReport } from '../shared/replicate/model.ts';

const END_OF_COMPONENT = /(?=$|[\\/\s'"`])/.source;

/** Folders to name by placeholder: absolute paths, as resolved, and as the user typed them. */
export interface Places {
  home: string;
  data: string;
  /** The --home and --data values as given, when they differ from the resolved paths. */
  typed?: { home?: string; data?: string };
}

/**
 * `text` with every absolute occurrence of the places replaced by its placeholder (the longer
 * path first, so a data folder under the home becomes `<data>`, not `<home>/…`). Relative paths
 * the user typed stay: they name no machine.
 */
export function portablePaths(text: string, places: Places): string {
  const pairs: Array<[string, string]> = [[places.home, '<home>'], [places.data, '<data>']];
  if (places.typed?.home) pairs.push([places.typed.home, '<home>']);
  if (places.typed?.data) pairs.push([places.typed.data, '<data>']);
  const absolute = pairs
    .map(([p, placeholder]): [string, string] => [p.length > path.parse(p).root.length ? p.replace(/[\\/]+$/, '') : p, placeholder])
    .filter(([p]) => path.isAbsolute(p) && p !== path.parse(p).root)
    .sort((a, b) => b[0].length - a[0].length);
  let out = text;
  for (const [p, placeholder] of absolute) {
    // Whole path components only: /tmp/lab is not the start of /tmp/labs.
    out = out.replace(new RegExp(p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + END_OF_COMPONENT, 'g'), placeholder);
  }
  return out;
}

/** The report with its command and data folder made portable; everything else unchanged. */
export function withPortablePaths(report: ReplicationReport, places: Places): ReplicationReport {
  const info: ReplicationInfo = { ...report.info };
  if (info.command) info.command = portablePaths(info.command, places);
  if (info.dataSource) info.dataSource = portablePaths(info.dataSource, places);
  return { ...report, info };
}
