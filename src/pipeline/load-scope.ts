/**
 * What an incremental load can change in the star schema: the keys of the staging rows
 * it adds and removes, and the keys that depend on them (sql/scoped-transform.ts). With
 * a scope, pipeline/transform.ts recomputes only those keys' rows, so the work follows
 * the load, not the warehouse. A first load, a rebuild, a full refresh, or a load that
 * touches a large share of staging takes the full transform instead, which is then the
 * cheaper one (docs/design.md, "Incremental loads").
 */
import type { Engine } from '../engines/engine.js';
import { insertWithValues } from '../engines/insert-with-values.js';
import { scopeTables } from '../sql/scoped-transform.js';
import type { StarTableName } from '../sql/star-tables.js';
import { sqlFor, wrappedFor, type SqlStepName } from '../sql/steps.js';
import type { LoadPlan, PlanTotals } from './ledger.js';

/**
 * Above this share of staging (bytes of files read or replaced, per kind; plays in scope
 * against events staged), the full transform runs instead. The scoped path does more
 * per row (lookups by key, and each key's current rows compared), the full one less per
 * row but on every row. One day in 30 (3 %) measured 7–10 times faster scoped; where the
 * two cross was not measured, so a quarter keeps the scoped path well on the side where
 * it wins (docs/design.md, "Incremental loads").
 */
export const SCOPED_SHARE = 0.25;

/** Rows in scope per star table: how many keys each one recomputes (0: left as it is). */
export type StarScope = Readonly<Record<StarTableName, number>>;

/** The scope of a load with nothing new: every table stays as it is. */
export const unchangedScope: StarScope = { songs: 0, artists: 0, users: 0, songplays: 0, time: 0 };

/** Whether a load reads few enough bytes, against what staging will hold, for the scoped path. */
export function fitsScopedTransform(plan: PlanTotals, share = SCOPED_SHARE): boolean {
  return Object.values(plan.bytes).every(({ touched, total }) => touched === 0 || touched <= share * total);
}

export type ScopeTable = (typeof scopeTables)[number];

/** Statistics for the planner on scope tables, where the engine wants them (Dialect.gatherStatistics). */
export async function analyzeScopeTables(engine: Engine, ...tables: ScopeTable[]): Promise<void> {
  const gather = engine.dialect.gatherStatistics;
  if (gather) for (const table of tables) await engine.exec(gather(table));
}

export class LoadScope {
  private constructor(
    private readonly engine: Engine,
    private readonly plan: LoadPlan,
    private readonly share: number,
  ) {}

  /**
   * Starts a load's scope: run before the replaced files' rows are deleted, it keeps
   * their keys (what the load removes). A load with nothing to read needs no tables.
   */
  static async begin(engine: Engine, plan: LoadPlan, share = SCOPED_SHARE): Promise<LoadScope> {
    const scope = new LoadScope(engine, plan, share);
    if (plan.toLoad.length === 0) return scope;
    await scope.run('createScopeFiles');
    await insertWithValues(engine, 'scope_files', ['file_id'], plan.toLoad.map((file) => [file.fileId]));
    await scope.analyze('scope_files');
    await scope.run('createTouchedSongs');
    await scope.run('createTouchedEvents');
    if (plan.toLoad.some((file) => file.replaces)) await scope.touch();
    return scope;
  }

  /**
   * After staging: adds the keys of the rows staged, and works out each star table's
   * scope. Undefined when the plays in scope are too large a share of staging (new
   * songs matching many old events): the full transform is cheaper then.
   */
  async collect(): Promise<StarScope | undefined> {
    if (this.plan.toLoad.length === 0) return unchangedScope;
    await this.touch();
    await this.analyze('touched_songs', 'touched_events');
    for (const step of ['createScopeSongs', 'createScopeArtists', 'createScopePairs', 'createScopeUsers', 'createScopePlayKeys'] as const) {
      await this.run(step);
    }
    await this.analyze('scope_songs', 'scope_artists', 'scope_pairs', 'scope_users');
    // Only a load that touched songs has pairs; the step reads all of staging_events.
    if ((await this.rows('scope_pairs')) > 0) await this.run('addPlayKeysOfPairs');
    await this.run('createScopePlays');
    await this.analyze('scope_plays');
    const plays = await this.rows('scope_plays');
    if (plays > this.share * (await this.stagedEvents())) return undefined;
    await this.run('createScopePlayEvents');
    await this.run('createScopeUserEvents');
    await this.run('createScopeTimes');
    // Not scope_play_events: whole staged rows, slow to sample, and only hashed from then on.
    // scope_user_events is a row or so per user, joined with itself by event_id.
    await this.analyze('scope_user_events', 'scope_times');
    return {
      songs: await this.rows('scope_songs'),
      artists: await this.rows('scope_artists'),
      users: await this.rows('scope_users'),
      songplays: plays,
      time: await this.rows('scope_times'),
    };
  }

  /** Drops the scope's tables (temporary, so a rollback or the session's end drops them too). */
  async drop(): Promise<void> {
    if (this.plan.toLoad.length === 0) return;
    for (const table of scopeTables) await this.engine.exec(`DROP TABLE IF EXISTS ${this.engine.dialect.quoteIdentifier(table)}`);
  }

  /** Copies the keys of the staging rows the load's files hold now. */
  private async touch(): Promise<void> {
    if (this.plan.toLoad.some((file) => file.kind === 'songs')) await this.run('touchSongs');
    if (this.plan.toLoad.some((file) => file.kind === 'events')) await this.run('touchEvents');
  }

  private analyze(...tables: ScopeTable[]): Promise<void> {
    return analyzeScopeTables(this.engine, ...tables);
  }

  private run(step: SqlStepName): Promise<void> {
    return this.engine.exec(wrappedFor(this.engine.dialect, step, sqlFor(this.engine.dialect, step)));
  }

  private async rows(table: ScopeTable): Promise<number> {
    const [row] = await this.engine.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${this.engine.dialect.quoteIdentifier(table)}`);
    return Number(row?.n ?? 0);
  }

  /** Events staged, from the ledger (cheaper than counting staging). */
  private async stagedEvents(): Promise<number> {
    const [row] = await this.engine.query<{ n: number | null }>(`SELECT SUM(rows_loaded) AS n FROM load_files WHERE kind = 'events'`);
    return Number(row?.n ?? 0);
  }
}
