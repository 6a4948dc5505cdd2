import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { Model } from 'mongoose';
import type { RequestContext } from '../../context';
import type { AuditRecord } from './auditModel';

export { auditModel, type AuditRecord } from './auditModel';

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
          try {
            await audit.create({
              service,
              tenantId: principal.tenantId,
              actor: { kind: principal.kind, id: principal.id, email: principal.email },
              operationName: operation.name?.value ?? null,
              fields,
              outcome: allErrors.length ? 'ERROR' : 'SUCCESS',
              errorCodes: [...new Set(allErrors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))],
              requestId,
              at: new Date(),
            });
          } catch (error) {
            logger.error({ err: error, fields }, 'audit record could not be written');
          }
        },
      };
    },
  };
}

function rootFieldNames(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
}
