import { randomBytes } from 'node:crypto';
import mongoose, { Schema, Types } from 'mongoose';
import { findByIdInScope, matchesScope } from '../src';

let connection: mongoose.Connection;
beforeAll(async () => {
  connection = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: `t${randomBytes(4).toString('hex')}_scope` }).asPromise();
});
afterAll(() => connection?.close());

test("a primary-key read returns the document only inside the caller's scope", async () => {
  const Thing = connection.model('Thing', new Schema({ tenantId: String, memberships: [{ tenantId: String }] }));
  const mine = await Thing.create({ tenantId: 'contoso', memberships: [{ tenantId: 'contoso' }, { tenantId: 'fabrikam' }] });
  const theirs = await Thing.create({ tenantId: 'fabrikam', memberships: [] });

  expect(await findByIdInScope(Thing, mine._id.toHexString(), { tenantId: 'contoso' })).toMatchObject({ tenantId: 'contoso' });
  expect(await findByIdInScope(Thing, theirs._id, { tenantId: 'contoso' })).toBeNull();
  expect(await findByIdInScope(Thing, new Types.ObjectId(), { tenantId: 'contoso' })).toBeNull();
  expect(await findByIdInScope(Thing, 'not-an-id', { tenantId: 'contoso' })).toBeNull();
  expect(await findByIdInScope(Thing, mine._id, { 'memberships.tenantId': 'fabrikam' })).not.toBeNull();
  expect(await findByIdInScope(Thing, mine._id, { tenantId: { $in: [] } })).toBeNull();
});

test('scopes are equality or $in; anything else is refused rather than matched loosely', () => {
  const doc = { tenantId: 'contoso', rev: 3, owner: null };
  expect(matchesScope(doc, { tenantId: { $in: ['fabrikam', 'contoso'] }, rev: 3 })).toBe(true);
  expect(matchesScope(doc, { rev: 4 })).toBe(false);
  expect(matchesScope(doc, { owner: null, missing: null })).toBe(true);
  expect(() => matchesScope(doc, { rev: { $gt: 1 } })).toThrow(/equality and \$in only/);
});
