/**
 * How the database runs a find: FerretDB says what it pushes down to its backend, MongoDB which
 * plan (index or collection scan) wins. Printed next to the figures, so a slow query is explained.
 */
import type { Db, Document, Sort } from 'mongodb';

function stagesOf(plan: Document | undefined): string[] {
  if (!plan) return [];
  const stage = String(plan.stage ?? plan.type ?? '?');
  const label = plan.indexName ? `${stage} ${String(plan.indexName)}` : stage;
  const children: Document[] = [plan.inputStage, ...(Array.isArray(plan.inputStages) ? plan.inputStages : [])].filter(Boolean);
  const below = children.flatMap(stagesOf);
  return [label, ...below];
}

export async function explainFind(db: Db, collection: string, filter: Document, sort: Sort, limit: number): Promise<string> {
  try {
    const explained = await db.command({ explain: { find: collection, filter, sort, limit }, verbosity: 'queryPlanner' });
    if ('filterPushdown' in explained || 'sortPushdown' in explained) {
      const flag = (name: string) => `${name} ${explained[name] === true ? 'yes' : explained[name] === false ? 'no' : 'n/a'}`;
      return `FerretDB: ${flag('filterPushdown')}, ${flag('sortPushdown')}, ${flag('limitPushdown')} (everything not pushed down is done in FerretDB over every document of the collection)`;
    }
    const winning = (explained.queryPlanner as Document | undefined)?.winningPlan as Document | undefined;
    const stages = stagesOf((winning?.queryPlan as Document | undefined) ?? winning);
    return stages.length ? `MongoDB winning plan: ${stages.join(' < ')}` : `explain: ${JSON.stringify(explained).slice(0, 300)}`;
  } catch (error) {
    return `explain failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}
