/**
 * A time warp that makes sessions start more often in busy hours. Users' timelines are
 * laid out in "activity time", which runs fast through quiet hours (3 am, weekends)
 * and slow through busy ones; converting back to wall-clock time gives session starts
 * with a density proportional to the hour's activity. (Drawing a time and walking
 * forward until an hour "accepts" it flattens the curve: starts pile up right after
 * quiet spells.)
 */

const HOUR_MS = 3_600_000;
/** Events per hour of day (UTC) in the sample: quiet at 3 am, busiest at 4 pm. */
const HOUR_ACTIVITY = [185, 201, 157, 130, 159, 206, 230, 219, 246, 311, 356, 391, 368, 415, 504, 577, 626, 572, 579, 431, 397, 326, 247, 223];
/** The sample's Saturdays and Sundays carry about half a weekday's events. */
const WEEKEND_ACTIVITY = 0.5;

export class ActivityClock {
  /** Activity time (ms) at the start of each hour of the window; scaled so both clocks span the same length. */
  private readonly atHour: Float64Array;

  constructor(
    private readonly start: number,
    private readonly end: number,
  ) {
    const hours = Math.ceil((end - start) / HOUR_MS);
    const weights = new Float64Array(hours);
    let total = 0;
    for (let h = 0; h < hours; h++) {
      const date = new Date(start + h * HOUR_MS);
      const weekday = date.getUTCDay();
      weights[h] = (HOUR_ACTIVITY[date.getUTCHours()] as number) * (weekday === 0 || weekday === 6 ? WEEKEND_ACTIVITY : 1);
      total += weights[h] as number;
    }
    this.atHour = new Float64Array(hours + 1);
    const scale = (end - start) / total;
    for (let h = 0; h < hours; h++) this.atHour[h + 1] = (this.atHour[h] as number) + (weights[h] as number) * scale;
  }

  /** Wall-clock epoch ms -> activity ms since the window's start. */
  toActivity(wall: number): number {
    const offset = Math.min(Math.max(wall - this.start, 0), this.end - this.start);
    const hour = Math.min(Math.floor(offset / HOUR_MS), this.atHour.length - 2);
    const from = this.atHour[hour] as number;
    return from + ((this.atHour[hour + 1] as number) - from) * ((offset - hour * HOUR_MS) / HOUR_MS);
  }

  /** Activity ms since the window's start -> wall-clock epoch ms (the end if beyond it). */
  toWall(activity: number): number {
    const last = this.atHour.length - 1;
    if (activity >= (this.atHour[last] as number)) return this.end;
    let low = 0;
    let high = last - 1;
    // The hour whose span holds `activity`.
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((this.atHour[middle] as number) <= activity) low = middle;
      else high = middle - 1;
    }
    const from = this.atHour[low] as number;
    const span = (this.atHour[low + 1] as number) - from;
    return Math.min(this.end, this.start + low * HOUR_MS + (span > 0 ? ((activity - from) / span) * HOUR_MS : 0));
  }

  get length(): number {
    return this.atHour[this.atHour.length - 1] as number;
  }
}
