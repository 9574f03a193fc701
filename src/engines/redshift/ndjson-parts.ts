/**
 * Validated records as gzip NDJSON parts for COPY. Redshift loads many small files
 * slowly (a request and a slice's worth of overhead each), so the records of many
 * input files are bundled into parts of about `maxPartBytes` before compression;
 * `partPerFile` writes one part per input file instead, for comparison.
 *
 * Each line is one JSON object keyed by staging column name, written from the fields
 * records/ validated, so COPY sees exactly what every other engine stores. It also
 * carries what COPY from the raw files could not fill: source_file_id and source_line
 * (first, so a truncated error line still names its record), event_id, and ts twice
 * ("timestamp" for TIMEFORMAT 'epochmillisecs', ts_ms as a number).
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip, type Gzip } from 'node:zlib';
import { eventIdOf, type StagingBatch, type StagingKind, type StagingRecord } from '../../records/staging-record.js';
import { splitLines } from '../../records/split-lines.js';
import { stagingTables, type StagingColumn } from '../../sql/staging-columns.js';

export interface PartPolicy {
  /** Uncompressed bytes after which a part is closed. */
  readonly maxPartBytes: number;
  /** One part per input file (the unbundled way, for comparison). */
  readonly partPerFile: boolean;
}

export const defaultPartPolicy: PartPolicy = { maxPartBytes: 64 << 20, partPerFile: false };

export interface WrittenPart {
  readonly kind: StagingKind;
  /** The local gzip file. */
  readonly file: string;
  /** SHA-256 of the uncompressed lines: the part's identity, and its S3 key. */
  readonly sha256: string;
  readonly rows: number;
  /** Compressed size. */
  readonly bytes: number;
}

type Encoder = (record: StagingRecord) => string;

/** Builds, once per kind, the function that writes one record as one JSON line. */
export function partLineEncoder(kind: StagingKind): Encoder {
  const columns = stagingTables[kind].columns;
  const provenance = columns.filter((column) => 'derived' in column.source && column.source.derived.startsWith('source_'));
  const ordered = [...provenance, ...columns.filter((column) => !provenance.includes(column))];
  const parts = ordered.map((column) => ({ key: JSON.stringify(column.column), value: valueOf(column) }));
  return (record) => {
    let line = '{';
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as (typeof parts)[number];
      line += `${i === 0 ? '' : ','}${part.key}:${jsonValue(part.value(record))}`;
    }
    return `${line}}\n`;
  };
}

/** A value as JSON: an id past 2^53 (a bigint, records/int64.ts) as its exact digits, which COPY reads into a BIGINT. */
function jsonValue(value: string | number | bigint | null): string {
  return typeof value === 'bigint' ? value.toString() : JSON.stringify(value);
}

function valueOf(column: StagingColumn): (record: StagingRecord) => string | number | bigint | null {
  const source = column.source;
  if ('field' in source) {
    const field = source.field;
    return (record) => ((record.fields as unknown as Record<string, string | number | bigint | null>)[field] ?? null);
  }
  switch (source.derived) {
    case 'event_id':
      return (record) => eventIdOf(record.fileId, record.line);
    case 'timestamp_from_ts':
      return (record) => (record.fields as { ts: number }).ts;
    case 'source_file_id':
      return (record) => record.fileId;
    case 'source_line':
      return (record) => record.line;
  }
}

class PartWriter {
  private readonly gzip: Gzip = createGzip({ level: 6 });
  private readonly out;
  private readonly hash = createHash('sha256');
  private pending = '';
  rows = 0;
  rawBytes = 0;

  constructor(readonly file: string) {
    this.out = createWriteStream(file);
    this.gzip.pipe(this.out);
  }

  async add(line: string): Promise<void> {
    this.pending += line;
    this.rows++;
    this.rawBytes += Buffer.byteLength(line);
    if (this.pending.length >= 1 << 20) await this.flush();
  }

  async close(): Promise<{ sha256: string; bytes: number }> {
    await this.flush();
    this.gzip.end();
    await finished(this.out);
    return { sha256: this.hash.digest('hex'), bytes: this.out.bytesWritten };
  }

  /** Drops an unfinished part (the input failed): closes its file without waiting. */
  abort(): void {
    this.gzip.destroy();
    this.out.destroy();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    this.hash.update(this.pending);
    const ok = this.gzip.write(this.pending);
    this.pending = '';
    if (!ok) await once(this.gzip, 'drain');
  }
}

/**
 * Writes the batches into parts under `folder`, handing each finished part to
 * `onPart` (which may upload it while the next one is written, and may make the
 * writer wait by not resolving). Returns every part, in order.
 */
export async function writeParts(
  kind: StagingKind,
  batches: AsyncIterable<StagingBatch>,
  folder: string,
  policy: PartPolicy,
  onPart: (part: WrittenPart) => Promise<void> = async () => undefined,
): Promise<WrittenPart[]> {
  const encode = partLineEncoder(kind);
  const parts: WrittenPart[] = [];
  let writer: PartWriter | undefined;
  let fileId: number | undefined;

  const closePart = async () => {
    if (writer === undefined) return;
    const current = writer;
    writer = undefined;
    const { sha256, bytes } = await current.close();
    const part: WrittenPart = { kind, file: current.file, sha256, rows: current.rows, bytes };
    parts.push(part);
    await onPart(part);
  };

  try {
    for await (const batch of batches) {
      for (const record of batch.records) {
        if (writer && policy.partPerFile && record.fileId !== fileId) await closePart();
        writer ??= new PartWriter(path.join(folder, `${kind}-${String(parts.length).padStart(6, '0')}.ndjson.gz`));
        fileId = record.fileId;
        await writer.add(encode(record));
        if (writer.rawBytes >= policy.maxPartBytes) await closePart();
      }
    }
    await closePart();
  } catch (error) {
    writer?.abort();
    throw error;
  }
  return parts;
}

/** Line `number` (1-based) of a local gzip part, to name the record COPY refused. */
export async function readPartLine(file: string, number: number): Promise<string | undefined> {
  const raw = createReadStream(file);
  const input = raw.pipe(createGunzip());
  raw.on('error', (error) => input.destroy(error));
  try {
    for await (const lines of splitLines(input)) {
      const found = lines.find((line) => line.number === number);
      if (found) return found.text;
    }
    return undefined;
  } finally {
    raw.destroy();
    input.destroy();
  }
}
