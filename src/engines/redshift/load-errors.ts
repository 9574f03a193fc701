/**
 * Rows Redshift's COPY refused, read back from SYS_LOAD_ERROR_DETAIL (which, unlike
 * STL_LOAD_ERRORS, also exists on Redshift Serverless) and mapped to the same
 * RejectedRecord {file, line, raw, reason} every engine reports. Redshift names the
 * part and its line; the part's line names the input file and line it came from
 * (ndjson-parts.ts writes source_file_id and source_line first on every line).
 */
import type { RejectedRecord } from '../../records/staging-record.js';

/** One row of SYS_LOAD_ERROR_DETAIL, as `loadErrorsSql` selects it. */
export interface LoadErrorRow {
  readonly query_id: number | string;
  readonly file_name: string;
  readonly line_number: number | string;
  readonly column_name: string | null;
  readonly error_code: number | string | null;
  readonly error_message: string | null;
}

/**
 * The refused rows of the session's latest COPY that refused any, newer than the last
 * one already read. Asked only after a COPY loaded fewer rows than it was given, or
 * failed, so that is this COPY. By session id, so it also works from a second session
 * after a failed COPY aborted the first one's transaction.
 */
export const loadErrorsSql = `
SELECT query_id, TRIM(file_name) AS file_name, line_number, TRIM(column_name) AS column_name,
       error_code, TRIM(error_message) AS error_message
  FROM sys_load_error_detail
 WHERE session_id = $session_id
   AND query_id = (SELECT MAX(query_id) FROM sys_load_error_detail
                    WHERE session_id = $session_id AND query_id > $after_query_id)
 ORDER BY file_name, line_number
 LIMIT 100001`;

/** Rows the session's latest COPY loaded. */
export const lastCopyCountSql = 'SELECT pg_last_copy_count() AS loaded';

/** Reads line `line` (1-based) of the part at s3:// URI `part`; undefined when unknown. */
export type PartLineReader = (part: string, line: number) => Promise<string | undefined>;

const PROVENANCE = /^\{"source_file_id":(\d+),"source_line":(\d+)[,}]/;

export async function toRejectedRecords(
  rows: readonly LoadErrorRow[],
  readPartLine: PartLineReader,
  fileUri: (fileId: number) => string | undefined,
): Promise<RejectedRecord[]> {
  const records: RejectedRecord[] = [];
  for (const row of rows) {
    const part = row.file_name.trim();
    const partLine = Number(row.line_number);
    const reason = reasonOf(row);
    const text = await readPartLine(part, partLine);
    const provenance = text === undefined ? null : PROVENANCE.exec(text);
    if (text === undefined || provenance === null) {
      // Not one of our parts (or gone): still kept, named by what Redshift said.
      records.push({ file: part, line: partLine, raw: text ?? '(the staged line is not available)', reason });
      continue;
    }
    const fileId = Number(provenance[1]);
    records.push({
      file: fileUri(fileId) ?? `input file #${fileId}`,
      line: Number(provenance[2]),
      raw: text,
      reason,
    });
  }
  return records;
}

function reasonOf(row: LoadErrorRow): string {
  const column = row.column_name?.trim();
  const message = row.error_message?.trim() || 'refused by COPY';
  const code = row.error_code === null || row.error_code === undefined ? '' : ` (Redshift load error ${row.error_code})`;
  return `${column ? `column ${column}: ` : ''}${message}${code}`;
}
