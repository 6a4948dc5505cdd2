import type { AgentName } from '../../../agents';
import type { AgentInstructions } from './agentInstructions';
import { chatAssistantInstructions } from './chatAssistant';
import { emailVerifierInstructions } from './emailVerifier';
import { rcaAnalystInstructions } from './rcaAnalyst';
import { severityAssessorInstructions } from './severityAssessor';
import { threatAnalyzerInstructions } from './threatAnalyzer';
import { verdictGeneratorInstructions } from './verdictGenerator';

export const AGENT_INSTRUCTIONS: Readonly<Record<AgentName, AgentInstructions>> = {
  RCA_ANALYST: rcaAnalystInstructions,
  THREAT_ANALYZER: threatAnalyzerInstructions,
  EMAIL_VERIFIER: emailVerifierInstructions,
  SEVERITY_ASSESSOR: severityAssessorInstructions,
  VERDICT_GENERATOR: verdictGeneratorInstructions,
  CHAT_ASSISTANT: chatAssistantInstructions,
};
