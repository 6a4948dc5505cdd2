import type { Request, Response } from 'express';
import { ErrorCode, graphqlErrorBody } from '@soc/server-kit';
import type { DevIssuer } from './devIssuer';
import type { PrincipalDirectory } from './principalDirectory';

/** POST /auth/dev/token {"email"} -> {"token"}: demo sign-in, only outside production. */
export function devTokenRoute(issuer: DevIssuer, directory: PrincipalDirectory) {
  return async (req: Request, res: Response) => {
    const email = typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase() : '';
    if (!email || !email.includes('@')) {
      res.status(400).json(graphqlErrorBody(ErrorCode.BAD_USER_INPUT, 'Send {"email": "<a demo user>"}', { requestId: req.requestId }));
      return;
    }
    const user = await directory.userByEmail(email);
    if (!user) {
      res.status(404).json(graphqlErrorBody(ErrorCode.NOT_FOUND, `No user ${email} in tenants.json`, { requestId: req.requestId }));
      return;
    }
    res.json({ token: await issuer.issue(user), expiresIn: 8 * 3600, user: { email: user.email, displayName: user.displayName } });
  };
}
