import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { precompress } from './scripts/vite-precompress.ts'
import { smartAssistProxy } from './src/server/vite-plugin.ts'

export default defineConfig({
  plugins: [react(), smartAssistProxy(), precompress()],
  server: { host: '127.0.0.1' },
  // No source maps in dist/: the server would not send them anyway (CONTRACT.md).
  build: { sourcemap: false, chunkSizeWarningLimit: 1500 },
})
