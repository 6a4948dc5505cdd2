/**
 * The contract between the shell and its remotes. Remotes never import the shell or each other:
 * the shell loads their exposed modules through Module Federation and passes everything they need
 * (the one ApolloClient, the active tenant, the user, navigation) as props.
 *
 * Bump CONTRACT_VERSION when a change breaks either side; the shell shows a remote built against
 * another contract version as incompatible instead of rendering it.
 */
import type { ApolloClient } from '@apollo/client';
import type { ComponentType } from 'react';

export const CONTRACT_VERSION = 1;

export interface SocUser {
  email: string;
  displayName: string;
}

export interface SocTenant {
  id: string;
  name: string;
  /** Roles of the signed-in user in this tenant (VIEWER, ANALYST, ADMIN). */
  roles: string[];
}

/** Props every exposed remote component receives from its host (the shell or its own harness). */
export interface SocHostProps {
  /** The host's ApolloClient: HTTP with auth and tenant headers, subscriptions over graphql-ws. */
  client: ApolloClient;
  tenant: SocTenant;
  user: SocUser;
  /** Client-side navigation to a host path such as `/incidents/<id>`. */
  navigate: (path: string) => void;
}

export interface IncidentScopedProps extends SocHostProps {
  incidentId: string;
}

/** Shape of every exposed module: a default component and the contract version it was built for. */
export interface RemoteModule<P> {
  default: ComponentType<P>;
  contractVersion: number;
}

/** Host paths remotes may link to. */
export const paths = {
  dashboard: () => '/',
  incident: (id: string) => `/incidents/${encodeURIComponent(id)}`,
};

/** Whether the user may start analyses and chat in the tenant. */
export const canWrite = (tenant: SocTenant) => tenant.roles.some((r) => r === 'ANALYST' || r === 'ADMIN');
