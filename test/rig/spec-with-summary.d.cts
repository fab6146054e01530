import Mocha = require('mocha');

/** Mocha's spec reporter that also writes `{passed, failed, skipped, ...}` to the reporter option `output`. */
declare class SpecWithSummary extends Mocha.reporters.Spec {}
export = SpecWithSummary;
