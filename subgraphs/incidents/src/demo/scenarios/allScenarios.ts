import { BENIGN_SCENARIOS } from './benignScenarios';
import { CLOUD_SCENARIOS } from './cloudScenarios';
import { ENDPOINT_SCENARIOS } from './endpointScenarios';
import { IDENTITY_SCENARIOS } from './identityScenarios';
import { NETWORK_SCENARIOS } from './networkScenarios';
import type { Scenario } from './scenario';

/** Every scenario the demo generator draws from, weighted by Scenario.weight. */
export const SCENARIOS: readonly Scenario[] = [
  ...ENDPOINT_SCENARIOS,
  ...NETWORK_SCENARIOS,
  ...IDENTITY_SCENARIOS,
  ...CLOUD_SCENARIOS,
  ...BENIGN_SCENARIOS,
];
