// The Podman run (scripts/test-on-podman.sh, CI): the same tests as vitest.config.mts, against
// the Podman service DOCKER_HOST names. Anything that cannot apply to Podman is left out HERE,
// with the reason, never skipped at run time, so the run's summary reads 0 skipped.
// - Integration: every file applies (engine differences are asserted per engine in the tests),
//   except remote-engine.test.ts: it starts a dockerd of its own in a network namespace and never
//   talks to the engine DOCKER_HOST names, so a second run would test nothing new.
// - End to end: the seed routine only. The whole e2e suite runs on Docker; running it twice
//   would take CI past its time budget on 2 cores, and what differs between the engines (names,
//   progress, the local registry, plain HTTP) is all on the seed routine's path.
import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

const __dirname = import.meta.dirname
const alias = { '@shared': resolve(__dirname, 'src/shared') }

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'integration-podman',
          include: ['test/integration/**/*.test.ts'],
          exclude: ['test/integration/remote-engine.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          maxWorkers: 2
        }
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e-podman',
          include: ['test/e2e/seed-routine.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          maxWorkers: 1,
          fileParallelism: false
        }
      }
    ]
  }
})
