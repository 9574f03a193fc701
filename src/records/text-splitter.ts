/**
 * What a splitter hands out and how it is fed, in a file that imports nothing, so the
 * splitters (split-lines.ts, split-objects.ts) and the UTF-8 feeder that drives them
 * depend on it and not on each other.
 */

/** One record's text and where it starts. */
export interface NumberedLine {
  /** 1-based: the line, or for a song file's object, the line it starts on. */
  readonly number: number;
  /** The line (BOM and line ending removed), or a song file's whole object, line breaks included. */
  readonly text: string;
  /** Bytes of it were not UTF-8 (they are U+FFFD in `text`): a rejected record. */
  readonly invalidUtf8?: true;
}

/**
 * Cuts decoded text into records as it arrives: lines (an event log) or objects (a
 * song file, split-objects.ts). `pushInvalid` takes the stand-ins for bytes that were
 * not UTF-8; the record they fall in is marked `invalidUtf8`.
 */
export interface TextSplitter {
  push(text: string): NumberedLine[];
  pushInvalid(text: string): NumberedLine[];
  end(): NumberedLine[];
}
