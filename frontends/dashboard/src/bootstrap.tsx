/** Standalone harness: the dashboard on its own origin, with its own ApolloClient and sign-in. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@soc/ui-common/theme.css';
import { Harness } from '@soc/ui-common/Harness';
import { loadRuntimeConfig } from '@soc/ui-common/runtimeConfig';
import { Dashboard } from './Dashboard';
import { IncidentDetail } from './IncidentDetail';

async function main() {
  const config = await loadRuntimeConfig('config.json');
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Harness
        config={config}
        title="Dashboard"
        render={(host, path) => {
          const incident = /^\/incidents\/([^/]+)/.exec(path);
          return incident ? <IncidentDetail {...host} incidentId={decodeURIComponent(incident[1]!)} /> : <Dashboard {...host} />;
        }}
      />
    </StrictMode>,
  );
}

void main();
