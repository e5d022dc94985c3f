import { Readable } from 'node:stream';
import { ImportLine, importLines } from './import-lines';

const read = async (chunks: string[], maxBody = 1 << 20, maxLine = 16): Promise<ImportLine[]> => {
  const lines: ImportLine[] = [];
  for await (const line of importLines(Readable.from(chunks.map((c) => Buffer.from(c))), maxBody, maxLine)) lines.push(line);
  return lines;
};

describe('importLines', () => {
  it('splits across chunks, drops a CR before the newline, and keeps a last line without one', async () => {
    expect(await read(['a,b\r\nc', 'd,e\n\nf'])).toEqual([
      { line: 1, text: 'a,b' },
      { line: 2, text: 'cd,e' },
      { line: 3, text: '' },
      { line: 4, text: 'f' },
    ]);
  });

  it('counts an overlong line without keeping it, at the boundary', async () => {
    expect(await read(['x'.repeat(16), '\n', 'y'.repeat(10), 'y'.repeat(7), '\nz'])).toEqual([
      { line: 1, text: 'x'.repeat(16) },
      { line: 2, overlongBytes: 17 },
      { line: 3, text: 'z' },
    ]);
  });

  it('keeps a multi-byte character whole when a chunk splits it', async () => {
    const bytes = Buffer.from('骑手\n');
    const lines: ImportLine[] = [];
    for await (const line of importLines(Readable.from([bytes.subarray(0, 2), bytes.subarray(2)]), 1024)) lines.push(line);
    expect(lines).toEqual([{ line: 1, text: '骑手' }]);
  });

  it('stops with 413 past the body limit', async () => {
    await expect(read(['a\n'.repeat(10), 'b\n'.repeat(10)], 25)).rejects.toEqual(expect.objectContaining({ status: 413, code: 'WORKERS.TOO_LARGE' }));
    await expect(read(['a\n'.repeat(10)], 20)).resolves.toHaveLength(10);
  });
});
