/**
 * A rough hourly cost of what `status` sees running: a small on-demand price table, not a
 * bill. Storage, snapshots, data transfer, Concurrency Scaling and Spectrum are not counted.
 *
 * Figures: Amazon Redshift pricing page, https://aws.amazon.com/redshift/pricing/ , on-demand,
 * USD per hour, as last known to the author in 2025 (they could not be re-checked from the
 * offline build environment on 2026-11-25). us-east-1 and us-west-2 charge the same for these.
 * Check the page before relying on them; `PRICES_AS_OF` is printed with every estimate.
 */

export const PRICES_AS_OF = '2025 on-demand list prices (aws.amazon.com/redshift/pricing), not re-checked since';

const samePrices = {
  'ra3.large': 0.543,
  'ra3.xlplus': 1.086,
  'ra3.4xlarge': 3.26,
  'dc2.large': 0.25,
} as const;

/** USD per node-hour, by region and node type. */
export const NODE_PRICES: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'us-east-1': samePrices,
  'us-west-2': samePrices,
};

/** USD per RPU-hour of Redshift Serverless compute, billed per second while queries run. */
export const RPU_PRICES: Readonly<Record<string, number>> = {
  'us-east-1': 0.375,
  'us-west-2': 0.375,
};

export interface CostLine {
  readonly resource: 'cluster' | 'workgroup';
  readonly name: string;
  /** What the figure counts, e.g. "2 x ra3.xlplus" or "8 RPU base capacity, while queries run". */
  readonly basis: string;
  /** Undefined when the table has no price for this node type or region. */
  readonly usdPerHour?: number;
  readonly note?: string;
}

export interface CostEstimate {
  readonly lines: readonly CostLine[];
  /** The sum of the known lines; unknown lines are excluded (and say so). */
  readonly usdPerHour: number;
  readonly pricesAsOf: string;
  readonly disclaimer: string;
}

const round = (usd: number) => Math.round(usd * 1000) / 1000;

export function clusterHourlyCost(region: string, nodeType: string, nodes: number): number | undefined {
  const price = NODE_PRICES[region]?.[nodeType];
  return price === undefined ? undefined : round(price * nodes);
}

export function serverlessHourlyCost(region: string, baseRpu: number): number | undefined {
  const price = RPU_PRICES[region];
  return price === undefined ? undefined : round(price * baseRpu);
}

export interface RunningWarehouse {
  readonly region: string;
  readonly cluster?: { readonly name: string; readonly nodeType: string; readonly nodes: number; readonly status: string };
  readonly workgroup?: { readonly name: string; readonly baseRpu: number; readonly status: string };
}

/** Compute billed while a cluster exists (paused clusters bill only storage), and serverless while it works. */
export function estimateHourlyCost(running: RunningWarehouse): CostEstimate {
  const lines: CostLine[] = [];
  const noPrice = `no price in sparkify's table for this in ${running.region}; see aws.amazon.com/redshift/pricing`;
  const { cluster, workgroup } = running;
  if (cluster && cluster.status !== 'paused' && cluster.status !== 'deleting') {
    const usd = clusterHourlyCost(running.region, cluster.nodeType, cluster.nodes);
    lines.push({
      resource: 'cluster',
      name: cluster.name,
      basis: `${cluster.nodes} x ${cluster.nodeType}`,
      ...(usd === undefined ? { note: noPrice } : { usdPerHour: usd }),
    });
  }
  if (workgroup && workgroup.status !== 'DELETING') {
    const usd = serverlessHourlyCost(running.region, workgroup.baseRpu);
    lines.push({
      resource: 'workgroup',
      name: workgroup.name,
      basis: `${workgroup.baseRpu} RPU base capacity`,
      ...(usd === undefined ? {} : { usdPerHour: usd }),
      note: usd === undefined ? noPrice : 'only while queries run (per second, 60 s minimum); nothing when idle',
    });
  }
  return {
    lines,
    usdPerHour: round(lines.reduce((sum, line) => sum + (line.usdPerHour ?? 0), 0)),
    pricesAsOf: PRICES_AS_OF,
    disclaimer: 'estimate: compute only, on-demand list prices; storage, snapshots and data transfer are extra',
  };
}

/** Hours in the month the docs and the dry run quote: 30 days. */
export const HOURS_PER_MONTH = 720;

export interface PlannedCost {
  /** What the figure counts, e.g. "1 x ra3.large" or "8 RPU base capacity". */
  readonly basis: string;
  /** Undefined when the table has no price for this node type or region. */
  readonly usdPerHour?: number;
  readonly usdPerMonth?: number;
  readonly note: string;
  readonly pricesAsOf: string;
}

/** The compute cost of what `up` would create: a cluster bills every hour it exists, serverless only while it works. */
export function plannedCost(
  region: string,
  warehouse: { readonly nodeType: string; readonly nodes: number } | { readonly baseRpu: number },
): PlannedCost {
  const serverless = 'baseRpu' in warehouse;
  const usd = serverless ? serverlessHourlyCost(region, warehouse.baseRpu) : clusterHourlyCost(region, warehouse.nodeType, warehouse.nodes);
  const basis = serverless ? `${warehouse.baseRpu} RPU base capacity` : `${warehouse.nodes} x ${warehouse.nodeType}`;
  const note = usd === undefined
    ? `no price in sparkify's table for this in ${region}; see aws.amazon.com/redshift/pricing`
    : serverless
      ? 'only while queries run (per second, 60 s minimum); the month figure is the most, if it worked all month'
      : 'billed every hour the cluster exists, used or not; compute only: storage, snapshots and data transfer are extra';
  return {
    basis,
    ...(usd === undefined ? {} : { usdPerHour: usd, usdPerMonth: Math.round(usd * HOURS_PER_MONTH) }),
    note,
    pricesAsOf: PRICES_AS_OF,
  };
}
