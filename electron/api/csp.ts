// The Content-Security-Policy of the renderer, sent as a header by both hosts (app:// in
// Electron, the browser host) besides the page's meta tag: one policy, plain data.
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
