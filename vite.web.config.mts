// The web mode serves the very same renderer, built without Electron.
import { resolve } from 'node:path'

const __dirname = import.meta.dirname
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  root: resolve(__dirname, 'src/renderer'),
  base: './',
  resolve: { alias: { '@shared': resolve(__dirname, 'src/shared') } },
  plugins: [react()],
  build: { outDir: resolve(__dirname, 'out/web'), emptyOutDir: true }
})
