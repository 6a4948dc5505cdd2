import { Schema, type Connection, type Model } from 'mongoose';
import type { IncidentsModels } from '../models';

interface CounterDoc {
  /** Tenant id. */
  _id: string;
  /** The last number handed out. */
  seq: number;
}

const counterSchema = new Schema<CounterDoc>({ _id: String, seq: Number }, { collection: 'incident_number_counters', versionKey: false });

/**
 * Incident numbers for incidents that arrive without one (SecurityAlert rows): a per-tenant counter,
 * so numbers stay small, unique in the tenant and ascending with arrival, like Sentinel's own.
 * Each allocation first lifts the counter above the tenant's highest existing number, so it never
 * hands out a number the demo feed or the Sentinel sync already gave an incident.
 */
export class IncidentNumberCounter {
  private readonly counters: Model<CounterDoc>;

  constructor(
    connection: Connection,
    private readonly models: IncidentsModels,
  ) {
    this.counters = (connection.models.IncidentNumberCounter as Model<CounterDoc> | undefined) ?? connection.model<CounterDoc>('IncidentNumberCounter', counterSchema);
  }

  /** Reserves `count` consecutive numbers and returns the first; single-document atomic updates only. */
  async reserve(tenantId: string, count: number): Promise<number> {
    const highest = await this.models.Incident.findOne({ tenantId }, { number: 1 }).sort({ number: -1 }).lean();
    await this.counters.updateOne({ _id: tenantId }, { $max: { seq: highest?.number ?? 0 } }, { upsert: true });
    const counter = await this.counters.findOneAndUpdate({ _id: tenantId }, { $inc: { seq: count } }, { new: true }).lean();
    if (!counter) throw new Error(`incident number counter of tenant ${tenantId} vanished`);
    return counter.seq - count + 1;
  }
}
