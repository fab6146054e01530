// Commands are registered with literal ids so this static check can see them.
// Fails when a contributed command has no registration in the source, or a registered command is not contributed.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (path.endsWith('.ts')) yield path;
  }
}

/** Returns a list of mismatch messages (empty when contributions and registrations agree). */
export function checkCommands(root = '.') {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const contributed = new Set((manifest.contributes?.commands ?? []).map((c) => c.command));
  const registered = new Set();
  const pattern = /\bregister(?:TextEditor)?Command\(\s*['"]([\w.]+)['"]/g;
  for (const file of sourceFiles(join(root, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(pattern)) registered.add(match[1]);
  }
  const problems = [];
  for (const id of contributed) if (!registered.has(id)) problems.push(`contributed but never registered: ${id}`);
  for (const id of registered) if (!contributed.has(id)) problems.push(`registered but not contributed: ${id}`);
  return problems;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const problems = checkCommands();
  for (const p of problems) console.error(p);
  process.exit(problems.length ? 1 : 0);
}
