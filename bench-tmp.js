const { readSample } = require('./dist/src/costing/sample-reader');
const { RiderDays } = require('./dist/src/costing/rider-day');
const N = 1_000_000;
const hashes = Array.from({ length: 10000 }, (_, i) => require('crypto').createHash('sha256').update(String(i)).digest('hex'));
const bufs=[]; { let s = 'riderHash,day,km,minutes,night,badWeather\n'; for (let i = 0; i < N; i++) { s += `${hashes[i % 10000]},2026-10-${String(1 + ((i / 10000 | 0) % 28)).padStart(2,'0')},${(i % 97) / 10},${20 + (i%30)},${i%5===0?1:0},${i%7===0?1:0}\n`; if (s.length > 65536) { bufs.push(Buffer.from(s)); s=''; } } bufs.push(Buffer.from(s)); }
(async () => {
  const t = Date.now(); const days = new RiderDays();
  const r = await readSample(bufs, 'orders', 'csv', (row) => { days.add(row.riderHash, row.day, row); });
  console.log(r.rows, r.rejectedCount, days.size, Date.now() - t, 'ms', Math.round(process.memoryUsage().rss/1e6), 'MB');
})();
