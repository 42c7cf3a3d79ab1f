/**
 * Preloaded (`node --import bench/usage.mjs …`) into every process the scale bench times, tipkit's and the bare
 * baselines' alike: when the process exits it writes its whole CPU time (user + system, from process start) and peak
 * resident memory to the file named by BENCH_USAGE.
 */
import { writeFileSync } from 'node:fs';

const out = process.env.BENCH_USAGE;
if (out)
  process.on('exit', () => {
    const cpu = process.cpuUsage();
    writeFileSync(out, JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, maxRssKb: process.resourceUsage().maxRSS }));
  });
