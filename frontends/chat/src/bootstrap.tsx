/** Standalone harness: the assistant on one incident, with its own ApolloClient and sign-in. */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '@soc/ui-common/theme.css';
import { Harness, IncidentPicker } from '@soc/ui-common/Harness';
import { loadRuntimeConfig } from '@soc/ui-common/runtimeConfig';
import type { SocHostProps } from '@soc/ui-common/contract';
import { Chat } from './Chat';

function Standalone(host: SocHostProps) {
  const [incidentId, setIncidentId] = useState<string | null>(() => new URLSearchParams(window.location.search).get('incident'));
  return (
    <>
      <IncidentPicker value={incidentId} onChange={setIncidentId} />
      {incidentId && <Chat key={incidentId} {...host} incidentId={incidentId} />}
    </>
  );
}

async function main() {
  const config = await loadRuntimeConfig('config.json');
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Harness config={config} title="Chat" render={(host) => <Standalone {...host} />} />
    </StrictMode>,
  );
}

void main();
