/**
 * One event as one log line, in the real key order and style. Every string that
 * repeats (a user's name and browser, a song's title) is escaped once up front, so
 * writing a million lines is string concatenation and number formatting only.
 */
import type { Artist, Catalogue } from './catalogue.js';
import { Auth, AUTH_NAMES, type EventTable, ghostIndex, Level, LEVEL_NAMES, Page, PAGE_INFO } from './event-table.js';
import { logJsonString, pythonFloat } from './json-format.js';
import type { User } from './users.js';

interface UserFields {
  readonly firstName: string;
  readonly gender: string;
  readonly lastName: string;
  readonly location: string;
  readonly registration: string;
  readonly userAgent: string;
  readonly userId: string;
}

interface SongFields {
  readonly artist: string;
  readonly title: string;
  readonly length: string;
}

/** A logged-out visitor or a guest: every personal field null, userId "". */
const NOBODY: UserFields = {
  firstName: 'null',
  gender: 'null',
  lastName: 'null',
  location: 'null',
  registration: 'null',
  userAgent: 'null',
  userId: '""',
};

const userFields = (user: User): UserFields => ({
  firstName: logJsonString(user.firstName),
  gender: logJsonString(user.gender),
  lastName: logJsonString(user.lastName),
  location: logJsonString(user.location),
  registration: pythonFloat(user.registration),
  userAgent: logJsonString(user.userAgent),
  userId: logJsonString(user.id),
});

const songFields = (title: string, artist: string, duration: number): SongFields => ({
  artist: logJsonString(artist),
  title: logJsonString(title),
  // The same number as the song file's duration, so rule 1's tolerance is not even needed.
  length: pythonFloat(duration),
});

const enumValues = <T extends number>(names: Readonly<Record<T, unknown>>): T[] => Object.keys(names).map((key) => Number(key) as T);

export class EventLineWriter {
  private readonly users: UserFields[];
  private readonly songs: SongFields[];
  private readonly ghosts: SongFields[];
  private readonly authPart = new Map<Auth, string>();
  private readonly levelPart = new Map<Level, string>();
  private readonly pagePart = new Map<Page, string>();
  private readonly statusPart = new Map<Page, string>();

  constructor(
    catalogue: Catalogue,
    users: readonly User[],
    private readonly table: EventTable,
    private readonly sessionIds: Int32Array,
  ) {
    this.users = users.map(userFields);
    this.songs = catalogue.songs.map((song) => songFields(song.title, (catalogue.artists[song.artist] as Artist).name, song.duration));
    this.ghosts = catalogue.ghosts.map((ghost) => songFields(ghost.title, ghost.artistName, ghost.duration));
    for (const auth of enumValues<Auth>(AUTH_NAMES)) this.authPart.set(auth, `,"auth":${logJsonString(AUTH_NAMES[auth])}`);
    for (const level of enumValues<Level>(LEVEL_NAMES)) this.levelPart.set(level, `,"level":${logJsonString(LEVEL_NAMES[level])}`);
    for (const page of enumValues<Page>(PAGE_INFO)) {
      const info = PAGE_INFO[page];
      this.pagePart.set(page, `,"method":"${info.method}","page":${logJsonString(info.name)}`);
      this.statusPart.set(page, `,"status":${info.status}`);
    }
  }

  /** The line for event `i` of the table, without a line break. */
  line(i: number): string {
    const table = this.table;
    const page = table.page[i] as Page;
    const auth = table.auth[i] as Auth;
    const person = auth === Auth.LoggedIn ? (this.users[table.user[i] as number] as UserFields) : NOBODY;
    let song: SongFields | null = null;
    if (page === Page.NextSong) {
      const code = table.song[i] as number;
      song = (code >= 0 ? this.songs[code] : this.ghosts[ghostIndex(code)]) as SongFields;
    }
    return (
      `{"artist":${song ? song.artist : 'null'}${this.authPart.get(auth)}` +
      `,"firstName":${person.firstName},"gender":${person.gender},"itemInSession":${table.item[i]}` +
      `,"lastName":${person.lastName},"length":${song ? song.length : 'null'}${this.levelPart.get(table.level[i] as Level)}` +
      `,"location":${person.location}${this.pagePart.get(page)},"registration":${person.registration}` +
      `,"sessionId":${this.sessionIds[table.session[i] as number]},"song":${song ? song.title : 'null'}` +
      `${this.statusPart.get(page)},"ts":${table.ts[i]},"userAgent":${person.userAgent},"userId":${person.userId}}`
    );
  }
}
