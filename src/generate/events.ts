/**
 * The event log: users, their sessions in time order, guests. Each user's sessions
 * are laid out one after another (never overlapping), so level changes happen in
 * time order and a user's latest event really is their last one. Session starts
 * follow the sample's hour-of-day curve and quieter weekends (see activity-clock.ts).
 *
 * Exactly `total` events are written: what a user could not fit before the window
 * closed is handed to extra late-joining users, whose first session starts at once.
 */
import { ActivityClock } from './activity-clock.js';
import type { Catalogue } from './catalogue.js';
import { EventTable } from './event-table.js';
import { PlayPicker } from './plays.js';
import type { Random } from './random.js';
import { type ActiveUser, SessionWriter } from './sessions.js';
import { allocateBudgets, createUser, type User, type Window } from './users.js';

export interface EventLog {
  readonly table: EventTable;
  readonly users: readonly User[];
  /** sessionId of each session index, increasing with the session's start time. */
  readonly sessionIds: Int32Array;
}

const DAY_MS = 86_400_000;
const EVENTS_PER_USER = 80;
/** A heavy listener's ceiling: about five and a half hours of music a day. */
const MAX_EVENTS_PER_USER_DAY = 100;
const GUEST_SHARE = 0.003;
const MEAN_EVENT_MS = 200_000;
const MEAN_SESSION_EVENTS = 13;
const MIN_SESSION_GAP_MS = 10 * 60_000;

interface Context {
  readonly random: Random;
  readonly writer: SessionWriter;
  readonly clock: ActivityClock;
  readonly window: Window;
}

export function generateEvents(random: Random, catalogue: Catalogue, total: number, window: Window): EventLog {
  const table = new EventTable(total);
  const writer = new SessionWriter(random, table, new PlayPicker(random, catalogue));
  const context: Context = { random, writer, clock: new ActivityClock(window.start, window.end), window };
  const days = (window.end - window.start) / DAY_MS;
  const cap = Math.max(1, Math.floor(days * MAX_EVENTS_PER_USER_DAY));
  const guestTotal = Math.floor(total * GUEST_SHARE);
  const userTotal = total - guestTotal;
  const userCount = Math.min(userTotal, Math.max(Math.round(userTotal / EVENTS_PER_USER), Math.ceil((userTotal / cap) * 1.5), 1));
  const budgets = allocateBudgets(random, userCount, userTotal, cap);
  // Ids from 2 up, like the sample's, in no relation to activity.
  const idOrder = random.permutation(userCount);

  const users: User[] = [];
  let deficit = 0;
  for (let i = 0; i < userCount; i++) {
    const user = createUser(random, String((idOrder[i] as number) + 2), budgets[i] as number, window);
    users.push(user);
    deficit += user.budget - simulateUser(context, users.length - 1, user, false);
  }
  while (deficit > 0) {
    const user = createUser(random, String(users.length + 2), Math.min(deficit, Math.ceil(cap / 2)), window, true);
    users.push(user);
    deficit -= simulateUser(context, users.length - 1, user, true);
  }
  for (let left = guestTotal; left > 0; ) {
    const start = Math.round(context.clock.toWall(random.between(0, context.clock.length)));
    left -= writer.guestSession(start, Math.min(left, 1 + random.int(6)), window.end).emitted;
  }
  return { table, users, sessionIds: sessionIdsInTimeOrder(random, writer.sessionStarts) };
}

/** Writes one user's sessions; returns how many events fitted in the window. */
function simulateUser(context: Context, index: number, user: User, startAtOnce: boolean): number {
  const { random, writer, clock, window } = context;
  const active: ActiveUser = { index, user, level: user.initialLevel, eventsSoFar: 0, switchesDone: 0 };
  let t = user.joinAt;
  let remaining = user.budget;
  for (let first = true; remaining > 0; first = false) {
    if (!(first && startAtOnce)) {
      // Spread what is left over the (activity) time that is left, with random idle stretches.
      const now = clock.toActivity(t);
      const sessionsLeft = Math.max(1, remaining / MEAN_SESSION_EVENTS);
      const idle = Math.max(0, clock.length - now - remaining * MEAN_EVENT_MS);
      t = clock.toWall(now + random.exponential(idle / (sessionsLeft + 1)) + (first ? 0 : MIN_SESSION_GAP_MS));
    }
    t = Math.round(t);
    if (t >= window.end) break;
    const result = writer.userSession(active, t, Math.min(remaining, sessionLength(random)), window.end);
    remaining -= result.emitted;
    t = result.end;
  }
  return user.budget - remaining;
}

/** Log-normal: many short visits, some long listening sessions (the sample's longest has 124 events). */
function sessionLength(random: Random): number {
  return Math.min(250, Math.max(1, Math.round(Math.exp(Math.log(9) + 0.9 * random.normal()))));
}

function sessionIdsInTimeOrder(random: Random, starts: readonly number[]): Int32Array {
  const order = Array.from(starts.keys()).sort((a, b) => (starts[a] as number) - (starts[b] as number) || a - b);
  const ids = new Int32Array(starts.length);
  const base = 1 + random.int(50);
  order.forEach((session, rank) => (ids[session] = base + rank));
  return ids;
}
