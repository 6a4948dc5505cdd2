import type { Express, NextFunction, Request, Response } from 'express';
import type { ServiceMetrics } from '../metrics';

export type ReadinessCheck = () => Promise<void>;

/**
 * `/healthz` (the process answers), `/readyz` (its dependencies answer) and `/metrics`
 * (Prometheus text format), plus a request-duration histogram for every route.
 */
export function mountOperationsRoutes(app: Express, metrics: ServiceMetrics, ready: ReadinessCheck): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    const stop = metrics.httpRequestDuration.startTimer({ method: req.method });
    res.on('finish', () => stop({ route: req.route?.path ?? routeLabel(req.path), status: String(res.statusCode) }));
    next();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await ready();
      res.json({ status: 'ready' });
    } catch (error) {
      res.status(503).json({ status: 'unavailable', reason: error instanceof Error ? error.message : String(error) });
    }
  });
  app.get('/metrics', async (_req, res) => {
    res.setHeader('content-type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
}

/** Keeps label cardinality bounded: unknown paths collapse into one label. */
function routeLabel(path: string): string {
  return ['/graphql', '/healthz', '/readyz', '/metrics'].includes(path) ? path : path.startsWith('/internal/') ? '/internal' : 'other';
}
