import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { OrderRow, SampleFormatError, readSample, riderHashProblem, sampleNames, sampleRow } from './sample-reader';

const H = 'a3f9'.repeat(8);
async function* chunks(text: string, size = 7) {
  for (let i = 0; i < text.length; i += size) yield Buffer.from(text.slice(i, i + size));
}
async function read(text: string, format: 'csv' | 'jsonl' = 'csv', size?: number) {
  const rows: OrderRow[] = [];
  const result = await readSample(chunks(text, size), 'orders', format, ({ rider: _rider, date: _date, ...row }) => void rows.push(row));
  return { ...result, rows };
}

describe('readSample', () => {
  it('reads CSV with a header in any column order, across chunk boundaries, and hashes the bytes', async () => {
    const text = `day,riderHash,km,minutes,night,badWeather\n2026-10-01,${H},3.5,25,1,0\r\n2026-10-01,${H},1,10,false,true\n`;
    const r = await read(text);
    expect(r.rows).toEqual([
      { riderHash: H, day: '2026-10-01', km: 3.5, minutes: 25, night: true, badWeather: false },
      { riderHash: H, day: '2026-10-01', km: 1, minutes: 10, night: false, badWeather: true },
    ]);
    expect(r.sha256).toBe(createHash('sha256').update(text).digest('hex'));
    expect(r.rejected).toEqual([]);
  });

  it('reports each bad row by its line and keeps the good ones', async () => {
    const text = [
      'riderHash,day,km,minutes,night,badWeather',
      `${H},2026-02-30,1,10,0,0`,
      `${H},2026-10-01,-1,10,0,0`,
      `${H},2026-10-01,1,10,maybe,0`,
      `${H},2026-10-01,1,10,0`,
      `"${H}","2026-10-01",2,10,0,0`,
      `"${H},2026-10-01,2,10,0,0`,
      `${H},2026-10-01,2,10,0,0`,
    ].join('\n');
    const r = await read(text);
    expect(r.rows).toHaveLength(2);
    expect(r.rejected.map((x) => x.line)).toEqual([2, 3, 4, 5, 7]);
    expect(r.rejected[0].message).toMatch(/day/);
    expect(r.rejected[1].message).toMatch(/km/);
    expect(r.rejected[3].message).toMatch(/expected 6 fields/);
    expect(r.rejected[4].message).toMatch(/not valid CSV/);
    expect(r.rejectedCount).toBe(5);
  });

  it('rejects an overlong line on its own without holding it, and goes on', async () => {
    const text = `riderHash,day,km,minutes,night,badWeather\n${'x'.repeat(3_000_000)}\n${H},2026-10-01,2,10,0,0\n`;
    const r = await read(text, 'csv', 65536);
    expect(r.rows).toHaveLength(1);
    expect(r.rejected).toEqual([{ line: 2, message: expect.stringMatching(/longer than/) }]);
  });

  it('reads JSON lines and refuses unknown fields and non-objects', async () => {
    const good = { riderHash: H, day: '2026-10-01', km: 2, minutes: 10, night: false, badWeather: false };
    const text = [JSON.stringify(good), '[1,2]', JSON.stringify({ ...good, phone: '1' }), '{bad'].join('\n');
    const r = await read(text, 'jsonl');
    expect(r.rows).toEqual([good]);
    expect(r.rejected.map((x) => x.line)).toEqual([2, 3, 4]);
  });

  it('refuses a CSV without the header line as a whole', async () => {
    await expect(read(`${H},2026-10-01,2,10,0,0\n`)).rejects.toBeInstanceOf(SampleFormatError);
    await expect(read('')).rejects.toBeInstanceOf(SampleFormatError);
  });

  it('refuses zero online minutes', async () => {
    const r = await readSample(chunks(`riderHash,day,onlineMinutes\n${H},2026-10-01,0\n${H},2026-10-02,60\n`), 'online_time', 'csv', () => null);
    expect(r.rows).toBe(1);
    expect(r.rejected[0]).toEqual({ line: 2, message: expect.stringMatching(/onlineMinutes/) });
  });
});

