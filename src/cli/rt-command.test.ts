import { describe, expect, it } from 'vitest';
import { expectClose, referenceCsv, referenceText } from '../modules/situation/reference.fixtures.ts';
import { parseIncidenceCsv, parseRtArgs, RtCommandError, rtFromCsv, runRtCommand } from './rt-command.ts';

const OPTS = { siMean: 5.2, siSd: 2.8, window: 7, format: 'csv' as const };

/** The error a call throws, in both languages. */
function errorOf(fn: () => unknown): { vi: string; en: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof RtCommandError) return { vi: e.vi, en: e.en };
    throw e;
  }
  throw new Error('expected an error');
}

describe('npm run cli -- rt', () => {
  it('prints EpiEstim\'s table for the synthetic series: same header, same windows, same values', () => {
    const out = rtFromCsv(referenceText('rt-synthetic-incidence.csv'), OPTS);
    const [header, ...lines] = out.trimEnd().split('\n');
    expect(header).toBe('t_start,t_end,mean,std,q025,q975');
    const ref = referenceCsv('rt-synthetic-epiestim-si5.2-2.8.csv');
    expect(lines).toHaveLength(ref.length);
    lines.forEach((line, i) => {
      const v = line.split(',').map(Number);
      const r = ref[i]!;
      expect([v[0], v[1]]).toEqual([Number(r.t_start), Number(r.t_end)]);
      (['mean', 'std', 'q025', 'q975'] as const).forEach((col, j) => expectClose(v[j + 2]!, Number(r[col]), `${col} ${r.t_start}`));
    });
  });

  it('prints the same windows as a JSON array of objects', () => {
    const rows = JSON.parse(rtFromCsv(referenceText('rt-synthetic-incidence.csv'), { ...OPTS, format: 'json' }));
    expect(rows).toHaveLength(63);
    expect(Object.keys(rows[0])).toEqual(['t_start', 't_end', 'mean', 'std', 'q025', 'q975']);
    expectClose(rows[0].mean, 6.556578685963963, 'mean 2');
  });

  it('reads quoted fields, a BOM, CRLF line ends, columns in another order and extra columns', () => {
    const text = '\uFEFF"new_cases","date",note\r\n"0","2021-05-01",x\r\n3,2021-05-02,"a, b"\r\n1,2021-05-03,\r\n\r\n';
    expect(parseIncidenceCsv(text)).toEqual({ dates: ['2021-05-01', '2021-05-02', '2021-05-03'], cases: [0, 3, 1] });
  });

  it('names the line of each problem in the file, in Vietnamese and English', () => {
    const file = (...rows: string[]) => ['date,new_cases', ...rows].join('\n');
    expect(errorOf(() => parseIncidenceCsv('date,cases\n2021-05-01,1')).en).toBe('line 1: missing column "new_cases" (the header must have "date,new_cases")');
    expect(errorOf(() => parseIncidenceCsv('date,cases\n2021-05-01,1')).vi).toBe('Dòng 1: thiếu cột "new_cases" (tiêu đề cần có "date,new_cases")');
    expect(errorOf(() => parseIncidenceCsv(file('2021-05-01,1', '2021-05-02,2.5'))).en).toBe('line 3: count "2.5" is not a whole number');
    expect(errorOf(() => parseIncidenceCsv(file('2021-05-01,abc'))).en).toBe('line 2: count "abc" is not a whole number');
    expect(errorOf(() => parseIncidenceCsv(file('2021-05-01,-3'))).en).toBe('line 2: count "-3" is negative');
    expect(errorOf(() => parseIncidenceCsv(file('2021-05-01,'))).en).toBe('line 2: the count is missing (column "new_cases")');
    expect(errorOf(() => parseIncidenceCsv(file('01/05/2021,1'))).en).toBe('line 2: date "01/05/2021" is not a date: write it YYYY-MM-DD, e.g. 2021-05-01');
    expect(errorOf(() => parseIncidenceCsv(file('2021-02-30,1'))).en).toMatch(/^line 2: date "2021-02-30" is not a date/);
    expect(errorOf(() => parseIncidenceCsv(file('2021-05-01,1', '2021-05-02,1', '2021-05-01,1'))).en).toBe('line 4: date 2021-05-01 is earlier than 2021-05-02 on line 3: sort the rows by date');
    expect(errorOf(() => parseIncidenceCsv(file('2021-05-01,1', '2021-05-01,2'))).en).toBe('line 3: date 2021-05-01 repeats line 2');
    expect(errorOf(() => parseIncidenceCsv(file('2021-05-01,1', '2021-05-03,2'))).en).toBe('line 3: day 2021-05-02 is missing: add it with new_cases 0');
    const gap = errorOf(() => parseIncidenceCsv(file('2021-05-01,1', '', '2021-05-05,2')));
    expect(gap.en).toBe('line 4: days 2021-05-02 to 2021-05-04 are missing: add them with new_cases 0');
    expect(gap.vi).toBe('Dòng 4: thiếu các ngày từ 2021-05-02 đến 2021-05-04: thêm các ngày đó với new_cases = 0');
    expect(errorOf(() => parseIncidenceCsv('')).en).toBe('the file is empty: it needs a header "date,new_cases"');
  });

  it('needs window + 1 days for one window', () => {
    const days = (n: number) => ['date,new_cases', ...Array.from({ length: n }, (_, i) => `2021-05-${String(i + 1).padStart(2, '0')},1`)].join('\n');
    expect(errorOf(() => rtFromCsv(days(7), OPTS)).en).toBe('at least 8 days are needed for one 7-day window (the first window starts on day 2); the file has 7');
    expect(rtFromCsv(days(8), OPTS).trimEnd().split('\n')).toHaveLength(2);
    expect(errorOf(() => rtFromCsv(days(8), { ...OPTS, window: 10 })).en).toMatch(/^at least 11 days/);
  });

  it('checks the options: serial interval mean > 1, sd > 0, a whole window, csv or json', () => {
    const base = ['--input', 'x.csv', '--si-mean', '4.7', '--si-sd', '2.9'];
    expect(parseRtArgs(base)).toEqual({ input: 'x.csv', siMean: 4.7, siSd: 2.9, window: 7, format: 'csv' });
    expect(parseRtArgs([...base, '--window', '14', '--format', 'json'])).toMatchObject({ window: 14, format: 'json' });
    expect(errorOf(() => parseRtArgs(['--input', 'x.csv', '--si-mean', '1', '--si-sd', '2'])).en).toBe('--si-mean must be greater than 1 (day), got 1');
    expect(errorOf(() => parseRtArgs(['--input', 'x.csv', '--si-mean', '4', '--si-sd', '0'])).en).toBe('--si-sd must be greater than 0, got 0');
    expect(errorOf(() => parseRtArgs(['--input', 'x.csv', '--si-mean', 'abc', '--si-sd', '2'])).en).toBe('--si-mean must be a number, got "abc"');
    expect(errorOf(() => parseRtArgs(['--si-mean', '4', '--si-sd', '2'])).en).toBe('--input FILE.csv is required');
    expect(errorOf(() => parseRtArgs(['--input', 'x.csv', '--si-sd', '2'])).en).toBe('--si-mean is required');
    expect(errorOf(() => parseRtArgs([...base, '--window', '2.5'])).en).toBe('--window must be a whole number of days >= 1, got "2.5"');
    expect(errorOf(() => parseRtArgs([...base, '--format', 'xlsx'])).en).toBe('--format must be csv or json, got "xlsx"');
    expect(errorOf(() => parseRtArgs([...base, '--bogus'])).en).toMatch(/^bad arguments: /);
  });

  it('writes the table to stdout and exits 0; a bad file goes to stderr with exit code 1', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = (text: string) => ({ readFile: async () => text, stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) });
    const args = ['--input', 'cases.csv', '--si-mean', '5.2', '--si-sd', '2.8'];
    expect(await runRtCommand(args, io(referenceText('rt-synthetic-incidence.csv')))).toBe(0);
    expect(out.join('').split('\n')[1]).toMatch(/^2,8,6\.5565786859639/);
    expect(err).toEqual([]);

    out.length = 0;
    expect(await runRtCommand(args, io('date,new_cases\n2021-05-01,x\n'))).toBe(1);
    expect(out).toEqual([]);
    expect(err.join('')).toBe('lỗi: Dòng 2: số ca "x" không phải số nguyên\nerror: line 2: count "x" is not a whole number\n');

    err.length = 0;
    const missing = { readFile: async () => { throw new Error('ENOENT: no such file'); }, stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) };
    expect(await runRtCommand(args, missing)).toBe(1);
    expect(err.join('')).toContain('error: cannot read cases.csv: ENOENT');
  });
});
