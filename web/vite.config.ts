/**
 * Build of the staff web app. Paths resolve from this file so the build works from any working
 * directory; the server serves web/dist on the API's origin, hence base '/' and a dev proxy.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    // `vite --config web/vite.config.ts` during development talks to a locally running server.
    proxy: {
      '/api': 'http://localhost:8080',
      '/ws': { target: 'ws://localhost:8080', ws: true },
      '/widget.js': 'http://localhost:8080',
      '/demo': 'http://localhost:8080',
    },
  },
});
