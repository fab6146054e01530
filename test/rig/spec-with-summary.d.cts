import type { reporters } from 'mocha';

/** Mocha's spec reporter that also writes `{passed, failed, skipped, ...}` to the reporter option `output`. */
declare class SpecWithSummary extends reporters.Spec {}
export = SpecWithSummary;
