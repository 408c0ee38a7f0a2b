import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isUiBuilt, repoRoot, uiApps, uiDistDir, type UiApp } from './apps';

/** Everything a built app depends on; a change in any of these makes the build stale. */
const inputs = (app: UiApp) => [
  `${app}/src`,
  `${app}/public`,
  `${app}/index.html`,
  `${app}/vite.config.ts`,
  `${app}/package.json`,
  'studio/src/shared',
  // The studio's rules section is built with the rule language.
  'rules-schema/src',
  'server/src/policies/permissions.ts',
  'package-lock.json',
];

function files(relative: string): string[] {
  const full = path.join(repoRoot, relative);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [relative];
  return readdirSync(full).flatMap((entry) => files(path.join(relative, entry)));
}

export function sourceHash(app: UiApp): string {
  const hash = createHash('sha256');
  for (const file of [...new Set(inputs(app).flatMap(files))].sort()) {
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(path.join(repoRoot, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

const stampFile = (app: UiApp) => path.join(uiDistDir(app), '.source-hash');

export function isUiFresh(app: UiApp): boolean {
  return (
    isUiBuilt(app) &&
    existsSync(stampFile(app)) &&
    readFileSync(stampFile(app), 'utf8') === sourceHash(app)
  );
}

/** Builds one app with Vite and stamps the build with the hash of its sources. */
export function buildUi(app: UiApp, log: (line: string) => void = console.log): void {
  log(`Construyendo ${app}…`);
  execFileSync('npm', ['run', 'build', '--workspace', app], { cwd: repoRoot, stdio: 'inherit' });
  writeFileSync(stampFile(app), sourceHash(app));
}

/** Builds the studio and the portal when their build is missing or older than their sources. */
export function ensureUiBuilt(log: (line: string) => void = console.log): void {
  for (const app of uiApps) if (!isUiFresh(app)) buildUi(app, log);
}
