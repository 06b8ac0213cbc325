/**
 * Web mode: the URL Berth prints carries the access token. The server answered that first load
 * with an HttpOnly cookie, so the token leaves the address bar (and history, bookmarks, screen
 * shares) at once.
 */
export function forgetTokenInAddressBar(): void {
  const url = new URL(window.location.href)
  if (!url.searchParams.has('token')) return
  url.searchParams.delete('token')
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`)
}
