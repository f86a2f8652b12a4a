// What the desktop app says when it cannot open its Sweeplab home: the reason (a store written
// by a newer Sweeplab, a damaged store, no write access, anything else) and what to do, as the
// title, message and detail of a dialog. Text only, so it is tested without Electron.
import { HOME_ENV_VAR } from './home.ts';

export interface HomeOpenProblem {
  title: string;
  message: string;
  detail: string;
}

const ACCESS_CODES = new Set(['EACCES', 'EPERM', 'EROFS']);

function reasonOf(err: unknown): 'newer' | 'corrupt' | 'access' | 'other' {
  const details = (err as { details?: { reason?: string } }).details;
  if (details?.reason === 'newer') return 'newer';
  if (details?.reason === 'corrupt') return 'corrupt';
  const code = (err as NodeJS.ErrnoException).code;
  if (code && ACCESS_CODES.has(code)) return 'access';
  if (/permission denied|not permitted|read-only|readonly|EACCES|EPERM|EROFS/i.test(String((err as Error)?.message))) return 'access';
  return 'other';
}

export function describeHomeOpenError(err: unknown, home: string): HomeOpenProblem {
  const cause = err instanceof Error ? err.message : String(err);
  const elsewhere = `or start Sweeplab with another home (set $${HOME_ENV_VAR} to a folder of your choice).`;
  switch (reasonOf(err)) {
    case 'newer':
      return {
        title: 'Sweeplab is older than its data',
        message: `The run store in ${home} was written by a newer version of Sweeplab.`,
        detail: `${cause}\n\nInstall that newer Sweeplab, ${elsewhere} Nothing was changed.`,
      };
    case 'corrupt':
      return {
        title: 'The run store is damaged',
        message: `The run store in ${home} (sweeplab.db) is damaged and cannot be opened.`,
        detail: `${cause}\n\nMove sweeplab.db out of that folder (keep it: \`sqlite3 sweeplab.db .recover\` may save its runs) and start Sweeplab again for a new store, ${elsewhere} Nothing was changed.`,
      };
    case 'access':
      return {
        title: 'Sweeplab cannot write to its home',
        message: `Sweeplab needs to write to ${home}, and it may not.`,
        detail: `${cause}\n\nGive your user write access to that folder, ${elsewhere}`,
      };
    case 'other':
      return {
        title: 'Sweeplab cannot open its home',
        message: `Sweeplab could not open its home, ${home}.`,
        detail: `${cause}\n\nCheck that folder, ${elsewhere}`,
      };
  }
}
