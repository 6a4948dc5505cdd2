import { findByIdInScope } from '@soc/server-kit';
import type { Router } from 'express';
import { Types } from 'mongoose';
import type { AnalysisDoc, AnalysisModels } from '../models';

/**
 * `GET /service/analyses/:id?tenantId=`: one analysis with its results, for other services
 * (notifications mails the report). Tenant-scoped like every read.
 */
export function mountAnalysisReportRoute(router: Router, models: AnalysisModels): void {
  router.get('/analyses/:id', async (req, res, next) => {
    try {
      const tenantId = typeof req.query.tenantId === 'string' ? req.query.tenantId : '';
      if (!tenantId || !Types.ObjectId.isValid(req.params.id)) {
        res.status(404).json({ error: 'analysis not found' });
        return;
      }
      const analysis = await findByIdInScope<AnalysisDoc>(models.Analysis, req.params.id, { tenantId });
      if (!analysis) {
        res.status(404).json({ error: 'analysis not found' });
        return;
      }
      res.json({
        id: analysis._id.toHexString(),
        incidentId: analysis.incidentId,
        status: analysis.status,
        createdAt: analysis.createdAt,
        completedAt: analysis.completedAt,
        verdict: analysis.verdict,
        rootCause: analysis.results.RCA_ANALYST ?? null,
        threatAnalysis: analysis.results.THREAT_ANALYZER ?? null,
        emailVerdict: analysis.results.EMAIL_VERIFIER ?? null,
        severityAssessment: analysis.results.SEVERITY_ASSESSOR ?? null,
        stages: analysis.stages.map(({ agent, status, provider, model, durationMs, error }) => ({ agent, status, provider, model, durationMs, error })),
      });
    } catch (error) {
      next(error);
    }
  });
}
