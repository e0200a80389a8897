/** The `kefu` command. Parses arguments, loads configuration, runs one command, maps errors to exit codes. */
import { Command, CommanderError } from 'commander';
import { kefuVersion } from '../app/index.js';
import { type KefuConfig, loadConfig } from '../platform/config/index.js';
import * as admin from './admin.js';
import { makeOut, type Out, reportError } from './output.js';
import { serve } from './serve.js';

type Action = (config: KefuConfig, out: Out, opts: Record<string, unknown>) => Promise<void>;

const wantsJson = (argv: readonly string[]): boolean => argv.includes('--json');

/**
 * Usage mistakes (a missing option, an unknown command) keep the CLI's error contract: one line,
 * and with --json an error object a script can parse rather than commander's prose.
 */
const usageError =
  (json: boolean) =>
  (message: string, write: (s: string) => void): void => {
    const text = message
      .replace(/^error:\s*/, '')
      .replace(/\s*\n\s*/g, ' ')
      .trim();
    write(json ? `${JSON.stringify({ error: { code: 'USAGE', message: text } })}\n` : `error: ${text}\n`);
  };

export const buildProgram = (argv: readonly string[]): Command => {
  const program = new Command('kefu')
    .description('kefu (客服): multi-tenant omnichannel contact-center platform')
    .version(kefuVersion())
    .option('--json', 'print machine-readable JSON')
    .option('--config <file>', 'JSON configuration file (environment variables win)')
    .option('--data-dir <dir>', 'data directory (KEFU_DATA_DIR)')
    .option('--database-url <url>', 'postgres:// URL (KEFU_DATABASE_URL); absent means SQLite')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), outputError: usageError(wantsJson(argv)) });

  const run = (action: Action) => async (opts: Record<string, unknown>, cmd: Command) => {
    const g = cmd.optsWithGlobals() as Record<string, unknown>;
    const overrides: Record<string, unknown> = {};
    if (g.dataDir) overrides.dataDir = g.dataDir;
    if (g.databaseUrl) overrides.databaseUrl = g.databaseUrl;
    if (g.config) overrides.configFile = g.config;
    if (g.host) overrides.host = g.host;
    if (g.port) overrides.port = g.port;
    const config = loadConfig(process.env, overrides);
    await action(config, makeOut(wantsJson(argv)), opts);
  };

  program
    .command('serve')
    .description('migrate the database and serve the API and web app')
    .option('--demo', 'create the demo tenant on first start and print its log-ins')
    .option('--host <host>', 'address to listen on (KEFU_HOST)')
    .option('--port <port>', 'port to listen on (KEFU_PORT)')
    .action(run((config, _out, o) => serve(config, o.demo === true)));
  program
    .command('migrate')
    .description('apply database migrations')
    .action(
      run(async (config, out) => {
        const { openMigratedDatabase } = await import('../app/index.js');
        const db = await openMigratedDatabase(config);
        await db.close();
        out.print(`database is at the latest migration (${config.databaseUrl ? 'PostgreSQL' : 'SQLite'})`, { ok: true });
      }),
    );
  program
    .command('demo')
    .description('create the demo tenant and print its log-ins')
    .action(run((c, out) => admin.demo(c, out)));

  const tenant = program.command('tenant').description('manage organisations (tenants)');
  tenant
    .command('create')
    .requiredOption('--slug <slug>', 'short name used at log-in, e.g. acme')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--admin-email <email>', 'first administrator email')
    .option('--admin-name <name>', 'first administrator name', 'Administrator')
    .option('--admin-password <password>', 'first administrator password (generated when absent)')
    .action(run((c, out, o) => admin.tenantCreate(c, out, o as Parameters<typeof admin.tenantCreate>[2])));
  tenant.command('list').action(run((c, out) => admin.tenantList(c, out)));

  const user = program.command('user').description('manage users');
  user
    .command('create')
    .option('--tenant <slug>', 'organisation slug')
    .option('--operator', 'create a platform operator admin instead')
    .requiredOption('--email <email>')
    .requiredOption('--name <name>', 'display name')
    .option('--role <role>', 'tenant_admin | supervisor | agent')
    .option('--password <password>', 'generated when absent')
    .action(run((c, out, o) => admin.userCreate(c, out, o as Parameters<typeof admin.userCreate>[2])));
  user
    .command('list')
    .option('--tenant <slug>')
    .option('--operator', 'list platform operator admins')
    .action(run((c, out, o) => admin.userList(c, out, o)));
  user
    .command('set-password')
    .option('--tenant <slug>')
    .option('--operator')
    .requiredOption('--email <email>')
    .option('--password <password>', 'generated when absent')
    .action(run((c, out, o) => admin.userSetPassword(c, out, o as Parameters<typeof admin.userSetPassword>[2])));
  user
    .command('disable')
    .requiredOption('--tenant <slug>')
    .requiredOption('--email <email>')
    .action(run((c, out, o) => admin.userDisable(c, out, o as Parameters<typeof admin.userDisable>[2])));

  const apikey = program.command('apikey').description('manage API keys');
  apikey
    .command('create')
    .requiredOption('--tenant <slug>')
    .requiredOption('--name <name>')
    .requiredOption('--permissions <list>', 'comma-separated, e.g. users.read,audit.read')
    .action(run((c, out, o) => admin.apiKeyCreate(c, out, o as Parameters<typeof admin.apiKeyCreate>[2])));
  apikey
    .command('list')
    .requiredOption('--tenant <slug>')
    .action(run((c, out, o) => admin.apiKeyList(c, out, o as { tenant: string })));
  apikey
    .command('revoke')
    .requiredOption('--tenant <slug>')
    .requiredOption('--id <id>')
    .action(run((c, out, o) => admin.apiKeyRevoke(c, out, o as { tenant: string; id: string })));
  return program;
};

export const main = async (argv: readonly string[]): Promise<number> => {
  const program = buildProgram(argv);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    return reportError(e, wantsJson(argv));
  }
};
