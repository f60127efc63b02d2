/**
 * Secrets must never reach logs, progress lines or error messages: Redis URLs carry passwords
 * (`redis://:pw@host`, `rediss://user:pw@host`) and users paste them into flags and env vars.
 */

const MASK = '***';

/** A Redis (or any) URL with its password (and a username, if any, kept) replaced by `***`. */
export function redactUrl(url: string): string {
  // Not `new URL()`: a malformed URL must be redacted too, and URL would normalise what we print.
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^@/?#]*)@/i, (_m, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    if (colon < 0) return `${scheme}${MASK}@`; // `redis://password@host` — a bare userinfo is a password to Redis
    const user = userinfo.slice(0, colon);
    return `${scheme}${user}:${MASK}@`;
  });
}

/**
 * Replaces every URL-embedded credential and every known secret value in free text (error
 * messages from ioredis, job failure reasons, log lines).
 */
export function redactText(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)([^@\s/?#]*)@/gi, (m) => redactUrl(m));
  for (const s of secrets) {
    if (!s || s.length < 3) continue; // a 1-2 character "secret" would mangle ordinary text
    out = out.split(s).join(MASK);
    const enc = encodeURIComponent(s);
    if (enc !== s) out = out.split(enc).join(MASK);
  }
  return out;
}
