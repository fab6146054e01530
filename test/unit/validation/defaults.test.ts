import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_EXAMPLE_TOKEN_LIMIT, DEFAULT_MAX_PROBLEMS_PER_CODE, DEFAULT_MODEL } from '../../../src/core/defaults';

describe('shared defaults', () => {
  it("equal the defaults package.json declares for VS Code's settings editor", () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
    };
    const properties = manifest.contributes.configuration.properties;
    assert.equal(properties['fineTuneStudio.model']?.default, DEFAULT_MODEL);
    assert.equal(properties['fineTuneStudio.defaultExampleTokenLimit']?.default, DEFAULT_EXAMPLE_TOKEN_LIMIT);
    assert.equal(properties['fineTuneStudio.validateFile.maxProblemsPerCode']?.default, DEFAULT_MAX_PROBLEMS_PER_CODE);
  });
});
