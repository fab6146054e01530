// Mocha's spec reporter, plus a JSON file with the counts (reporter option `output`), so `npm test` can add up the
// suites, and the reason of every skipped test. Plain CommonJS: loaded by the mocha CLI and bundled into the
// integration tests that run inside VS Code's extension host.
const Mocha = require('mocha');
const fs = require('node:fs');
const path = require('node:path');

class SpecWithSummary extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const output = options && options.reporterOptions && options.reporterOptions.output;
    const counts = { passed: 0, failed: 0, skipped: 0, skippedTitles: [], failures: [] };
    runner.on('pass', () => counts.passed++);
    runner.on('fail', (test, err) => {
      counts.failed++;
      counts.failures.push(`${test.fullTitle()}: ${err && err.message}`);
    });
    runner.on('pending', (test) => {
      counts.skipped++;
      counts.skippedTitles.push(test.fullTitle());
    });
    runner.once('end', () => {
      if (!output) return;
      fs.mkdirSync(path.dirname(output), { recursive: true });
      fs.writeFileSync(output, JSON.stringify(counts, null, 2));
    });
  }
}

module.exports = SpecWithSummary;
