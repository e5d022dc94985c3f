import { createHash } from 'node:crypto';
import { OrderRow, SampleFormatError, readSample, riderHashProblem } from './sample-reader';

const H = 'a3f9'.repeat(8);
async function* chunks(text: string, size = 7) {
  for (let i = 0; i < text.length; i += size) yield Buffer.from(text.slice(i, i + size));
}
async function read(text: string, format: 'csv' | 'jsonl' = 'csv', size?: number) {
  const rows: OrderRow[] = [];
  const result = await readSample(chunks(text, size), 'orders', format, (row) => void rows.push({ ...row }));
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
