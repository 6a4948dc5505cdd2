import { gql, type TypedDocumentNode } from '@apollo/client';

export interface Stage {
  agent: string;
  status: string;
  provider: string | null;
  model: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  durationMs: number | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  attempts: number;
  cached: boolean;
  fallbacks: string[];
}

export interface Analysis {
  id: string;
  status: string;
  createdAt: string;
  completedAt: string | null;
  requestedBy: string | null;
  error: string | null;
  totalTokens: number;
  totalCostUsd: number;
  stages: Stage[];
  rootCause: {
    summary: string;
    rootCause: string;
    attackChain: Array<{ step: string; description: string }>;
    affectedAssets: string[];
    evidence: string[];
  } | null;
  threatAnalysis: {
    summary: string;
    tactics: Array<{ id: string; name: string }>;
    techniques: Array<{ id: string; name: string; tactic: string | null; evidence: string | null }>;
    iocs: Array<{ type: string; value: string; context: string | null }>;
    evidence: string[];
  } | null;
  emailVerdict: {
    verdict: string;
    confidence: number;
    summary: string;
    signals: Array<{ name: string; weight: number; detail: string }>;
  } | null;
  severityAssessment: {
    severity: string;
    score: number;
    rationale: string;
    factors: Array<{ name: string; weight: number; detail: string }>;
  } | null;
  verdict: {
    classification: string;
    confidence: number;
    summary: string;
    evidence: string[];
    recommendedActions: string[];
  } | null;
}

export const ANALYSIS_FIELDS = gql`
  fragment ReportStageFields on AgentStage {
    agent
    status
    provider
    model
    startedAt
    finishedAt
    error
    durationMs
    inputTokens
    outputTokens
    costUsd
    attempts
    cached
    fallbacks
  }
  fragment ReportAnalysisFields on Analysis {
    id
    status
    createdAt
    completedAt
    requestedBy
    error
    totalTokens
    totalCostUsd
    stages {
      ...ReportStageFields
    }
    rootCause {
      summary
      rootCause
      attackChain {
        step
        description
      }
      affectedAssets
      evidence
    }
    threatAnalysis {
      summary
      tactics {
        id
        name
      }
      techniques {
        id
        name
        tactic
        evidence
      }
      iocs {
        type
        value
        context
      }
      evidence
    }
    emailVerdict {
      verdict
      confidence
      summary
      signals {
        name
        weight
        detail
      }
    }
    severityAssessment {
      severity
      score
      rationale
      factors {
        name
        weight
        detail
      }
    }
    verdict {
      classification
      confidence
      summary
      evidence
      recommendedActions
    }
  }
`;

export interface ReportIncident {
  id: string;
  number: number;
  title: string;
  severity: string;
  status: string;
  createdAt: string;
  analyses: Array<{ id: string; status: string; createdAt: string }>;
  latestAnalysis: { id: string; status: string } | null;
}

export const REPORT_INCIDENT: TypedDocumentNode<{ incident: ReportIncident | null }, { id: string }> = gql`
  query ReportIncident($id: ID!) {
    incident(id: $id) {
      id
      number
      title
      severity
      status
      createdAt
      latestAnalysis {
        id
        status
      }
      analyses {
        id
        status
        createdAt
      }
    }
  }
`;

export const REPORT_ANALYSIS: TypedDocumentNode<{ analysis: Analysis | null }, { id: string }> = gql`
  query ReportAnalysis($id: ID!) {
    analysis(id: $id) {
      ...ReportAnalysisFields
    }
  }
  ${ANALYSIS_FIELDS}
`;

export const ANALYZE_INCIDENT: TypedDocumentNode<{ analyzeIncident: Analysis }, { incidentId: string; options?: { rawEmail?: string; bypassCache?: boolean } }> = gql`
  mutation ReportAnalyzeIncident($incidentId: ID!, $options: AnalyzeOptions) {
    analyzeIncident(incidentId: $incidentId, options: $options) {
      ...ReportAnalysisFields
    }
  }
  ${ANALYSIS_FIELDS}
`;

export interface AnalysisEvent {
  seq: number;
  type: string;
  occurredAt: string;
  stage: Stage | null;
  analysis: Analysis;
}

export const ANALYSIS_UPDATED: TypedDocumentNode<{ analysisUpdated: AnalysisEvent }, { id: string }> = gql`
  subscription ReportAnalysisUpdated($id: ID!) {
    analysisUpdated(analysisId: $id) {
      seq
      type
      occurredAt
      stage {
        ...ReportStageFields
      }
      analysis {
        ...ReportAnalysisFields
      }
    }
  }
  ${ANALYSIS_FIELDS}
`;

export const RUNNING_STATUSES = new Set(['QUEUED', 'RUNNING']);
