// What a download asked for over the LabApi (the app, or a script with the serve token) may
// fetch and where it may write: the official archive or a mirror the user configured (on the
// command line or in settings.json), never a URL of the caller's choosing; into a folder
// inside the user's home, the Sweeplab home or the per-user data folder, with no symbolic link
// leading out of it. The CLI's `data fetch` is the user and does not go through here.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../../shared/errors.ts';
import { CIFAR_URL } from './fetch.ts';

export interface FetchSources {
  /** The official archive (a test may put a local server here). */
  official?: string;
  /** Mirrors the user configured: `serve --data-mirror` and settings.json's dataMirrors. */
  mirrors: readonly string[];
}

const normalized = (url: string) => {
  try {
    return new URL(url).href;
  } catch {
    return null;
  }
};

/** The URL to download from; `requested` must be one of the sources, and none means the official one. */
export function checkFetchUrl(requested: string | undefined, sources: FetchSources): string {
  const official = sources.official ?? CIFAR_URL;
  if (requested === undefined) return official;
  const wanted = normalized(requested);
  const match = [official, ...sources.mirrors].find((url) => wanted !== null && normalized(url) === wanted);
  if (match === undefined) {
    throw new ConfigError(`url: ${requested} is neither the official CIFAR-10 archive nor a configured mirror; start serve with --data-mirror URL, or add it to dataMirrors in settings.json`, { field: 'url' });
  }
  return match;
}

/** The deepest existing ancestor of `target`, resolved through every link. */
async function realAncestor(target: string): Promise<{ real: string; rest: string }> {
  let at = target;
  const rest: string[] = [];
  for (;;) {
    try {
      return { real: await realpath(at), rest: path.join(...rest.reverse(), '') };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || path.dirname(at) === at) throw err;
      rest.push(path.basename(at));
      at = path.dirname(at);
    }
  }
}

const inside = (child: string, parent: string) => child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);

/**
 * `dataPath` made absolute, once it is known to lie, links resolved, inside one of `roots`;
 * a ConfigError naming the field otherwise.
 */
export async function checkFetchTarget(dataPath: string, roots: readonly string[]): Promise<string> {
  if (!path.isAbsolute(dataPath)) throw new ConfigError(`dataPath: ${dataPath} is not an absolute path`, { field: 'dataPath' });
  const target = path.resolve(dataPath);
  const { real, rest } = await realAncestor(target);
  const resolved = path.join(real, rest);
  const realRoots = await Promise.all(roots.map(async (root) => {
    const found = await realAncestor(path.resolve(root));
    return path.join(found.real, found.rest);
  }));
  const lexicallyInside = roots.some((root) => inside(target, path.resolve(root)));
  if (!lexicallyInside || !realRoots.some((root) => inside(resolved, root))) {
    throw new ConfigError(
      `dataPath: ${dataPath} is outside the folders the app may download into (${roots.join(', ')})${lexicallyInside ? ', through a symbolic link' : ''}; use \`sweeplab data fetch --data\` for another place`,
      { field: 'dataPath' },
    );
  }
  return target;
}
