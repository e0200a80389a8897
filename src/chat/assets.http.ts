/**
 * The widget script and the demo page, built by the widget's Vite build into web/dist-widget.
 * The demo page gets the demo tenant's widget key put in place of `__KEFU_WIDGET_KEY__`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../kernel/index.js';

export interface AssetOptions {
  /** The folder holding widget.js and demo.html. */
  readonly widgetRoot: string;
  /** The public key of the demo tenant's first widget, or null when there is none. */
  readonly demoPublicKey: () => Promise<string | null>;
}

export const WIDGET_KEY_PLACEHOLDER = '__KEFU_WIDGET_KEY__';

const notBuilt = (file: string) =>
  new AppError('NOT_FOUND', `The chat widget is not built (${file} is missing): run the widget build (see web/widget).`);

const escapeHtml = (s: string): string => s.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The demo page with the widget key in place of every placeholder, escaped for HTML text and attributes. */
export const renderDemoPage = (html: string, publicKey: string): string => html.replaceAll(WIDGET_KEY_PLACEHOLDER, escapeHtml(publicKey));

const readAsset = async (root: string, file: string): Promise<string> => {
  try {
    return await readFile(join(root, file), 'utf8');
  } catch {
    throw notBuilt(file);
  }
};

export const widgetAssetRoutes = (o: AssetOptions) => async (app: FastifyInstance) => {
  app.get('/widget.js', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    const js = await readAsset(o.widgetRoot, 'widget.js');
    // Loaded by a <script> tag on the tenant's own site: that needs a cross-origin resource policy.
    return reply
      .header('content-type', 'application/javascript; charset=utf-8')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('cache-control', 'public, max-age=300')
      .send(js);
  });
  app.get('/demo', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    const html = await readAsset(o.widgetRoot, 'demo.html');
    const key = await o.demoPublicKey();
    if (key === null) throw new AppError('NOT_FOUND', 'There is no demo widget: start kefu with --demo.');
    return reply.header('content-type', 'text/html; charset=utf-8').send(renderDemoPage(html, key));
  });
};
