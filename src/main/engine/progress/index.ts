// Push/pull/load progress: daemon stream → tracker → throttled snapshots.
export type { DaemonEvent } from './daemonEvent'
export { ProgressTracker, type ProgressTrackerOptions } from './tracker'
export { decodeDaemonError, registryHost, type DaemonErrorContext } from './errors'
export { RateMeter, etaSeconds, type Clock, type RateMeterOptions } from './rate'
export { Throttle, SnapshotCoalescer, realTimers, type TimerLike, type ThrottleOptions } from './coalesce'
export { consumeDaemonStream, followDaemonStream, type StreamSummary, type ConsumeOptions, type FollowOptions } from './stream'
