// The simulator `npm start` runs next to the editor, so a newcomer can try the playground without an account: the
// extension lists it as "Local simulator (offline)" when it finds its URL in the environment (see
// src/connections/simulatorConnection.ts). It lives in the npm start process and ends with it.
import { startSimulator, type Simulator } from '../../simulator/server';
import { SIMULATOR_URL_VARIABLE } from '../../src/connections/simulatorConnection';

/** `npm run fake-openai`'s port, so the URL stays the same from one run to the next when the port is free. */
export const PREFERRED_SIMULATOR_PORT = 8765;
/** About words per second: replies grow visibly in the playground, as a real model's do. */
const CHUNKS_PER_SECOND = 30;
/** A fine-tuning job's step: slow enough to watch a job run (24 steps, about 40 s), not the tests' fast pace. */
const JOB_STEP_MS = 1500;

/** Starts the simulator on `preferredPort`, or on a free port when that one is taken (e.g. by `npm run fake-openai`). */
export async function startDevSimulator(preferredPort = PREFERRED_SIMULATOR_PORT): Promise<Simulator> {
  try {
    return await startSimulator({ port: preferredPort, chunksPerSecond: CHUNKS_PER_SECOND, jobStepMs: JOB_STEP_MS });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return startSimulator({ port: 0, chunksPerSecond: CHUNKS_PER_SECOND, jobStepMs: JOB_STEP_MS });
  }
}

/** The environment that hands the simulator's URL to the extension host. */
export function simulatorEnvironment(simulator: Simulator): Record<string, string> {
  return { [SIMULATOR_URL_VARIABLE]: simulator.url };
}

/** The lines of the start banner about the simulator. */
export function simulatorBanner(simulator: Simulator): string {
  return [
    `The playground lists "Local simulator (offline)": an OpenAI-compatible simulator at ${simulator.url}`,
    '(canned replies, not a real model; no account or key needed). It stops with npm start.',
  ].join('\n');
}
