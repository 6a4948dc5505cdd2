import { Schema, type Connection, type Model } from 'mongoose';

/**
 * One claim of a run by a worker, keyed `<analysisId>:<claim number>`. Claims are taken by
 * inserting: FerretDB 1.24 applies a conditional update as read-then-write, so two workers could
 * both win a findOneAndUpdate, but only one can insert a given `_id`.
 */
export interface AnalysisClaimDoc {
  _id: string;
  claimedAt: Date;
}

const claimSchema = new Schema<AnalysisClaimDoc>({ _id: { type: String, required: true }, claimedAt: { type: Date, required: true } }, { collection: 'analysis_claims', versionKey: false });

export const analysisClaimModel = (connection: Connection): Model<AnalysisClaimDoc> => connection.model<AnalysisClaimDoc>('AnalysisClaim', claimSchema);
