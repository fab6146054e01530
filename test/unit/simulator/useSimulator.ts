import OpenAI from 'openai';
import { startSimulator, type Simulator } from '../../../simulator/server';

/** Starts one simulator for the enclosing suite and gives tests an SDK client for it (no retries unless asked). */
export function useSimulator(): { simulator: () => Simulator; client: (options?: { maxRetries?: number }) => OpenAI } {
  let simulator: Simulator | undefined;
  before(async () => {
    simulator = await startSimulator();
  });
  after(async () => {
    await simulator?.close();
  });
  const started = (): Simulator => {
    if (!simulator) throw new Error('the simulator has not started');
    return simulator;
  };
  return {
    simulator: started,
    client: (options) => new OpenAI({ baseURL: started().url, apiKey: 'x', maxRetries: options?.maxRetries ?? 0 }),
  };
}
