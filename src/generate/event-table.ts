/**
 * Generated events as columns of typed arrays rather than objects: a million events
 * then take ~35 MB instead of several hundred, and sorting a day by time is a sort of
 * integer indices. Strings are attached only when a line is written.
 */

/** App pages, with the method and status the real logs pair them with. */
export enum Page {
  NextSong,
  Home,
  Login,
  Logout,
  Settings,
  SaveSettings,
  Help,
  About,
  Error,
  Upgrade,
  SubmitUpgrade,
  Downgrade,
  SubmitDowngrade,
  Register,
  SubmitRegistration,
}

export const PAGE_INFO: Readonly<Record<Page, { name: string; method: 'GET' | 'PUT'; status: 200 | 307 | 404 }>> = {
  [Page.NextSong]: { name: 'NextSong', method: 'PUT', status: 200 },
  [Page.Home]: { name: 'Home', method: 'GET', status: 200 },
  [Page.Login]: { name: 'Login', method: 'PUT', status: 307 },
  [Page.Logout]: { name: 'Logout', method: 'PUT', status: 307 },
  [Page.Settings]: { name: 'Settings', method: 'GET', status: 200 },
  [Page.SaveSettings]: { name: 'Save Settings', method: 'PUT', status: 307 },
  [Page.Help]: { name: 'Help', method: 'GET', status: 200 },
  [Page.About]: { name: 'About', method: 'GET', status: 200 },
  [Page.Error]: { name: 'Error', method: 'GET', status: 404 },
  [Page.Upgrade]: { name: 'Upgrade', method: 'GET', status: 200 },
  [Page.SubmitUpgrade]: { name: 'Submit Upgrade', method: 'PUT', status: 307 },
  [Page.Downgrade]: { name: 'Downgrade', method: 'GET', status: 200 },
  [Page.SubmitDowngrade]: { name: 'Submit Downgrade', method: 'PUT', status: 307 },
  [Page.Register]: { name: 'Register', method: 'GET', status: 200 },
  [Page.SubmitRegistration]: { name: 'Submit Registration', method: 'PUT', status: 307 },
};

export enum Auth {
  LoggedIn,
  LoggedOut,
  Guest,
}

export const AUTH_NAMES: Readonly<Record<Auth, string>> = {
  [Auth.LoggedIn]: 'Logged In',
  [Auth.LoggedOut]: 'Logged Out',
  [Auth.Guest]: 'Guest',
};

export enum Level {
  Free,
  Paid,
}

export const LEVEL_NAMES: Readonly<Record<Level, string>> = { [Level.Free]: 'free', [Level.Paid]: 'paid' };

/** `user` of a guest event, which belongs to nobody. */
export const NO_USER = -1;

export interface EventFields {
  ts: number;
  session: number;
  item: number;
  user: number;
  page: Page;
  auth: Auth;
  level: Level;
  /** For NextSong: a catalogue index (>= 0) or a ghost song, encoded as -(ghost index + 1). */
  song: number;
}

export class EventTable {
  readonly ts: Float64Array;
  readonly session: Int32Array;
  readonly item: Int32Array;
  readonly user: Int32Array;
  readonly song: Int32Array;
  readonly page: Uint8Array;
  readonly auth: Uint8Array;
  readonly level: Uint8Array;
  private count = 0;

  constructor(readonly capacity: number) {
    this.ts = new Float64Array(capacity);
    this.session = new Int32Array(capacity);
    this.item = new Int32Array(capacity);
    this.user = new Int32Array(capacity);
    this.song = new Int32Array(capacity);
    this.page = new Uint8Array(capacity);
    this.auth = new Uint8Array(capacity);
    this.level = new Uint8Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  push(event: EventFields): void {
    if (this.count >= this.capacity) throw new RangeError(`event table is full (${this.capacity})`);
    const i = this.count++;
    this.ts[i] = event.ts;
    this.session[i] = event.session;
    this.item[i] = event.item;
    this.user[i] = event.user;
    this.song[i] = event.song;
    this.page[i] = event.page;
    this.auth[i] = event.auth;
    this.level[i] = event.level;
  }
}

export const ghostCode = (ghost: number): number => -(ghost + 1);
export const ghostIndex = (code: number): number => -code - 1;
