import { gql, type TypedDocumentNode } from '@apollo/client';

export interface SeverityCount {
  severity: string;
  count: number;
}

export interface MetricsData {
  tenant: {
    id: string;
    incidentMetrics: {
      total: number;
      bySeverity: SeverityCount[];
      byStatus: Array<{ status: string; count: number }>;
      byDay: Array<{ day: string; count: number }>;
      responseTimes: Array<{
        severity: string;
        meanTimeToAcknowledgeSeconds: number | null;
        meanTimeToResolveSeconds: number | null;
        slaTarget: string;
        breaches: number;
      }>;
    };
  } | null;
  openHigh: { totalCount: number };
  openMedium: { totalCount: number };
  openLow: { totalCount: number };
  openInformational: { totalCount: number };
  closedFalsePositive: { totalCount: number };
  closedClassified: { totalCount: number };
}

export interface MetricsVars {
  tenantId: string;
  since: string;
  until: string;
}

export const DASHBOARD_METRICS: TypedDocumentNode<MetricsData, MetricsVars> = gql`
  query DashboardMetrics($tenantId: ID!, $since: DateTime!, $until: DateTime!) {
    tenant(id: $tenantId) {
      id
      incidentMetrics(since: $since, until: $until) {
        total
        bySeverity {
          severity
          count
        }
        byStatus {
          status
          count
        }
        byDay {
          day
          count
        }
        responseTimes {
          severity
          meanTimeToAcknowledgeSeconds
          meanTimeToResolveSeconds
          slaTarget
          breaches
        }
      }
    }
    openHigh: incidents(filter: { status: [NEW, ACTIVE], severity: [HIGH] }, first: 0) {
      totalCount
    }
    openMedium: incidents(filter: { status: [NEW, ACTIVE], severity: [MEDIUM] }, first: 0) {
      totalCount
    }
    openLow: incidents(filter: { status: [NEW, ACTIVE], severity: [LOW] }, first: 0) {
      totalCount
    }
    openInformational: incidents(filter: { status: [NEW, ACTIVE], severity: [INFORMATIONAL] }, first: 0) {
      totalCount
    }
    closedFalsePositive: incidents(filter: { status: [CLOSED], classification: [FALSE_POSITIVE], createdAfter: $since, createdBefore: $until }, first: 0) {
      totalCount
    }
    closedClassified: incidents(
      filter: { status: [CLOSED], classification: [TRUE_POSITIVE, BENIGN_POSITIVE, FALSE_POSITIVE, UNDETERMINED], createdAfter: $since, createdBefore: $until }
      first: 0
    ) {
      totalCount
    }
  }
`;

export interface SampleData {
  incidents: {
    totalCount: number;
    edges: Array<{
      node: {
        id: string;
        tactics: string[];
        latestAnalysis: { id: string; status: string; verdict: { classification: string; confidence: number } | null } | null;
      };
    }>;
  };
}

/** The newest incidents of the range: tactics and AI verdicts have no server-side aggregate. */
export const SAMPLE_SIZE = 200;
export const DASHBOARD_SAMPLE: TypedDocumentNode<SampleData, { since: string; until: string }> = gql`
  query DashboardSample($since: DateTime!, $until: DateTime!) {
    incidents(first: 200, filter: { createdAfter: $since, createdBefore: $until }, orderBy: { field: CREATED_AT, direction: DESC }) {
      totalCount
      edges {
        node {
          id
          tactics
          latestAnalysis {
            id
            status
            verdict {
              classification
              confidence
            }
          }
        }
      }
    }
  }
`;

export interface IncidentRow {
  id: string;
  number: number;
  title: string;
  severity: string;
  status: string;
  classification: string | null;
  owner: { assignedTo: string | null; email: string | null } | null;
  tactics: string[];
  labels: string[];
  createdAt: string;
  updatedAt: string;
  latestAnalysis: { id: string; status: string; verdict: { classification: string; confidence: number } | null } | null;
}

export interface IncidentFilterInput {
  severity?: string[];
  status?: string[];
  tactic?: string;
  technique?: string;
  label?: string;
  owner?: string;
  classification?: string[];
  search?: string;
  createdAfter?: string;
  createdBefore?: string;
}

export interface IncidentsVars {
  filter: IncidentFilterInput;
  orderBy: { field: string; direction: 'ASC' | 'DESC' };
  first: number;
  after: string | null;
}

export interface IncidentsData {
  incidents: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ cursor: string; node: IncidentRow }>;
  };
}

export const DASHBOARD_INCIDENTS: TypedDocumentNode<IncidentsData, IncidentsVars> = gql`
  query DashboardIncidents($filter: IncidentFilter, $orderBy: IncidentOrder, $first: Int, $after: String) {
    incidents(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          number
          title
          severity
          status
          classification
          owner {
            assignedTo
            email
          }
          tactics
          labels
          createdAt
          updatedAt
          latestAnalysis {
            id
            status
            verdict {
              classification
              confidence
            }
          }
        }
      }
    }
  }
`;

export interface IncidentDetailData {
  incident: {
    id: string;
    number: number;
    title: string;
    description: string | null;
    severity: string;
    status: string;
    classification: string | null;
    classificationReason: string | null;
    classificationComment: string | null;
    owner: { assignedTo: string | null; email: string | null; userPrincipalName: string | null } | null;
    labels: string[];
    tactics: string[];
    techniques: string[];
    providerName: string;
    incidentUrl: string | null;
    source: string;
    firstActivityAt: string | null;
    lastActivityAt: string | null;
    createdAt: string;
    updatedAt: string;
    acknowledgedAt: string | null;
    closedAt: string | null;
    alerts: Array<{
      id: string;
      displayName: string;
      description: string | null;
      severity: string;
      productName: string;
      tactics: string[];
      techniques: string[];
      timeGenerated: string;
    }>;
    entities: Array<{ id: string; kind: string; name: string; properties: unknown }>;
    comments: Array<{ id: string; message: string; authorName: string | null; authorEmail: string | null; createdAt: string }>;
    timeline: Array<{ at: string; actor: string; source: string; field: string; from: string | null; to: string | null; note: string | null }>;
    relatedIncidents: Array<{ sharedEntities: string[]; incident: { id: string; number: number; title: string; severity: string; status: string; createdAt: string } }>;
  } | null;
}

export const INCIDENT_DETAIL: TypedDocumentNode<IncidentDetailData, { id: string }> = gql`
  query DashboardIncidentDetail($id: ID!) {
    incident(id: $id) {
      id
      number
      title
      description
      severity
      status
      classification
      classificationReason
      classificationComment
      owner {
        assignedTo
        email
        userPrincipalName
      }
      labels
      tactics
      techniques
      providerName
      incidentUrl
      source
      firstActivityAt
      lastActivityAt
      createdAt
      updatedAt
      acknowledgedAt
      closedAt
      alerts {
        id
        displayName
        description
        severity
        productName
        tactics
        techniques
        timeGenerated
      }
      entities {
        id
        kind
        name
        properties
      }
      comments {
        id
        message
        authorName
        authorEmail
        createdAt
      }
      timeline {
        at
        actor
        source
        field
        from
        to
        note
      }
      relatedIncidents(first: 10) {
        sharedEntities
        incident {
          id
          number
          title
          severity
          status
          createdAt
        }
      }
    }
  }
`;
