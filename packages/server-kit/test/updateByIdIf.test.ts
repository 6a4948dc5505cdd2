import { randomBytes } from 'node:crypto';
import mongoose, { Schema, Types } from 'mongoose';
import { isFerretDb, updateByIdIf } from '../src';

let connection: mongoose.Connection;
beforeAll(async () => {
  connection = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: `t${randomBytes(4).toString('hex')}_conditional` }).asPromise();
});
afterAll(() => connection?.close());

test('a revision-guarded update applies once to the revision it read, and never to a changed or missing document', async () => {
  const Ticket = connection.model('Ticket', new Schema({ status: String, rev: Number }));
  const { _id } = await Ticket.create({ status: 'NEW', rev: 1 });

  const first = await updateByIdIf(Ticket, _id, { rev: 1 }, { $set: { status: 'ACTIVE' }, $inc: { rev: 1 } });
  expect(first).toMatchObject({ status: 'ACTIVE', rev: 2 });
  // A second writer that read revision 1 too finds it changed and writes nothing.
  expect(await updateByIdIf(Ticket, _id, { rev: 1 }, { $set: { status: 'CLOSED' }, $inc: { rev: 1 } })).toBeNull();
  expect(await updateByIdIf(Ticket, _id, { status: { $in: ['NEW', 'CLOSED'] } }, { $set: { status: 'CLOSED' } })).toBeNull();
  expect(await updateByIdIf(Ticket, new Types.ObjectId(), { rev: 2 }, { $set: { status: 'CLOSED' } })).toBeNull();
  expect(await Ticket.findById(_id).lean()).toMatchObject({ status: 'ACTIVE', rev: 2 });
  expect(await updateByIdIf(Ticket, _id, { status: { $in: ['ACTIVE'] }, rev: 2 }, { $set: { status: 'CLOSED' } })).toMatchObject({ status: 'CLOSED', rev: 2 });
});

test('the backend is recognised, which decides how a conditional update is sent', async () => {
  // The test database is the embedded FerretDB unless MONGODB_URI points the suite at MongoDB.
  const reportsFerretDb = Boolean((await connection.db!.admin().command({ buildInfo: 1 })).ferretdbVersion);
  expect(await isFerretDb(connection)).toBe(reportsFerretDb);
});
