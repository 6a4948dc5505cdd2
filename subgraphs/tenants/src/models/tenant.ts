import { Schema, type Connection, type Model } from 'mongoose';
import type { TenantConfig } from '@soc/server-kit';

/**
 * A tenant as seeded from tenants.json. `settings` keeps secret *references* (env:NAME) only;
 * no resolver returns them.
 */
export interface TenantDoc {
  _id: string;
  slug: string;
  name: string;
  environment: TenantConfig['environment'];
  settings: Omit<TenantConfig, 'id' | 'slug' | 'name' | 'environment'>;
  updatedAt: Date;
}

const tenantSchema = new Schema<TenantDoc>(
  {
    _id: { type: String, required: true },
    slug: { type: String, required: true },
    name: { type: String, required: true },
    environment: { type: String, required: true },
    settings: { type: Schema.Types.Mixed, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'tenants', versionKey: false },
);
tenantSchema.index({ slug: 1 }, { unique: true });

export const tenantModel = (connection: Connection): Model<TenantDoc> => connection.model<TenantDoc>('Tenant', tenantSchema);
