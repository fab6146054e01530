// `npm run bench` runs this after building dist/. Every number is a ratio against a baseline measured in this same
// run (except the CLI's, which compares with a reference measured elsewhere). Never part of `npm test`.
import { writeFileSync } from 'node:fs';
import { batchCase } from './cases/batchCase';
import { BenchContext } from './cases/context';
import { conversationsCase } from './cases/conversationsCase';
import { editCase } from './cases/editCase';
import { evaluationViewCase } from './cases/evaluationViewCase';
import { memoryCase } from './cases/memoryCase';
import { playgroundRenderCase } from './cases/playgroundRenderCase';
import { playgroundTtftCase } from './cases/playgroundTtftCase';
import { structuralCase } from './cases/structuralCase';
import { tokenCase } from './cases/tokenCase';
import { twcsCase } from './cases/twcsCase';
import { uploadCase } from './cases/uploadCase';
import { bundleChildren } from './lib/childProcess';
import { cleanData, dataPath, DATA_DIR } from './lib/dataFiles';
import { currentLoad, describeMachine, loadWarning, machineFacts } from './lib/machine';
import type { CaseFailure, CaseRow } from './lib/results';
import { formatTable } from './lib/table';

const CASES: readonly { id: string; name: string; run: (context: BenchContext) => Promise<CaseRow[]> }[] = [
  { id: '1', name: 'structural validation vs parse floor', run: structuralCase },
  { id: '2', name: 'validation with tokens vs floor + token pass', run: tokenCase },
  { id: '3', name: 'one-line edit vs full re-validation', run: editCase },
  { id: '4', name: 'peak RSS on 1 GB', run: memoryCase },
  { id: '5', name: 'TWCS → chat vs csv-parse', run: twcsCase },
  // The playground in VS Code (code-server) in Chromium: `--only 6,7` runs just these.
  { id: '6', name: 'playground time to first token vs the SDK', run: playgroundTtftCase },
  { id: '7', name: 'playground 16k-token markdown reply in 4 columns', run: playgroundRenderCase },
  { id: '8', name: 'upload 1 GB: Uploads API vs plain streamed HTTP', run: uploadCase },
  // The Conversations view in VS Code (code-server) in Chromium.
  { id: '9', name: 'Conversations view on 100,000 examples', run: conversationsCase },
  { id: '10', name: 'batch run: 2,000 prompts, 16 in flight', run: batchCase },
  // The Evaluation view in VS Code (code-server) in Chromium.
  { id: '11', name: 'Evaluation view opens a 10,000-row results file', run: evaluationViewCase },
];

/** `--only 1,3` runs some cases; `--clean` removes the generated data and stops. */
function parseArgs(args: readonly string[]): { clean: boolean; only: Set<string> | undefined } {
  const at = args.indexOf('--only');
  const only = at === -1 ? undefined : new Set((args[at + 1] ?? '').split(','));
  return { clean: args.includes('--clean'), only };
}

async function main(): Promise<number> {
  const { clean, only } = parseArgs(process.argv.slice(2));
  if (clean) {
    cleanData();
    console.log(`removed ${DATA_DIR}`);
    return 0;
  }
  const facts = machineFacts();
  console.log(describeMachine(facts));
  const warning = loadWarning(facts);
  if (warning !== undefined) console.log(warning);
  console.log('Each timing is the faster of two runs; inputs are generated once into bench/.data and reused.\n');
  await bundleChildren();
  const context = new BenchContext((message) => console.log(message));
  const rows: CaseRow[] = [];
  const failures: CaseFailure[] = [];
  const started = performance.now();
  for (const benchCase of CASES.filter((c) => only === undefined || only.has(c.id))) {
    console.log(`case ${benchCase.id}: ${benchCase.name}`);
    try {
      rows.push(...(await benchCase.run(context)));
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.log(`  CRASHED: ${message}`);
      failures.push({ id: benchCase.id, name: benchCase.name, error: message.split('\n')[0]! });
    }
  }
  const totalSeconds = (performance.now() - started) / 1000;
  const endLoad = currentLoad();
  console.log(`\n${formatTable(rows, failures)}\n`);
  console.log(
    `${describeMachine(facts)} at start, ${endLoad.toFixed(2)} at end; each timing is the faster of two runs; bench took ${totalSeconds.toFixed(0)} s.`,
  );
  console.log('2-cli compares with 19 s measured by the issue author on another machine, not in this run.');
  const resultsPath = dataPath('results.json');
  writeFileSync(
    resultsPath,
    `${JSON.stringify({ date: new Date().toISOString(), machine: facts, endLoadAverage: endLoad, totalSeconds, rows, failures }, null, 2)}\n`,
  );
  console.log(`results: ${resultsPath}`);
  return failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
