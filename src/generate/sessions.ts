/**
 * One session at a time, as the app would log it: itemInSession counts from 0, ts
 * never goes back (a redirect and the page it leads to often share a millisecond, as
 * in the real logs, which is what rule 2's itemInSession tie-break is for), songs are
 * listened to for about their length, and other pages are interleaved. A session may
 * start logged out (Home, Login) and a Logout leaves logged-out events with userId ""
 * in the same session, as the real sessions do.
 */
import { Auth, type EventTable, Level, NO_USER, Page, PAGE_INFO } from './event-table.js';
import type { PlayPicker } from './plays.js';
import { type Random, WeightedSampler } from './random.js';
import type { User } from './users.js';

/** A user's state while their sessions are written, in time order. */
export interface ActiveUser {
  readonly index: number;
  readonly user: User;
  level: Level;
  eventsSoFar: number;
  switchesDone: number;
}

export interface SessionResult {
  readonly emitted: number;
  /** When the last event's page was left (for a song: when it stopped playing). */
  readonly end: number;
}

const LOGGED_OUT_START = 0.08;
const RELOGIN_AFTER_LOGOUT = 0.4;

/** Page mix of logged-in users, close to the sample's (NextSong about 87 %). */
const PAGE_WEIGHTS: Readonly<Record<Level, ReadonlyArray<readonly [Page, number]>>> = {
  [Level.Free]: [
    [Page.NextSong, 0.86], [Page.Home, 0.075], [Page.Settings, 0.008], [Page.Help, 0.006], [Page.About, 0.004],
    [Page.Error, 0.0015], [Page.Logout, 0.013], [Page.Upgrade, 0.005],
  ],
  [Level.Paid]: [
    [Page.NextSong, 0.875], [Page.Home, 0.07], [Page.Settings, 0.008], [Page.Help, 0.005], [Page.About, 0.003],
    [Page.Error, 0.001], [Page.Logout, 0.012], [Page.Downgrade, 0.01],
  ],
};
const GUEST_PAGES: readonly Page[] = [Page.Home, Page.Help, Page.About, Page.Register, Page.Error];

class PageChooser {
  private readonly sampler: WeightedSampler;
  constructor(private readonly weights: ReadonlyArray<readonly [Page, number]>) {
    this.sampler = new WeightedSampler(weights.map(([, weight]) => weight));
  }
  choose(random: Random): Page {
    return (this.weights[this.sampler.sample(random)] as readonly [Page, number])[0];
  }
}

export class SessionWriter {
  /** Start time of each session, by session index (ids are given later, in time order). */
  readonly sessionStarts: number[] = [];
  private readonly choosers: Record<Level, PageChooser> = {
    [Level.Free]: new PageChooser(PAGE_WEIGHTS[Level.Free]),
    [Level.Paid]: new PageChooser(PAGE_WEIGHTS[Level.Paid]),
  };

  constructor(
    private readonly random: Random,
    private readonly table: EventTable,
    private readonly plays: PlayPicker,
  ) {}

  /** Writes up to `limit` events of one session; stops at the window's end. */
  userSession(active: ActiveUser, start: number, limit: number, windowEnd: number): SessionResult {
    const random = this.random;
    const session = this.sessionStarts.push(start) - 1;
    const queue: Page[] = [];
    let loggedIn = true;
    let endWithQueue = false;
    if (random.chance(LOGGED_OUT_START)) {
      loggedIn = false;
      queue.push(Page.Home);
      if (random.chance(0.3)) queue.push(random.chance(0.5) ? Page.About : Page.Help);
      queue.push(Page.Login);
    } else if (random.chance(0.35)) queue.push(Page.Home);

    let t = start;
    let item = 0;
    while (item < limit && t < windowEnd) {
      if (loggedIn && queue.length === 0 && switchDue(active)) {
        queue.push(...(active.level === Level.Free ? [Page.Upgrade, Page.SubmitUpgrade] : [Page.Downgrade, Page.SubmitDowngrade]), Page.Home);
      }
      if (queue.length === 0 && endWithQueue) break;
      const page = queue.shift() ?? this.choosers[active.level].choose(random);
      const song = page === Page.NextSong ? this.plays.pick() : 0;
      const auth = loggedIn ? Auth.LoggedIn : Auth.LoggedOut;
      this.table.push({ ts: t, session, item, user: active.index, page, auth, level: active.level, song });
      item++;
      active.eventsSoFar++;
      t += this.gapAfter(page, song);

      if (page === Page.Login) loggedIn = true;
      else if (page === Page.Logout) {
        loggedIn = false;
        queue.push(Page.Home);
        if (random.chance(RELOGIN_AFTER_LOGOUT)) queue.push(Page.Login);
        else endWithQueue = true;
      } else if (page === Page.SubmitUpgrade || page === Page.SubmitDowngrade) {
        // The submit itself is logged at the old level; the next event shows the new one.
        active.level = page === Page.SubmitUpgrade ? Level.Paid : Level.Free;
        active.switchesDone++;
      } else if (page === Page.Settings && random.chance(0.25)) queue.unshift(Page.SaveSettings);
    }
    return { emitted: item, end: t };
  }

  /** A visitor who never logs in: userId "", auth Guest, level free. */
  guestSession(start: number, limit: number, windowEnd: number): SessionResult {
    const random = this.random;
    const session = this.sessionStarts.push(start) - 1;
    const queue: Page[] = [Page.Home];
    let t = start;
    let item = 0;
    while (item < limit && t < windowEnd) {
      const page = queue.shift() ?? random.pick(GUEST_PAGES);
      this.table.push({ ts: t, session, item, user: NO_USER, page, auth: Auth.Guest, level: Level.Free, song: 0 });
      item++;
      t += this.gapAfter(page, 0);
      if (page === Page.Register && random.chance(0.5)) queue.push(Page.SubmitRegistration);
    }
    return { emitted: item, end: t };
  }

  private gapAfter(page: Page, song: number): number {
    const random = this.random;
    if (page === Page.NextSong) {
      // Mostly listened to the end (the sample's median gap is a song's length), sometimes skipped.
      const ms = this.plays.durationOf(song) * 1000;
      return Math.round(random.chance(0.8) ? ms + random.between(0, 3000) : ms * random.between(0.1, 0.95));
    }
    if (PAGE_INFO[page].status === 307) return random.chance(0.5) ? 0 : Math.round(random.between(100, 3000));
    return random.chance(0.08) ? 0 : Math.round(random.between(2000, 90_000));
  }
}

function switchDue(active: ActiveUser): boolean {
  const next = active.user.levelSwitches[active.switchesDone];
  return next !== undefined && active.eventsSoFar >= next;
}
