import type { DatasetFormat } from '../../format/datasetFormat';
import type { Findings } from '../findings';
import type { JsonObject } from '../jsonValue';
import { checkChatExample, checkRftExample } from './chatExample';
import { checkCompletionExample, type CompletionPair } from './completionExample';
import { checkPreferenceExample } from './preferenceExample';

/** Facts about an example that the file-level checks need besides its problems. */
export interface ExampleFacts {
  /** RFT: the top-level keys the grader may read. */
  readonly referenceKeys?: string[];
  /** Legacy completion: both texts, when they are strings. */
  readonly completion?: CompletionPair;
}

const NO_FACTS: ExampleFacts = {};

/** Runs the checks of `format` on one parsed example. */
export function checkExample(value: JsonObject, format: DatasetFormat, findings: Findings): ExampleFacts {
  switch (format) {
    case 'chat':
      checkChatExample(value, findings);
      return NO_FACTS;
    case 'rft':
      return { referenceKeys: checkRftExample(value, findings) };
    case 'preference':
      checkPreferenceExample(value, findings);
      return NO_FACTS;
    case 'completion': {
      const completion = checkCompletionExample(value, findings);
      return completion === undefined ? NO_FACTS : { completion };
    }
  }
}
