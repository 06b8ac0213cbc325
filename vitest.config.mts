import { resolve } from 'node:path'

const __dirname = import.meta.dirname
import { defineConfig } from 'vitest/config'

export const alias = { '@shared': resolve(__dirname, 'src/shared') }

/** The integration and e2e settings; vitest.podman.config.mts runs the same against Podman. */
export const integrationProject = {
  name: 'integration',
  include: ['test/integration/**/*.test.ts'],
  testTimeout: 120_000,
  hookTimeout: 180_000,
  // Files share one engine with 2 cores: a little parallelism, not a stampede.
  maxWorkers: 2
}
export const e2eProject = {
  name: 'e2e',
  include: ['test/e2e/**/*.test.ts'],
  testTimeout: 180_000,
  hookTimeout: 180_000,
  maxWorkers: 1,
  fileParallelism: false
}

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      { resolve: { alias }, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      { resolve: { alias }, test: integrationProject },
      { resolve: { alias }, test: e2eProject }
    ]
  }
})
