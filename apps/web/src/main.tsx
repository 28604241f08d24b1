import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { bootstrapSession } from './api/auth';
import { syncSessionAcrossTabs } from './api/session';
import { App } from './app/app';
import { initI18n } from './i18n/i18n';
import './styles.css';

initI18n();
syncSessionAcrossTabs();
// Not awaited: the guard shows a spinner while the stored refresh token is traded in.
void bootstrapSession();

const container = document.getElementById('root');
if (!container) throw new Error('index.html lacks #root');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
