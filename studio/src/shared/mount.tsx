import { StrictMode } from 'react';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { setApiApp } from './api';
import type { AppName } from './api';
import { LocaleProvider } from './i18n';
import { RealtimeConnection } from './realtime';
import { SessionProvider } from './session';

/**
 * Renders an app into #root with routing under its base path, the language and the session.
 * Every API request from here on names `app`, so the server reads this app's session cookie;
 * while someone is signed in, the app keeps one live (socket.io) connection.
 */
export function mountApp(app: AppName, children: ReactNode): void {
  setApiApp(app);
  const root = document.getElementById('root');
  if (!root) throw new Error('Missing #root element.');
  createRoot(root).render(
    <StrictMode>
      <BrowserRouter basename={import.meta.env.BASE_URL.replace(/\/$/, '')}>
        <LocaleProvider>
          <SessionProvider app={app}>
            <RealtimeConnection />
            {children}
          </SessionProvider>
        </LocaleProvider>
      </BrowserRouter>
    </StrictMode>,
  );
}
