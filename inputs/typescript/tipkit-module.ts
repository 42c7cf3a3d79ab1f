/** Whether an import names tipkit: the `tipkit` package (or a subpath of it), or tipkit's own source files. */
import { dirname, posix, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** tipkit's package root: this file is inputs/typescript/ of it (or dist/inputs/typescript/ when built). */
const here = dirname(fileURLToPath(import.meta.url));
const built = resolve(here, '../..');
const ROOTS = [...new Set([built, built.endsWith(`${sep}dist`) ? dirname(built) : built])].map((r) => r.replace(/\\/g, '/'));

/** Module files of tipkit's source that export the constructs: the package entry and constructs/. */
function isTipkitSource(path: string): boolean {
  const stem = path.replace(/\.(m|c)?(j|t)s$/, '').replace(/\/index$/, '');
  return ROOTS.some((root) => stem === root || stem === `${root}/constructs` || stem.startsWith(`${root}/constructs/`));
}

export function isTipkitModule(fromFile: string, specifier: string): boolean {
  if (specifier === 'tipkit' || specifier.startsWith('tipkit/')) return true;
  if (!specifier.startsWith('.')) return false;
  // The reader's in-memory paths are absolute POSIX paths of the files on disk.
  return isTipkitSource(posix.join(posix.dirname(fromFile), specifier));
}
