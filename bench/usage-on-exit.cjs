// Preload for benchmarked processes (`node --require`): on exit, writes the process's CPU time (every
// thread) and peak RSS as JSON to the file named by CELERY_SIGNALS_BENCH_USAGE. On Linux it also splits
// the CPU time by thread (from /proc): the main thread, V8's helper threads still alive at exit (the
// optimising compiler and the garbage collector's helpers), and the threads that have already ended
// (the CLI's workers, which it stops before exiting).
const fs = require('node:fs');
const { isMainThread } = require('node:worker_threads');

/** utime + stime of one /proc stat line, in ms (ticks of 10 ms). */
function statCpuMs(stat) {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function threadsCpuMs() {
  try {
    const total = statCpuMs(fs.readFileSync('/proc/self/stat', 'utf8'));
    const main = statCpuMs(fs.readFileSync('/proc/thread-self/stat', 'utf8'));
    let alive = 0;
    for (const task of fs.readdirSync('/proc/self/task')) {
      try {
        alive += statCpuMs(fs.readFileSync(`/proc/self/task/${task}/stat`, 'utf8'));
      } catch {
        // The thread ended while being read: it counts as ended.
      }
    }
    return { mainMs: main, helpersMs: alive - main, endedMs: total - alive };
  } catch {
    return undefined;
  }
}

// Workers load this preload as well; only the process's own exit writes the file.
if (isMainThread) {
  process.on('exit', () => {
    const file = process.env.CELERY_SIGNALS_BENCH_USAGE;
    if (!file) return;
    const cpu = process.cpuUsage();
    fs.writeFileSync(file, JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, threads: threadsCpuMs() }));
  });
}