describe('the plain-CSV fast path', () => {
  const value = (...choices: string[]) => fc.constantFrom(...choices);
  const field = {
    riderHash: value(H, 'b7'.repeat(16), '13812345678', '420302199001011234', '1234567890123456', 'short', `${H} `, `x${H}`, 'a-b_c'.repeat(4), '-'.repeat(16)),
    day: value('2026-10-01', '2026-10-02', '2026-02-30', '2026-1-01', ' 2026-10-01', '20261001xx'),
    km: value('3', '3.5', '0', '0.0', '500', '500.01', '3.', '.5', '1e1', '-1', ' 2', '0x10', '00012.50', '1234567890123456', '3.14159', ''),
    minutes: value('25', '0', '1440', '1441', '10.0', '2.5', 'x', ''),
    flag: value('0', '1', 'true', 'false', '2', ' 1', ''),
  };
  const line = fc.tuple(field.riderHash, field.day, field.km, field.minutes, field.flag, field.flag);

  it('reads every line exactly as the general reader (sampleRow) does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 30 }), async (lines) => {
        const text = ['riderHash,day,km,minutes,night,badWeather', ...lines.map((l) => l.join(','))].join('\n');
        const expected = lines.map((l) => {
          const row = sampleRow('orders', (name) => l[['riderHash', 'day', 'km', 'minutes', 'night', 'badWeather'].indexOf(name)].trim());
          return typeof row === 'string' ? row : { ...row };
        });
        const names = sampleNames();
        const got: Array<OrderRow | string> = lines.map(() => 'rejected');
        let at = 0;
        const r = await readSample(chunks(text, 64), 'orders', 'csv', (row) => {
          while (typeof expected[at] === 'string') at++;
          const { rider, date, ...rest } = row;
          expect([names.riders.list[rider], names.dates.list[date]]).toEqual([rest.riderHash, rest.day]);
          got[at++] = rest;
        }, names);
        expect(got.map((g, i) => (typeof expected[i] === 'string' ? 'rejected' : g))).toEqual(expected.map((e) => (typeof e === 'string' ? 'rejected' : e)));
        expect(r.rejected.map((x) => x.message)).toEqual(expected.filter((e): e is string => typeof e === 'string'));
      }),
      { numRuns: 300 },
    );
  });

  it('numbers each rider and day once, in the order they appear', async () => {
    const G = 'c4'.repeat(16);
    const text = `riderHash,day,km,minutes,night,badWeather\n${H},2026-10-01,1,5,0,0\n${G},2026-10-01,1,5,0,0\n"${H}",2026-10-02,1,5,0,0\n${G},2026-10-02,1,5,1,1\n`;
    const names = sampleNames();
    const seen: Array<[number, number]> = [];
    await readSample(chunks(text), 'orders', 'csv', (row) => void seen.push([row.rider, row.date]), names);
    expect(seen).toEqual([[0, 0], [1, 0], [0, 1], [1, 1]]);
    expect(names.riders.list).toEqual([H, G]);
    expect(names.dates.list).toEqual(['2026-10-01', '2026-10-02']);
  });

  it('skips a byte-order mark before the header', async () => {
    const r = await read(`\ufeffriderHash,day,km,minutes,night,badWeather\n${H},2026-10-01,1,5,0,0\n`);
    expect(r.rows).toHaveLength(1);
  });
});

describe('riderHashProblem: rider ids only as hashes', () => {
  it.each(['13812345678', '+86 138-1234-5678', '8613812345678'])('refuses the phone number %s', (v) => {
    expect(riderHashProblem(v)).toMatch(/phone/);
  });
  it.each(['42030219900101123X', '420302199001011234', '420302900101123'])('refuses the ID-card number %s', (v) => {
    expect(riderHashProblem(v)).toMatch(/ID-card/);
  });
  it('refuses other bare numbers and short or odd values, and takes digests', () => {
    expect(riderHashProblem('1234567890123456')).toMatch(/digits/);
    expect(riderHashProblem('rider42')).toMatch(/hash/);
    expect(riderHashProblem(createHash('sha256').update('r').digest('hex'))).toBeNull();
    expect(riderHashProblem(createHash('sha256').update('r').digest('base64url'))).toBeNull();
  });
});
