/** The cost estimate: node-hours and RPU-hours from the price table. */
import { describe, expect, it } from 'vitest';
import { clusterHourlyCost, estimateHourlyCost, NODE_PRICES, PRICES_AS_OF, RPU_PRICES, serverlessHourlyCost } from '../../src/infra/cost.js';

describe('cost estimate', () => {
  it('holds the four common node types in both regions', () => {
    for (const region of ['us-east-1', 'us-west-2']) {
      expect(NODE_PRICES[region]).toEqual({ 'ra3.large': 0.543, 'ra3.xlplus': 1.086, 'ra3.4xlarge': 3.26, 'dc2.large': 0.25 });
      expect(RPU_PRICES[region]).toBe(0.375);
    }
  });

  it('multiplies node price by node count, and RPU price by base capacity', () => {
    expect(clusterHourlyCost('us-west-2', 'ra3.large', 1)).toBe(0.543);
    expect(clusterHourlyCost('us-east-1', 'ra3.xlplus', 2)).toBe(2.172);
    expect(clusterHourlyCost('us-east-1', 'dc2.large', 4)).toBe(1);
    expect(serverlessHourlyCost('us-west-2', 8)).toBe(3);
    expect(clusterHourlyCost('eu-west-1', 'ra3.large', 1)).toBeUndefined();
    expect(clusterHourlyCost('us-east-1', 'ra3.16xlarge', 1)).toBeUndefined();
  });

  it('sums what runs, says it is an estimate, and does not charge a paused cluster', () => {
    const estimate = estimateHourlyCost({
      region: 'us-west-2',
      cluster: { name: 'c', nodeType: 'ra3.4xlarge', nodes: 2, status: 'available' },
      workgroup: { name: 'w', baseRpu: 8, status: 'AVAILABLE' },
    });
    expect(estimate.usdPerHour).toBe(9.52);
    expect(estimate.lines.map((l) => [l.basis, l.usdPerHour])).toEqual([
      ['2 x ra3.4xlarge', 6.52],
      ['8 RPU base capacity', 3],
    ]);
    expect(estimate.disclaimer).toMatch(/^estimate:/);
    expect(estimate.pricesAsOf).toBe(PRICES_AS_OF);
    const paused = estimateHourlyCost({ region: 'us-west-2', cluster: { name: 'c', nodeType: 'ra3.large', nodes: 1, status: 'paused' } });
    expect(paused).toMatchObject({ usdPerHour: 0, lines: [] });
  });

  it('shows an unknown price as unknown, not as zero dollars', () => {
    const estimate = estimateHourlyCost({ region: 'ap-south-1', cluster: { name: 'c', nodeType: 'ra3.large', nodes: 1, status: 'available' } });
    expect(estimate.lines[0]).toMatchObject({ basis: '1 x ra3.large', note: expect.stringContaining('no price') });
    expect(estimate.lines[0]?.usdPerHour).toBeUndefined();
  });
});
