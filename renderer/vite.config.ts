// Builds the renderer alone, for the browser host (npm run web) and the Playwright specs.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: { outDir: resolve(import.meta.dirname, '../out/web'), emptyOutDir: true, chunkSizeWarningLimit: 4000 },
});
