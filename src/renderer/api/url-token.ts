// Serve mode's printed URL carries the access token (?token=…) so it opens the app in one
// click; the server answers that first load with an HttpOnly cookie, and this takes the token
// out of the address bar, so it stays out of the history, bookmarks and screenshots.

export function forgetUrlToken(): void {
  const url = new URL(location.href);
  if (!url.searchParams.has('token')) return;
  url.searchParams.delete('token');
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
}
