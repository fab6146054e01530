import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { SIMULATOR_URL_VARIABLE, simulatorConnection } from '../../../src/connections/simulatorConnection';
import { simulatorEnvironment, startDevSimulator } from '../../rig/devSimulator';

/** A server holding a free loopback port, as `npm run fake-openai` would hold 8765. */
function holdPort(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address !== null ? address.port : 0 });
    });
  });
}

describe('the simulator npm start runs (test/rig/devSimulator.ts)', () => {
  it('takes another, free port when the preferred one is in use', async () => {
    const held = await holdPort();
    const simulator = await startDevSimulator(held.port);
    try {
      const port = Number(new URL(simulator.url).port);
      assert.notEqual(port, held.port);
      assert.ok(port > 0);
      assert.equal((await fetch(`${simulator.url}/models`)).ok, true);
    } finally {
      await simulator.close();
      await new Promise((resolve) => held.server.close(resolve));
    }
  });

  it('hands the extension an environment it accepts as the simulator connection', async () => {
    const simulator = await startDevSimulator(0);
    try {
      const environment = simulatorEnvironment(simulator);
      assert.deepEqual(Object.keys(environment), [SIMULATOR_URL_VARIABLE]);
      const found = simulatorConnection(environment[SIMULATOR_URL_VARIABLE], ['/studio/examples'], '/studio');
      assert.equal(found.connection?.baseUrl, simulator.url);
    } finally {
      await simulator.close();
    }
  });
});
