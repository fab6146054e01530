// Builds for production and packages the .vsix with @vscode/vsce, then checks what went in: only dist/,
// package.json, README, CHANGELOG, LICENSE and the icon; under 2.5 MB; commands contributed == commands registered.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { checkCommands } from './commandCheck.mjs';

// Two tokenizer tables are 1.3 MB of it; each webview bundle carries its own sanitising markdown renderer.
const MAX_BYTES = 2.5 * 1024 * 1024;
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const vsix = process.argv[2] ?? `${manifest.name}-${manifest.version}.vsix`;

const mismatches = checkCommands();
if (mismatches.length) {
  for (const m of mismatches) console.error(`✘ ${m}`);
  process.exit(1);
}
execFileSync(process.execPath, ['scripts/build.mjs', '--production'], { stdio: 'inherit' });
// No public repository yet: keep README links relative (the screenshot shows in the installed README) and say so.
execFileSync(
  process.execPath,
  [
    'node_modules/@vscode/vsce/vsce',
    'package',
    '--no-dependencies',
    '--allow-missing-repository',
    '--no-rewrite-relative-links',
    '--out',
    vsix,
  ],
  { stdio: 'inherit' },
);

const listing = execFileSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'ls', '--no-dependencies'], {
  encoding: 'utf8',
})
  .split('\n')
  .filter(Boolean);
const allowed = /^(dist\/.*|package\.json|README\.md|CHANGELOG\.md|LICENSE|media\/icon\.png|media\/fine-tuning\.svg)$/;
const unexpected = listing.filter((entry) => !allowed.test(entry));
const size = statSync(vsix).size;
if (unexpected.length) {
  console.error(`✘ unexpected files in ${vsix}:\n  ${unexpected.join('\n  ')}`);
  process.exit(1);
}
if (size > MAX_BYTES) {
  console.error(`✘ ${vsix} is ${(size / 1024 / 1024).toFixed(2)} MB, over the 2.5 MB budget`);
  process.exit(1);
}
console.log(`✔ ${vsix}: ${listing.length} files, ${(size / 1024).toFixed(0)} KB`);
