/**
 * What the pipeline tells the outside world while it works. The pipeline only emits
 * these; the CLI decides how they look (a bar on a terminal, log lines elsewhere).
 */
import type { StagingKind } from '../records/staging-record.js';

export type Phase = 'list' | 'stage-songs' | 'stage-events' | 'transform' | 'checks';

export type ProgressEvent =
  | { readonly type: 'phase-start'; readonly phase: Phase; readonly files?: number; readonly bytes?: number }
  | { readonly type: 'phase-end'; readonly phase: Phase; readonly seconds: number }
  | {
      readonly type: 'staged';
      readonly kind: StagingKind;
      /** Totals so far in this phase. */
      readonly files: number;
      readonly rows: number;
      readonly bytes: number;
    }
  | { readonly type: 'table-done'; readonly table: string; readonly inserted: number; readonly updated: number; readonly deleted: number };

export type ProgressListener = (event: ProgressEvent) => void;

export const ignoreProgress: ProgressListener = () => undefined;
