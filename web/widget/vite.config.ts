/**
 * Build of the customer widget: one self-contained IIFE, web/dist-widget/widget.js, served by kefu
 * at /widget.js, plus the demo page (public/demo.html, copied as is) served at /demo.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  publicDir: fileURLToPath(new URL('./public', import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL('../dist-widget', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2020',
    lib: {
      entry: fileURLToPath(new URL('./src/main.ts', import.meta.url)),
      name: 'kefuWidgetBundle',
      formats: ['iife'],
      fileName: () => 'widget.js',
    },
  },
});
