/**
 * The instructions of one agent. `version` changes whenever `system` changes in a way that can change
 * answers: it is part of the response cache key and is recorded with every result.
 */
export interface AgentInstructions {
  version: string;
  system: string;
}
