export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function formatMs(ms) {
  return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`.padStart(10);
}

/** CPU time of this process in milliseconds (user + system). */
export function cpuMs() {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
