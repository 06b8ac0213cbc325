// The user's registries (sidebar), their health (GET /v2/), and the credentials Berth keeps
// for them. Secrets go in through credentials.set and never come back out.
import { z } from 'zod'
import { said } from './issueMessage'
import { m } from '../i18n/message'
import type { ExplainedState } from './explained'
import type { RegistryScheme } from './registryTypes'

export interface RegistryEntry {
  id: string
  /** Display name. */
  name: string
  /** host[:port], without scheme. */
  address: string
  scheme: RegistryScheme
  /** PEM file of the CA that signed the registry's certificate (on the machine Berth runs on; an uploaded one lives in Berth's data directory). */
  caFile?: string
  /** Accept any certificate (test registries only). */
  insecureSkipVerify?: boolean
  /** Set for the registry Berth runs itself: not persisted, not removable by the user. */
  managed?: 'local'
}

export type RegistrySchemeChoice = 'auto' | RegistryScheme

export type RegistryHealthState = 'reachable' | 'auth-required' | 'down' | 'checking'

/** `error` and `hint`: why it is down or wants credentials. */
export interface RegistryHealth extends ExplainedState {
  id: string
  state: RegistryHealthState
  /** Epoch milliseconds of the last finished check (0 while the first one runs). */
  checkedAt: number
}

/** Where the credentials Berth sends to a registry come from. */
export type CredentialSource = 'berth' | 'docker-config' | 'credential-helper'

/** Who Berth signs in as, and from where: never the secret. */
export interface CredentialStatus {
  source: CredentialSource | 'none'
  username?: string
  /** The docker-credential-* helper's name when source is 'credential-helper'. */
  helper?: string
  /** Why a configured helper gave nothing (missing on PATH, failed, timed out). */
  warning?: string
}

export interface CredentialInfo extends CredentialStatus {
  /** How Berth stores passwords here, e.g. "stored unencrypted in a file only your user can read". */
  protection: string
}

// Checked in main by the registry client's normalizeAddress (tolerates a pasted scheme).
const address = z.string().trim().min(1, said(m('errors.input.addressRequired'))).max(255, said(m('errors.input.addressTooLong')))
/** auto: try HTTPS, use HTTP when the port answers plain HTTP (as the engine does for an insecure registry). */
const schemeChoice = z.enum(['auto', 'https', 'http'])
const entryFields = {
  name: z.string().trim().max(80, said(m('errors.input.nameTooLong'))).optional(),
  address,
  /** A pasted http:// or https:// prefix on the address wins over 'auto'. */
  scheme: schemeChoice.default('auto'),
  /** A path on the machine Berth runs on (Electron only: the web mode refuses server paths). */
  caFile: z.string().trim().max(4096).optional(),
  /** The CA certificate itself (uploaded or pasted); Berth keeps it in its data directory. */
  caPem: z
    .string()
    .max(256 * 1024, said(m('errors.input.caTooBig')))
    .refine((pem) => pem.includes('-----BEGIN CERTIFICATE-----'), said(m('errors.input.caNotPem')))
    .optional(),
  insecureSkipVerify: z.boolean().optional()
}
const id = z.string().trim().min(1, said(m('errors.input.registryIdRequired')))
const registry = z.string().trim().min(1, said(m('errors.input.addressRequired'))).max(255)

export const registryCalls = {
  'registries.list': z.void(),
  /** The last known health of every registry (checks run in the background). */
  'registries.health': z.void(),
  'registries.add': z.object(entryFields),
  'registries.update': z.object({ id, ...entryFields, address: address.optional(), scheme: schemeChoice.optional() }),
  'registries.remove': z.object({ id }),
  /** Checks GET /v2/ now; the result also arrives as a 'registries.health' event. */
  'registries.check': z.object({ id }),
  'credentials.set': z.object({ registry, username: z.string().trim().min(1, said(m('errors.input.usernameRequired'))).max(512), password: z.string().min(1, said(m('errors.input.secretRequired'))).max(16384) }),
  'credentials.status': z.object({ registry }),
  'credentials.clear': z.object({ registry })
}

/** Calls that only read: safe to repeat after a network failure (see lib/api.ts). */
export const registryReadOnly = ['registries.list', 'registries.health', 'registries.check', 'credentials.status'] as const satisfies readonly (keyof typeof registryCalls)[]

export interface RegistryResults {
  'registries.list': RegistryEntry[]
  'registries.health': RegistryHealth[]
  'registries.add': RegistryEntry
  'registries.update': RegistryEntry
  'registries.remove': { id: string }
  'registries.check': RegistryHealth
  'credentials.set': CredentialInfo
  'credentials.status': CredentialInfo
  'credentials.clear': CredentialInfo
}

export interface RegistryEvents {
  /** The whole list, after any add/update/remove or when the managed local registry comes or goes. */
  'registries.changed': RegistryEntry[]
  'registries.health': RegistryHealth
  /** A health check found that the registry now speaks the other scheme, and Berth switched to it. */
  'registries.schemeChanged': { id: string; name: string; address: string; from: RegistryScheme; to: RegistryScheme }
}
