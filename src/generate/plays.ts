/**
 * Which song a NextSong event plays: catalogue songs with Zipf popularity (a few hits,
 * a long tail), and a small share of songs the catalogue does not hold, which SPEC
 * rule 1 must keep as plays with NULL song and artist ids.
 */
import type { Catalogue, Song } from './catalogue.js';
import { ghostCode, ghostIndex } from './event-table.js';
import { type Random, zipfSampler, type WeightedSampler } from './random.js';

const GHOST_SHARE = 0.03;
const ZIPF_EXPONENT = 0.95;
/** Keeps the top hit from taking a tenth of all plays, as it would with offset 0. */
const ZIPF_OFFSET = 2;

export class PlayPicker {
  private readonly popularity: WeightedSampler | null;
  /** popularity rank -> catalogue index: hits are random songs, not the first ids. */
  private readonly byRank: Int32Array;

  constructor(
    private readonly random: Random,
    private readonly catalogue: Catalogue,
  ) {
    const count = catalogue.songs.length;
    this.byRank = random.permutation(count);
    this.popularity = count > 0 ? zipfSampler(count, ZIPF_EXPONENT, ZIPF_OFFSET) : null;
  }

  /** A catalogue index, or a ghost encoded by ghostCode. */
  pick(): number {
    if (this.popularity === null || this.random.chance(GHOST_SHARE)) return ghostCode(this.random.int(this.catalogue.ghosts.length));
    return this.byRank[this.popularity.sample(this.random)] as number;
  }

  durationOf(code: number): number {
    if (code >= 0) return (this.catalogue.songs[code] as Song).duration;
    const ghost = this.catalogue.ghosts[ghostIndex(code)];
    if (!ghost) throw new RangeError(`no ghost song ${ghostIndex(code)}`);
    return ghost.duration;
  }
}
