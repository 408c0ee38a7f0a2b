import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const uiApps = ['studio', 'portal'] as const;
export type UiApp = (typeof uiApps)[number];

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export const uiDistDir = (app: UiApp) => path.join(repoRoot, app, 'dist');

export const isUiBuilt = (app: UiApp) => existsSync(path.join(uiDistDir(app), 'index.html'));
