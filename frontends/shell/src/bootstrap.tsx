import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@soc/ui-common/theme.css';
import { loadRuntimeConfig } from '@soc/ui-common/runtimeConfig';
import { App } from './App';
import { initFederation, loadRemotesConfig } from './federation';

async function main() {
  const [config, remotes] = await Promise.all([loadRuntimeConfig('/config.json'), loadRemotesConfig('/remotes.json')]);
  initFederation(remotes);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App config={config} />
    </StrictMode>,
  );
}

void main();
