import { mountApp } from './shared/mount';
import { App } from './App';
// Shared tokens and components first, so the studio's own rules can refine them.
import './shared/styles/index.css';
import './studio.css';

mountApp('studio', <App />);
