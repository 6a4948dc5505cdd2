import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { Role } from '@soc/server-kit';

export interface UserDoc {
  _id: Types.ObjectId;
  /** Lower-cased sign-in address; the identity an issuer's token is matched on. */
  email: string;
  displayName: string;
  memberships: Array<{ tenantId: string; roles: Role[] }>;
  createdAt: Date;
  updatedAt: Date;
}

const userSchema = new Schema<UserDoc>(
  {
    email: { type: String, required: true },
    displayName: { type: String, required: true },
    memberships: { type: [{ _id: false, tenantId: String, roles: [String] }], default: [] },
  },
  { collection: 'users', versionKey: false, timestamps: true },
);
userSchema.index({ email: 1 }, { unique: true });
userSchema.index({ 'memberships.tenantId': 1 });

export const userModel = (connection: Connection): Model<UserDoc> => connection.model<UserDoc>('User', userSchema);
