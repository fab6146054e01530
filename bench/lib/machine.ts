import { availableParallelism, cpus, platform, release, totalmem } from 'node:os';

/** Facts that decide how the numbers should be read. */
export interface MachineFacts {
  readonly node: string;
  readonly platform: string;
  readonly cores: number;
  readonly cpu: string;
  readonly memoryGb: number;
}

export function machineFacts(): MachineFacts {
  return {
    node: process.version,
    platform: `${platform()} ${release()}`,
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
  };
}

export function describeMachine(facts: MachineFacts): string {
  return `node ${facts.node} on ${facts.platform}, ${facts.cores} cores (${facts.cpu}), ${facts.memoryGb} GB RAM`;
}
