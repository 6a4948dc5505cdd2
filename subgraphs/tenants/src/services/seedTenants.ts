import type { Logger } from 'pino';
import type { TenantsFile } from '@soc/server-kit';
import type { TenantsModels } from '../models';

/**
 * Upserts tenants.json into the database. Idempotent: a second start with the same file changes
 * nothing; a changed file updates the records it names and leaves everything else alone.
 */
export async function seedTenants(models: TenantsModels, file: TenantsFile, logger: Logger): Promise<void> {
  const now = new Date();
  for (const { id, slug, name, environment, ...settings } of file.tenants) {
    await models.Tenant.updateOne(
      { _id: id },
      { $set: { slug: slug ?? id, name, environment, settings, updatedAt: now } },
      { upsert: true },
    );
  }
  for (const user of file.users) {
    await models.User.updateOne(
      { email: user.email },
      {
        $set: { displayName: user.displayName, memberships: user.memberships.map((m) => ({ tenantId: m.tenant, roles: m.roles })) },
      },
      { upsert: true },
    );
  }
  logger.info({ tenants: file.tenants.length, users: file.users.length }, 'tenants file applied');
}
