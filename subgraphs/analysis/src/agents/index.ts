export * from './agentName';
export * from './agentOutputs';
export * from './incidentContext';
export * from './promptData';
