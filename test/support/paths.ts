// Locations the tests share: the repository root (found from this compiled file), the public
// corpus beside the repository (../shared/corpus, never copied into the repo), the examples.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
  return dir;
}

export const repoRoot = findRoot();
export const corpusDir = resolve(repoRoot, '..', 'shared', 'corpus');
export const configsDir = join(corpusDir, 'configs');
export const oraclesDir = join(corpusDir, 'oracles');
export const examplesDir = join(repoRoot, 'examples');
export const cliPath = join(repoRoot, 'bin', 'asakit');

export function corpusFiles(): string[] {
  if (!existsSync(configsDir)) {
    throw new Error(
      `the public corpus is expected at ${configsDir} (../shared/corpus beside the repository)`,
    );
  }
  return readdirSync(configsDir)
    .filter((f) => f.endsWith('.cfg'))
    .sort();
}
