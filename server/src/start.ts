import { ConfigError, loadConfig } from './config';
import { startServer } from './main';
import { ensureUiBuilt } from './ui/build';

/** `npm start`: builds the UI when stale, then runs the server until stopped. */
try {
  const config = loadConfig();
  if (!process.argv.includes('--no-ui-build')) ensureUiBuilt();
  const running = await startServer(config);
  const stop = () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
