import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { smartAssistProxy } from './src/server/vite-plugin.ts'

export default defineConfig({
  plugins: [react(), smartAssistProxy()],
  server: { host: '127.0.0.1' },
  build: { sourcemap: true, chunkSizeWarningLimit: 1500 },
})
