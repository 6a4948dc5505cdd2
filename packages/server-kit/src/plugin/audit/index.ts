import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { Model } from 'mongoose';
import type { Principal } from '../../auth/principal';
import type { RequestContext } from '../../context';
import type { Logger } from '../../logger';
import type { AuditRecord } from './auditModel';

export { auditModel, type AuditRecord } from './auditModel';

export interface AuditEntry {
  service: string;
  principal: Principal;
  /** The tenant acted on (a webhook's tenant may differ from the principal's). */
  tenantId: string | null;
  operationName: string | null;
  fields: string[];
  /** Empty: the call succeeded. */
  errorCodes: string[];
  requestId: string;
}

/** Writes one audit record; a failure to write it is logged, never the caller's failure. */
export async function recordAudit(audit: Model<AuditRecord>, entry: AuditEntry, logger: Logger): Promise<void> {
  const { principal, errorCodes, ...rest } = entry;
  try {
    await audit.create({
      ...rest,
      actor: { kind: principal.kind, id: principal.id, email: principal.email },
      outcome: errorCodes.length ? 'ERROR' : 'SUCCESS',
      errorCodes,
      at: new Date(),
    });
  } catch (error) {
    logger.error({ err: error, fields: entry.fields, requestId: entry.requestId }, 'audit record could not be written');
  }
}

/**
 * Writes one audit record per mutation (who, tenant, what, outcome, when) into the service's own
 * `audit_records` collection. Variables are not stored: they may carry secrets.
 */
export function useAudit(service: string, audit: Model<AuditRecord>): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, contextValue, response, errors }) {
          if (operation?.operation !== 'mutation') return;
          const fields = rootFieldNames(operation);
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const allErrors = [...(errors ?? []), ...(body?.errors ?? [])];
          const { principal, requestId, logger } = contextValue;
          const errorCodes = [...new Set(allErrors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))];
          await recordAudit(audit, { service, principal, tenantId: principal.tenantId, operationName: operation.name?.value ?? null, fields, errorCodes, requestId }, logger);
        },
      };
    },
  };
}

function rootFieldNames(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
}
