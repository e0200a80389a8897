/**
 * The CLI and process suites run the built `kefu` (bin/kefu.js -> dist/), as users do. This builds
 * dist/ when it is missing or older than src/, so a suite never tests yesterday's code; a lock
 * directory keeps two vitest workers from compiling into dist/ at the same time.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'kefu.js');
const ENTRY = join(ROOT, 'dist', 'cli', 'main.js');
const LOCK = join(ROOT, 'dist', '.build-lock');

const newestSource = (dir: string): number => {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
};

const isFresh = (): boolean => existsSync(ENTRY) && statSync(ENTRY).mtimeMs >= newestSource(join(ROOT, 'src'));

const tryLock = (): boolean => {
  try {
    mkdirSync(LOCK, { recursive: false });
    return true;
  } catch {
    return false;
  }
};

const compile = async (): Promise<void> => {
  try {
    await promisify(execFile)('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, timeout: 110_000 });
  } catch (e) {
    // tsc still emits on type errors (another engineer's work in progress); only a missing CLI is fatal.
    if (!existsSync(ENTRY)) throw new Error(`building kefu failed:\n${(e as { stdout?: string }).stdout ?? String(e)}`);
  }
};

export const ensureBuilt = async (): Promise<void> => {
  if (isFresh()) return;
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const deadline = Date.now() + 115_000;
  while (!tryLock()) {
    // A stale lock (a killed run) is older than any real build.
    if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 120_000) rmdirSync(LOCK);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  try {
    if (!isFresh()) await compile();
  } finally {
    rmdirSync(LOCK);
  }
};
