/**
 * Opens a browser session on a web host as a browser does: GET the printed address (`?t=TOKEN`),
 * keep the session cookie it sets. Returns the `Cookie` header to send with API calls.
 */
export async function openWebSession(openUrl: string): Promise<string> {
  const res = await fetch(openUrl, { redirect: 'manual' });
  const cookie = res.headers.getSetCookie()[0];
  if (res.status !== 303 || !cookie) throw new Error(`the host did not open a session: ${res.status}`);
  return cookie.split(';')[0]!;
}
