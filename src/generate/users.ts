/**
 * The user population: who they are (name, gender, town, browser, registration, all
 * fixed per user so rule 2's "latest event" always names the same person), how
 * active they are, and when they change subscription level.
 */
import { Level } from './event-table.js';
import { type Random, WeightedSampler } from './random.js';
import { FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES, USER_AGENTS, USER_LOCATIONS } from './vocabulary.js';

export interface User {
  readonly id: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly gender: 'F' | 'M';
  readonly location: string;
  readonly userAgent: string;
  /** Epoch milliseconds; written as a float (`1540919166796.0`) like the real logs. */
  readonly registration: number;
  readonly initialLevel: Level;
  /**
   * Counts of this user's own events after which they submit a level change; each
   * toggles free/paid. Usually empty; a free user may upgrade and, rarely, go back.
   */
  readonly levelSwitches: readonly number[];
  /** When the user's first session may start (late joiners register mid-window). */
  readonly joinAt: number;
  /** How many events this user should produce. */
  readonly budget: number;
}

export interface Window {
  readonly start: number;
  readonly end: number;
}

const DAY_MS = 86_400_000;
const JOINER_SHARE = 0.15;
const UPGRADE_SHARE = 0.2;
const DOWNGRADE_AFTER_UPGRADE_SHARE = 0.15;
const DOWNGRADE_SHARE = 0.06;

// Browsers are as skewed as in the sample: a few agents cover most users.
const agentPopularity = new WeightedSampler(USER_AGENTS.map((_, rank) => 1 / (rank + 2)));

/** `lateJoiner` forces a user who joins in the first half of the window (used to top up events). */
export function createUser(random: Random, id: string, budget: number, window: Window, lateJoiner = false): User {
  const female = random.chance(0.5);
  const joiner = lateJoiner || random.chance(JOINER_SHARE);
  const span = window.end - window.start;
  const joinAt = joiner ? window.start + Math.floor(random.next() * span * (lateJoiner ? 0.5 : 0.6)) : window.start;
  // Joiners register just before their first session; the others weeks or months ago.
  const registration = joiner ? joinAt - random.int(3 * 3_600_000) : window.start - DAY_MS - random.int(200 * DAY_MS);
  // Paying users listen more: in the sample four events in five are at level paid.
  const paidChance = Math.min(0.85, 0.2 + 0.25 * Math.log10(budget + 1));
  const initialLevel = random.chance(paidChance) ? Level.Paid : Level.Free;
  return {
    id,
    firstName: random.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES),
    lastName: random.pick(LAST_NAMES),
    gender: female ? 'F' : 'M',
    location: random.pick(USER_LOCATIONS),
    userAgent: USER_AGENTS[agentPopularity.sample(random)] as string,
    registration,
    initialLevel,
    levelSwitches: levelSwitches(random, initialLevel, budget),
    joinAt,
    budget,
  };
}

function levelSwitches(random: Random, initial: Level, budget: number): number[] {
  const at = (low: number, high: number): number => Math.floor(budget * random.between(low, high));
  if (initial === Level.Free && random.chance(UPGRADE_SHARE)) {
    return random.chance(DOWNGRADE_AFTER_UPGRADE_SHARE) ? [at(0.1, 0.45), at(0.55, 0.9)] : [at(0.1, 0.9)];
  }
  if (initial === Level.Paid && random.chance(DOWNGRADE_SHARE)) return [at(0.1, 0.9)];
  return [];
}

/**
 * Splits `total` events over `count` users with log-normal activity (a few heavy
 * listeners, a long tail), no user above `cap`: water-filling from the top, then
 * whole numbers by largest share. The caller makes sure count * cap > total.
 */
export function allocateBudgets(random: Random, count: number, total: number, cap: number): Int32Array {
  const budgets = new Int32Array(count);
  if (count === 0 || total === 0) return budgets;
  const weights = Array.from({ length: count }, () => Math.exp(1.3 * random.normal()));
  const order = Array.from({ length: count }, (_, i) => i).sort((x, y) => (weights[y] as number) - (weights[x] as number));

  let remaining = total;
  let weightLeft = weights.reduce((sum, weight) => sum + weight, 0);
  let first = 0;
  // The heaviest users first: once one fits under the cap, all lighter ones do.
  while (first < count) {
    const user = order[first] as number;
    const weight = weights[user] as number;
    if ((remaining * weight) / weightLeft < cap) break;
    budgets[user] = cap;
    remaining -= cap;
    weightLeft -= weight;
    first++;
  }
  let assigned = 0;
  for (let k = first; k < count; k++) {
    const user = order[k] as number;
    budgets[user] = Math.floor((remaining * (weights[user] as number)) / weightLeft);
    assigned += budgets[user] as number;
  }
  if (first === count) return budgets;
  // Rounding leaves fewer than `count` events over: one more each, heaviest first.
  for (let k = first, left = remaining - assigned; left > 0; k = k + 1 < count ? k + 1 : first) {
    const user = order[k] as number;
    if ((budgets[user] as number) < cap) {
      budgets[user] = (budgets[user] as number) + 1;
      left--;
    }
  }
  return budgets;
}
