import type { Router } from 'express';
import { ErrorCode, graphqlErrorBody, type Principal } from '@soc/server-kit';
import type { TenantsModels } from '../models';
import { resolveApiKey, resolveUserByEmail } from '../services/principals';

/**
 * Identity lookups for the gateway's authentication step. Only the gateway's own service
 * identity may call them: they answer who a credential belongs to.
 */
export function mountInternalPrincipalRoutes(router: Router, models: TenantsModels): void {
  router.use('/principals', (req, res, next) => {
    const principal = res.locals.principal as Principal;
    if (principal.kind !== 'service' || principal.id !== 'gateway') {
      res.status(403).json(graphqlErrorBody(ErrorCode.FORBIDDEN, 'Only the gateway may resolve principals'));
      return;
    }
    next();
  });
  router.post('/principals/user', async (req, res, next) => {
    try {
      const email = typeof req.body?.email === 'string' ? req.body.email : '';
      const user = email ? await resolveUserByEmail(models, email) : null;
      if (!user) res.status(404).json({ found: false });
      else res.json({ found: true, principal: user });
    } catch (error) {
      next(error);
    }
  });
  router.post('/principals/api-key', async (req, res, next) => {
    try {
      const apiKey = typeof req.body?.apiKey === 'string' ? req.body.apiKey : '';
      const client = apiKey ? await resolveApiKey(models, apiKey) : null;
      if (!client) res.status(404).json({ found: false });
      else res.json({ found: true, principal: client });
    } catch (error) {
      next(error);
    }
  });
}
