/** How the CLI speaks: one clear line per error, tables for people, JSON for scripts. */
import { isAppError } from '../kernel/index.js';
import { ConfigError } from '../platform/config/index.js';

export interface Out {
  readonly json: boolean;
  print(human: string, data: unknown): void;
}

export const makeOut = (json: boolean): Out => ({
  json,
  print(human, data) {
    process.stdout.write(json ? `${JSON.stringify(data)}\n` : `${human}\n`);
  },
});

/** Maps a failure to one line on stderr and an exit code: 2 for configuration, 1 otherwise. */
export const reportError = (e: unknown, json: boolean): number => {
  if (e instanceof ConfigError) {
    const line = json
      ? JSON.stringify({ error: { code: 'CONFIG_INVALID', message: e.message, problems: e.problems } })
      : `error: CONFIG_INVALID: ${e.problems.join('; ')}`;
    process.stderr.write(`${line}\n`);
    return 2;
  }
  if (isAppError(e)) {
    const detail = e.details.map((d) => `${d.field ? `${d.field} ` : ''}${d.issue}`).join('; ');
    const line = json
      ? JSON.stringify({ error: { code: e.code, message: e.message, details: e.details } })
      : `error: ${e.code}: ${e.message}${detail ? ` (${detail})` : ''}`;
    process.stderr.write(`${line}\n`);
    return 1;
  }
  const msg = (e as Error)?.message ?? String(e);
  process.stderr.write(json ? `${JSON.stringify({ error: { code: 'INTERNAL', message: msg } })}\n` : `error: ${msg.split('\n')[0]}\n`);
  return 1;
};

export const table = (rows: readonly Record<string, unknown>[], cols: readonly string[]): string => {
  if (rows.length === 0) return '(none)';
  const cell = (v: unknown): string => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join(',') : String(v));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) =>
    vals
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line([...cols]), ...rows.map((r) => line(cols.map((c) => cell(r[c]))))].join('\n');
};
