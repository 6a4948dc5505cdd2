import type { AgentOutputs } from './agentOutputs';
import type { PipelineAgent } from './agentName';
import type { IncidentContext } from './incidentContext';

/** Input of one pipeline agent: the incident, an optional raw email, and earlier stages' results. */
export interface PipelinePromptData {
  incident: IncidentContext;
  /** A raw RFC 5322 message (headers and body) the analyst attached, e.g. a user-reported phish. */
  rawEmail?: string | null;
  /** Results of the stages this agent depends on (only those that completed). */
  prior: Partial<AgentOutputs>;
}

export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

/** Input of the chat assistant: the incident, its latest analysis results, and the conversation. */
export interface ChatPromptData {
  incident: IncidentContext;
  analysis: Partial<AgentOutputs> | null;
  history: ChatTurn[];
  question: string;
}

export type PromptDataFor<A> = A extends PipelineAgent ? PipelinePromptData : ChatPromptData;
