/** What an image's config says, whether read from the local engine or from a registry's config blob. */
export interface ImageConfigSummary {
  architecture: string
  os: string
  variant?: string
  entrypoint: string[]
  cmd: string[]
  env: string[]
  labels: Record<string, string>
  exposedPorts: string[]
  workingDir: string
  user: string
}
