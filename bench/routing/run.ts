/**
 * `npm run bench:routing`: the pure-engine benchmark (with its naive baseline) and the end-to-end
 * HTTP benchmark, each in its own process so neither warms or fragments the other's heap; their
 * output is passed through and the last line merges both JSON results.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

const run = (file: string): Record<string, unknown> => {
  const r = spawnSync(process.execPath, [join(here, file), ...process.argv.slice(2)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.stdout.write(r.stdout);
  if (r.status !== 0) throw new Error(`${file} exited with ${r.status}`);
  const last = r.stdout.trim().split('\n').pop() ?? '{}';
  return JSON.parse(last) as Record<string, unknown>;
};

const engine = run('engine.js');
const e2e = run('e2e.js');
console.log(JSON.stringify({ ...engine, ...e2e }));
