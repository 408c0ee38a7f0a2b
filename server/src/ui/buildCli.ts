import { uiApps } from './apps';
import { buildUi } from './build';

/** `npm run build`: builds the studio and the portal, whether stale or not. */
for (const app of uiApps) buildUi(app);
