import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { Scope } from '@soc/server-kit';

export interface ApiClientDoc {
  _id: Types.ObjectId;
  tenantId: string;
  name: string;
  scopes: Scope[];
  /** Public part of the key, used to find the record; the secret part is only stored hashed. */
  keyId: string;
  /** SHA-256 of the whole key (keys are 256-bit random, so a fast hash is enough). */
  keyHash: string;
  keyPrefix: string;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

const apiClientSchema = new Schema<ApiClientDoc>(
  {
    tenantId: { type: String, required: true },
    name: { type: String, required: true },
    scopes: { type: [String], required: true },
    keyId: { type: String, required: true },
    keyHash: { type: String, required: true },
    keyPrefix: { type: String, required: true },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
    lastUsedAt: { type: Date, default: null },
  },
  { collection: 'api_clients', versionKey: false },
);
apiClientSchema.index({ keyId: 1 }, { unique: true });
apiClientSchema.index({ tenantId: 1, createdAt: -1 });

export const apiClientModel = (connection: Connection): Model<ApiClientDoc> => connection.model<ApiClientDoc>('ApiClient', apiClientSchema);
