import { findByIdInScope } from '@soc/server-kit';
import type { Router } from 'express';
import type { IncidentDoc, IncidentsModels } from '../models';

/**
 * `GET /service/incidents/:id?tenantId=`: the incident as other services need it (the analysis
 * agents' context, notification mails). Tenant-scoped like every read; 404 for a foreign id.
 */
export function mountIncidentContextRoute(router: Router, models: IncidentsModels): void {
  router.get('/incidents/:id', async (req, res, next) => {
    try {
      const tenantId = typeof req.query.tenantId === 'string' ? req.query.tenantId : '';
      const incident = tenantId ? await findByIdInScope<IncidentDoc>(models.Incident, req.params.id, { tenantId }) : null;
      if (!incident) {
        res.status(404).json({ error: 'incident not found' });
        return;
      }
      res.json({
        id: incident._id.toHexString(),
        tenantId: incident.tenantId,
        number: incident.number,
        title: incident.title,
        description: incident.description,
        severity: incident.severity,
        status: incident.status,
        classification: incident.classification,
        owner: incident.owner,
        labels: incident.labels,
        tactics: incident.tactics,
        techniques: incident.techniques,
        providerName: incident.providerName,
        alertProductNames: incident.alertProductNames,
        createdAt: incident.createdAt,
        alerts: incident.alerts.map(({ displayName, description, severity, productName, tactics, techniques, timeGenerated }) => ({ displayName, description, severity, productName, tactics, techniques, timeGenerated })),
        entities: incident.entities.map(({ kind, friendlyName, properties }) => ({ kind, friendlyName, properties })),
        comments: incident.comments.map(({ message, authorName, createdAt }) => ({ message, authorName, createdAt })),
      });
    } catch (error) {
      next(error);
    }
  });
}
