import { availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';

/** Facts that decide how the numbers should be read. */
export interface MachineFacts {
  readonly node: string;
  readonly platform: string;
  readonly cores: number;
  readonly cpu: string;
  readonly memoryGb: number;
  /** One-minute load average when the bench started: other work on the machine skews every timing. */
  readonly loadAverage: number;
}

export function machineFacts(): MachineFacts {
  return {
    node: process.version,
    platform: `${platform()} ${release()}`,
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    loadAverage: loadavg()[0] ?? 0,
  };
}

export function describeMachine(facts: MachineFacts): string {
  return `node ${facts.node} on ${facts.platform}, ${facts.cores} cores (${facts.cpu}), ${facts.memoryGb} GB RAM, load average ${facts.loadAverage.toFixed(2)}`;
}

/** A warning when other processes were already busy: the timings then say more about them than about the code. */
export function loadWarning(facts: MachineFacts): string | undefined {
  if (facts.loadAverage < facts.cores * 0.5) return undefined;
  return `warning: load average ${facts.loadAverage.toFixed(2)} on ${facts.cores} cores before starting; timings will be noisy`;
}

/** The one-minute load average now, to report next to the one at the start. */
export function currentLoad(): number {
  return loadavg()[0] ?? 0;
}
