// The Podman run (scripts/test-on-podman.sh, CI): the same tests as vitest.config.mts, against
// the Podman service DOCKER_HOST names. Anything that cannot apply to Podman is left out HERE,
// with the reason, never skipped at run time, so the run's summary reads 0 skipped.
// - Integration: every file applies (engine differences are asserted per engine in the tests),
//   except remote-engine.test.ts: it starts a dockerd of its own in a network namespace and never
//   talks to the engine DOCKER_HOST names, so a second run would test nothing new. And
//   engine-ssh.test.ts: it tests the ssh:// transport (sshd, keys, known_hosts, dial-stdio), the
//   same whatever engine is at the other end (it passes on Podman too, in ~20 s CI can spare).
// - Registry-only files (copy, sync, sync-mirror, archive export, catalog walk and index, the fill fixture,
//   space, retention): they speak HTTP to registry containers and use the engine only to host
//   them, which every other file already covers on Podman; catalog-walk alone would add minutes
//   of fill time for nothing new.
// - End to end: the seed routine only. The whole e2e suite runs on Docker; running it twice
//   would take CI past its time budget on 2 cores, and what differs between the engines (names,
//   progress, the local registry, plain HTTP) is all on the seed routine's path.
import { defineConfig } from 'vitest/config'
import { alias, e2eProject, integrationProject } from './vitest.config.mjs'

const podmanExcluded = [
  'test/integration/remote-engine.test.ts',
  'test/integration/engine-ssh.test.ts',
  ...['copy', 'sync', 'sync-mirror', 'archive-export', 'transfers-history', 'catalog-walk', 'fill-storage', 'catalog-index', 'space', 'retention'].map((f) => `test/integration/${f}.test.ts`)
]

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      { resolve: { alias }, test: { ...integrationProject, name: 'integration-podman', exclude: podmanExcluded } },
      { resolve: { alias }, test: { ...e2eProject, name: 'e2e-podman', include: ['test/e2e/seed-routine.test.ts'] } }
    ]
  }
})
