/** `kefu serve`: migrate, optionally seed the demo, listen, and shut down gracefully on signals. */
import { createKefu, type DemoLogin, demoWidgetKey, ensureDemo } from '../app/index.js';
import type { KefuConfig } from '../platform/config/index.js';

export const formatLogins = (logins: readonly DemoLogin[]): string =>
  logins
    .map(
      (l) =>
        `  ${l.role.padEnd(15)} organisation: ${(l.organization || '(leave empty)').padEnd(14)} email: ${l.email.padEnd(28)} password: ${l.password}`,
    )
    .join('\n');

export const serve = async (config: KefuConfig, demo: boolean): Promise<void> => {
  const kefu = await createKefu(config);
  if (demo) {
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    const logins = await ensureDemo(kefu.services, { origin: `http://${host}:${config.port}` });
    if (logins.length > 0) {
      process.stdout.write(`\nDemo log-ins (shown once; reset with "kefu user set-password"):\n${formatLogins(logins)}\n\n`);
    } else {
      process.stdout.write(
        '\nDemo tenant "demo" already exists; its log-ins were printed at first start (reset with "kefu user set-password --tenant demo --email ...").\n',
      );
    }
  }
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    kefu.log.info({ signal }, 'shutting down: no new connections, draining requests');
    const force = setTimeout(() => {
      kefu.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    kefu
      .close()
      .then(() => {
        kefu.log.info('shutdown complete');
        process.exit(0);
      })
      .catch((e: unknown) => {
        kefu.log.error({ err: e }, 'shutdown failed');
        process.exit(1);
      });
  };
  // Installed before listening: a signal that arrives once the banner is out must find them.
  // A stray rejection in some background path must be seen and fixed, not take every tenant down.
  process.on('unhandledRejection', (reason) => kefu.log.error({ err: reason }, 'unhandled promise rejection'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  const widgetKey = demo ? await demoWidgetKey(kefu.services.tenants, kefu.services.chat) : null;
  kefu.start();
  const address = await kefu.server.listen({ host: config.host, port: config.port });
  const storage = config.databaseUrl ? 'PostgreSQL' : `SQLite at ${config.dataDir}/kefu.sqlite`;
  const chatDemo = widgetKey ? `  chat demo: ${address}/demo  (widget key ${widgetKey})\n` : '';
  process.stdout.write(
    `kefu is serving on ${address}\n  web app:  ${address}/\n  API docs: ${address}/docs\n  storage:  ${storage}\n${chatDemo}`,
  );
};
