/**
 * Fetches the next few small files while the current one is read, so thousands of
 * small song objects do not cost one round trip each in sequence. Bounded twice: at
 * most `concurrency` files and `maxBytes` bytes are held before the reader takes
 * them; files above `maxFileBytes` are left to be streamed on demand.
 */

export interface ReadAheadLimits {
  readonly concurrency: number;
  readonly maxBytes: number;
  readonly maxFileBytes: number;
}

export interface Planned {
  readonly uri: string;
  readonly size: number;
}

interface Fetching {
  readonly size: number;
  readonly bytes: Promise<Buffer>;
}

export class ReadAhead {
  private readonly files: readonly Planned[];
  private nextIndex = 0;
  private heldBytes = 0;
  private readonly fetching = new Map<string, Fetching>();

  constructor(
    files: readonly Planned[],
    private readonly fetch: (file: Planned) => Promise<Buffer>,
    private readonly limits: ReadAheadLimits,
  ) {
    this.files = files.filter((file) => file.size <= limits.maxFileBytes);
    this.fill();
  }

  /** The bytes of `uri` if they were fetched ahead (or are on their way); else undefined. */
  take(uri: string): Promise<Buffer> | undefined {
    const entry = this.fetching.get(uri);
    if (entry) {
      this.fetching.delete(uri);
      this.heldBytes -= entry.size;
    }
    this.fill();
    return entry?.bytes;
  }

  /** Files fetched ahead and not taken yet. */
  get pending(): number {
    return this.fetching.size;
  }

  private fill(): void {
    while (this.nextIndex < this.files.length && this.fetching.size < this.limits.concurrency) {
      const file = this.files[this.nextIndex];
      if (file === undefined || (this.heldBytes + file.size > this.limits.maxBytes && this.fetching.size > 0)) return;
      this.nextIndex++;
      const bytes = this.fetch(file);
      // The reader sees a failure when it takes the file; until then it must not be "unhandled".
      bytes.catch(() => undefined);
      this.fetching.set(file.uri, { size: file.size, bytes });
      this.heldBytes += file.size;
    }
  }
}
