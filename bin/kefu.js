#!/usr/bin/env node
// The `kefu` command: runs the compiled CLI from dist/ (built by `npm run build`).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const entry = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write('error: kefu is not built yet; run "npm run build" first\n');
  process.exit(1);
}
const { main } = await import(entry);
const code = await main(process.argv.slice(2));
// serve keeps running; other commands exit with their code.
if (!(process.argv[2] === 'serve' && code === 0)) process.exit(code);
