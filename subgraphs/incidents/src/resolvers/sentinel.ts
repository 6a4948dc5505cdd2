import { authorize, forbidden } from '@soc/server-kit';
import type { SentinelWorkspaceDoc } from '../models';
import { configureSentinelWorkspace, type SentinelWorkspaceInput } from '../services/sentinelWorkspaces';
import type { IncidentsContext } from './context';

export const sentinelQueries = {
  sentinelWorkspace: (_root: unknown, _args: unknown, context: IncidentsContext) =>
    context.models.SentinelWorkspace.findById(authorize(context, 'incidents:read')).lean().exec(),
};

export const sentinelMutations = {
  configureSentinelWorkspace: async (_root: unknown, args: { input: SentinelWorkspaceInput }, context: IncidentsContext) => {
    const workspace = await configureSentinelWorkspace(context.models, context, args.input);
    context.logger.info({ tenantId: workspace._id, workspace: workspace.workspaceName }, 'Sentinel workspace configured');
    return workspace;
  },
  syncSentinel: async (_root: unknown, args: { tenantId?: string | null }, context: IncidentsContext) => {
    const tenantId = authorize(context, 'incidents:write');
    if (args.tenantId && args.tenantId !== tenantId) throw forbidden('tenantId must be the active tenant (send it in x-tenant-id)');
    if (!(await context.models.SentinelWorkspace.exists({ _id: tenantId }))) {
      throw forbidden('This tenant has no Sentinel workspace configured: configureSentinelWorkspace first');
    }
    return context.services.sync.trigger(tenantId);
  },
};

export const SentinelWorkspace = {
  clientSecretRef: (workspace: SentinelWorkspaceDoc) => workspace.clientSecretRef,
  sync: (workspace: SentinelWorkspaceDoc, _args: unknown, context: IncidentsContext) => context.services.sync.state(workspace._id),
};
