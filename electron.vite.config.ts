import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      // The worker threads are their own entries: out/main/backupWorker.js and jobWorker.js beside index.js.
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          backupWorker: resolve(__dirname, 'electron/core/backup/worker.ts'),
          jobWorker: resolve(__dirname, 'electron/core/jobs/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') }, output: { format: 'cjs' } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    build: { rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } } },
    plugins: [react()],
  },
});
