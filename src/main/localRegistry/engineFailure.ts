// What a failed dockerode call says: the HTTP status, and the daemon's own words (json.message)
// when it answered; failures before any answer only have an error message.

export function daemonMessage(e: unknown): string {
  const err = e as { json?: { message?: string }; message?: string }
  return err.json?.message ?? err.message ?? String(e)
}

export function statusCodeOf(e: unknown): number | undefined {
  return (e as { statusCode?: number }).statusCode
}
