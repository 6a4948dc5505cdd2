import { addIncidentComment, updateIncident, type UpdateIncidentInput } from '../services/incidentLifecycle';
import type { IncidentsContext } from './context';

export const Mutation = {
  updateIncident: (_root: unknown, args: { id: string; input: UpdateIncidentInput }, context: IncidentsContext) =>
    updateIncident(context.models, context, args.id, args.input),
  addIncidentComment: (_root: unknown, args: { id: string; message: string }, context: IncidentsContext) =>
    addIncidentComment(context.models, context, args.id, args.message),
};
