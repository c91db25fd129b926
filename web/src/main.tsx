import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './shared/i18n/index.ts';
import { App } from './app/app.tsx';
import './app/global.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
