import * as assert from 'node:assert/strict';
import { NotFoundError } from 'openai';
import { rejectionOf } from './rejectionOf';
import { useSimulator } from './useSimulator';

describe('simulator: models', () => {
  const { client } = useSimulator();

  it('lists the base, fine-tuned, judge, completion, echo and fault models, each owned by the simulator', async () => {
    const models = [];
    for await (const model of client().models.list()) models.push(model);
    const ids = models.map((model) => model.id);
    for (const id of [
      'sim-chat',
      'ft:sim-chat:studio::sim001',
      'sim-judge',
      'sim-completion',
      'echo',
      'fault-401',
      'fault-stall',
    ]) {
      assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
    }
    assert.ok(models.every((model) => model.object === 'model' && model.owned_by === 'fine-tune-studio-simulator'));
  });

  it('says on every response that it is a simulator', async () => {
    const { response } = await client().models.list().withResponse();
    assert.match(response.headers.get('x-simulator') ?? '', /simulator \(not a real service\)/);
  });

  it('retrieves one model by id, also an ft: id with colons', async () => {
    const model = await client().models.retrieve('ft:sim-chat:studio::sim001');
    assert.equal(model.id, 'ft:sim-chat:studio::sim001');
  });

  it('answers an unknown model id with 404 model_not_found', async () => {
    const error = await rejectionOf(client().models.retrieve('gpt-nothing'));
    assert.ok(error instanceof NotFoundError, String(error));
    assert.equal(error.code, 'model_not_found');
    assert.match(error.message, /gpt-nothing/);
  });
});
