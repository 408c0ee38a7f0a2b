import { mountApp } from '@lealtad/studio/shared/mount.tsx';
import { App } from './App';
// Shared tokens and components first, so the portal's own rules can refine them.
import '@lealtad/studio/shared/styles/index.css';
import './portal.css';

mountApp('portal', <App />);
