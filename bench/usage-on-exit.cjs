// Preload for benchmarked processes (`node --require`): on exit, writes the process's CPU time (every
// thread) and peak RSS as JSON to the file named by CELERY_SIGNALS_BENCH_USAGE.
const fs = require('node:fs');

process.on('exit', () => {
  const file = process.env.CELERY_SIGNALS_BENCH_USAGE;
  if (!file) return;
  const cpu = process.cpuUsage();
  fs.writeFileSync(file, JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
});
