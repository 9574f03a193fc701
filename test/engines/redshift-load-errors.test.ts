/**
 * Mapping COPY's refused rows, as SYS_LOAD_ERROR_DETAIL returns them (fixed-width
 * CHAR columns, numbers as text), to the RejectedRecord every engine reports.
 */
import { describe, expect, it } from 'vitest';
import { loadErrorsSql, toRejectedRecords, type LoadErrorRow } from '../../src/engines/redshift/load-errors.js';

const PART = 's3://stage/sparkify/staging/parts/events/4f1c.ndjson.gz';
const partLines: Record<number, string> = {
  3: '{"source_file_id":12,"source_line":345,"event_id":1200000345,"user_agent":"' + 'x'.repeat(300) + '"}',
  9: '{"source_file_id":13,"source_line":1,"event_id":1300000001,"page":"NextSong"}',
};
const readPartLine = async (part: string, line: number) => (part === PART ? partLines[line] : undefined);
const uris = new Map([
  [12, 's3://data/log_data/2018/11/2018-11-12-events.json'],
  [13, '/data/log_data/2018-11-13-events.json'],
]);

/** What the view returns: CHAR columns padded with blanks, bigint as text. */
const fakeResultSet: LoadErrorRow[] = [
  { query_id: '5512', file_name: `${PART}${' '.repeat(40)}`, line_number: '3', column_name: 'user_agent   ', error_code: 1204, error_message: 'String length exceeds DDL length   ' },
  { query_id: '5512', file_name: PART, line_number: 9, column_name: 'page', error_code: '1216', error_message: 'Invalid value.' },
  { query_id: '5512', file_name: 's3://elsewhere/unknown.gz', line_number: 4, column_name: null, error_code: null, error_message: null },
];

describe('COPY load errors', () => {
  it('maps each refused row to the input file and line it came from, with the staged text and the reason', async () => {
    expect(await toRejectedRecords(fakeResultSet, readPartLine, (id) => uris.get(id))).toEqual([
      {
        file: 's3://data/log_data/2018/11/2018-11-12-events.json',
        line: 345,
        raw: partLines[3],
        reason: 'column user_agent: String length exceeds DDL length (Redshift load error 1204)',
      },
      {
        file: '/data/log_data/2018-11-13-events.json',
        line: 1,
        raw: partLines[9],
        reason: 'column page: Invalid value. (Redshift load error 1216)',
      },
      {
        file: 's3://elsewhere/unknown.gz',
        line: 4,
        raw: '(the staged line is not available)',
        reason: 'refused by COPY',
      },
    ]);
  });

  it('names the file by id when the ledger does not know it', async () => {
    const [record] = await toRejectedRecords(fakeResultSet.slice(0, 1), readPartLine, () => undefined);
    expect(record?.file).toBe('input file #12');
  });

  it('reads one COPY\'s errors by session, newer than those already read', () => {
    expect(loadErrorsSql).toContain('FROM sys_load_error_detail');
    expect(loadErrorsSql).toMatch(/WHERE session_id = \$session_id\s+AND query_id = \(SELECT MAX\(query_id\)/);
    expect(loadErrorsSql).toContain('query_id > $after_query_id');
  });
});
