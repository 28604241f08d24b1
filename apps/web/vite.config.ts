import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

// The config is run from the repo root (`vite --config apps/web/vite.config.ts`),
// so the app root is pinned to this folder rather than the cwd.
const appRoot = fileURLToPath(new URL('.', import.meta.url));
const port = Number(process.env.WEB_PORT ?? 4200);
const apiUrl = process.env.API_URL ?? 'http://127.0.0.1:3000';

// Same-origin `/api` in dev and preview keeps the browser free of CORS and lets the
// built bundle call relative URLs wherever it is served. The queue board rides along:
// its cookie, set through `/api`, is scoped to `/admin/queues` on this same origin.
// The notification stream (server-sent events) needs nothing of its own: the proxy pipes
// each chunk as it comes, and preview's compression only wraps what the proxy leaves.
const proxy: Record<string, ProxyOptions> = {
  '/api': { target: apiUrl, changeOrigin: true },
  '/admin/queues': { target: apiUrl, changeOrigin: true },
};

/**
 * The security headers nginx adds to the app's pages in production (CSP and the rest),
 * read from the one file nginx includes, so that `vite preview`, and with it every
 * browser test, runs the built app under the same policy. Not in dev: React's refresh
 * preamble is an inline script.
 */
function productionHeaders(): Record<string, string> {
  const conf = readFileSync(new URL('../../docker/security-headers.conf', import.meta.url), 'utf8');
  return Object.fromEntries(
    [...conf.matchAll(/^add_header\s+([\w-]+)\s+"([^"]*)"/gm)].map(([, name, value]) => [
      name,
      value,
    ]),
  );
}

export default defineConfig({
  root: appRoot,
  plugins: [react()],
  resolve: {
    tsconfigPaths: true,
    // tsconfigPaths reads a tsconfig.json next to the sources, and the web has only
    // tsconfig.app.json; only the browser-safe entries of the matching library are mapped,
    // so the engine itself cannot end up in the bundle.
    alias: {
      '@lianrong/matching/registration': fileURLToPath(
        new URL('../../libs/matching/src/registration/index.ts', import.meta.url),
      ),
      '@lianrong/matching/vocabulary': fileURLToPath(
        new URL('../../libs/matching/src/vocabulary.ts', import.meta.url),
      ),
      '@lianrong/matching/metrics': fileURLToPath(
        new URL('../../libs/matching/src/metrics.ts', import.meta.url),
      ),
    },
  },
  server: { host: '127.0.0.1', port, strictPort: true, proxy },
  preview: { host: '127.0.0.1', port, strictPort: true, proxy, headers: productionHeaders() },
  build: {
    outDir: fileURLToPath(new URL('../../dist/apps/web', import.meta.url)),
    emptyOutDir: true,
    // antd + React form one ~700 kB vendor chunk (225 kB gzipped); portals and
    // ECharts are split off by the lazy routes, so the warning would only be noise.
    chunkSizeWarningLimit: 800,
  },
});
