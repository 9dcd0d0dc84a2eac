// Loaded with `node --import` into every process the benchmark measures: on exit it records the
// process's own peak RSS and CPU time (getrusage), so no external `time` tool is needed.
import { writeFileSync } from 'node:fs';

const file = process.env['EGRESS_BENCH_USAGE_FILE'];
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssKb: u.maxRSS, userMs: u.userCPUTime / 1000, systemMs: u.systemCPUTime / 1000 }));
  });
}
