import { randomBytes } from 'node:crypto';
import mongoose, { Types, type Model } from 'mongoose';
import { createMemoryPubSub, outboxModel, type PubSub } from '@soc/server-kit';
import { PIPELINE_AGENTS } from '../../../src/agents';
import { analysisModels, type AnalysisDoc } from '../../../src/models';
import { analysisChannel, type AnalysisEventMessage } from '../../../src/services/analysisEvents';
import { AnalysisRecorder } from '../../../src/services/pipeline/analysisRecorder';
import { pendingStage } from '../../../src/services/startAnalysis';

/** The recorder against the real database: what subscribers see, and what the document holds. */
let connection: mongoose.Connection;
let Analysis: Model<AnalysisDoc>;

beforeAll(async () => {
  connection = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: `t${randomBytes(4).toString('hex')}_recorder` }).asPromise();
  Analysis = analysisModels(connection).Analysis;
});
afterAll(() => connection?.close());

async function runningAnalysis(): Promise<Types.ObjectId> {
  const doc = await Analysis.create({ tenantId: 'contoso', incidentId: 'i-1', status: 'RUNNING', stages: PIPELINE_AGENTS.map(pendingStage), claim: 1, createdAt: new Date() });
  return doc._id;
}

/** A PubSub that keeps what was published on one analysis's channel. */
function recordingPubSub(analysisId: Types.ObjectId) {
  const memory = createMemoryPubSub();
  const events: AnalysisEventMessage[] = [];
  const pubsub: PubSub = {
    ...memory,
    async publish(channel, payload) {
      if (channel === analysisChannel(analysisId.toHexString())) events.push(JSON.parse(JSON.stringify(payload)) as AnalysisEventMessage);
      await memory.publish(channel, payload);
    },
  };
  return { pubsub, events };
}

/** The analyses model with its findOneAndUpdate counted, and failing with `failure` for the first `failures` calls. */
function instrumented(failures = 0, failure: Error = new Error('no failure')) {
  const counts = { writes: 0 };
  const model = new Proxy(Analysis, {
    get(target, property, receiver) {
      if (property !== 'findOneAndUpdate') return Reflect.get(target, property, receiver);
      return (...args: Parameters<Model<AnalysisDoc>['findOneAndUpdate']>) => {
        counts.writes += 1;
        if (failures-- > 0) return { lean: () => ({ exec: () => Promise.reject(failure) }) };
        return target.findOneAndUpdate(...args);
      };
    },
  });
  return { model, counts };
}

/** The error FerretDB's SQLite backend answers when writers queue past its busy timeout. */
function sqliteBusy(): Error {
  return Object.assign(new Error('[collection.go:177 sqlite.(*collection).UpdateAll.func1] database is locked (5) (SQLITE_BUSY)'), { code: 1, codeName: 'InternalError' });
}

test('changes queued behind a running write share the next one, and every event keeps its own seq, order and stage', async () => {
  const id = await runningAnalysis();
  const { pubsub, events } = recordingPubSub(id);
  const { model, counts } = instrumented();
  const recorder = new AnalysisRecorder(model, outboxModel(connection), pubsub, id, 1);
  const at = new Date();

  // As the runner does: the parallel stages start at once, then finish while earlier writes run.
  const written = [recorder.stageStarted('RCA_ANALYST', at), recorder.stageStarted('THREAT_ANALYZER', at)];
  written.push(recorder.stageFinished('RCA_ANALYST', { ...pendingStage('RCA_ANALYST'), status: 'COMPLETED', startedAt: at, finishedAt: new Date() }, { rootCause: 'x' }));
  written.push(recorder.stageStarted('SEVERITY_ASSESSOR', at));
  await Promise.all(written);
  await recorder.settled();

  expect(events.map((e) => [e.seq, e.type, e.stage?.agent, e.stage?.status])).toEqual([
    [1, 'STAGE_STARTED', 'RCA_ANALYST', 'RUNNING'],
    [2, 'STAGE_STARTED', 'THREAT_ANALYZER', 'RUNNING'],
    [3, 'STAGE_COMPLETED', 'RCA_ANALYST', 'COMPLETED'],
    [4, 'STAGE_STARTED', 'SEVERITY_ASSESSOR', 'RUNNING'],
  ]);
  // RCA's start and finish set the same stage, so they never share a write.
  expect(counts.writes).toBeGreaterThanOrEqual(2);
  expect(counts.writes).toBeLessThan(4);
  const stored = await Analysis.findById(id).lean();
  expect(stored!.seq).toBe(4);
  expect(stored!.stages.map((s) => s.status)).toEqual(['COMPLETED', 'RUNNING', 'PENDING', 'RUNNING', 'PENDING']);
  expect(stored!.results).toEqual({ RCA_ANALYST: { rootCause: 'x' } });
});

test("a write the database refused as busy is tried again, and the run's events stay gapless", async () => {
  const id = await runningAnalysis();
  const { pubsub, events } = recordingPubSub(id);
  const { model, counts } = instrumented(2, sqliteBusy());
  const recorder = new AnalysisRecorder(model, outboxModel(connection), pubsub, id, 1);

  expect(await recorder.stageStarted('RCA_ANALYST', new Date())).not.toBeNull();
  expect(counts.writes).toBe(3);
  expect(recorder.writeFailure).toBeNull();
  expect(events.map((e) => e.seq)).toEqual([1]);
  expect((await Analysis.findById(id).lean())!.seq).toBe(1);
});

test('a database that keeps failing stops the recorder without an unhandled rejection, and nothing more is written', async () => {
  const id = await runningAnalysis();
  const { pubsub, events } = recordingPubSub(id);
  const { model } = instrumented(Number.POSITIVE_INFINITY, sqliteBusy());
  const recorder = new AnalysisRecorder(model, outboxModel(connection), pubsub, id, 1);

  // Fire-and-forget, as the runner records stage starts.
  const started = recorder.stageStarted('RCA_ANALYST', new Date());
  await expect(started).resolves.toBeNull();
  expect(recorder.stopped).toBe(true);
  expect(String(recorder.writeFailure)).toMatch(/SQLITE_BUSY/);
  await expect(recorder.finish('COMPLETED', null)).resolves.toBeNull();
  expect(events).toEqual([]);
  const stored = await Analysis.findById(id).lean();
  expect(stored).toMatchObject({ status: 'RUNNING', seq: 0 });
});
