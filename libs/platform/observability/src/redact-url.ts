/** Query parameters whose value is a credential, matched on the name in any case, alone or as a suffix (`access_token`, `apiKey`). */
const SECRET_PARAMETER = /(^|[_.-])(api[_-]?key|key|token|secret|password|passwd|pwd|code|signature|sig|auth|authorization|session|credentials?)$|(apikey|token|secret|password)$/i;

export const REDACTED = '[redacted]';

/**
 * The URL as logs may show it: the value of every query parameter that may carry a secret
 * (`?api_key=`, `?token=`, `?code=` …) is replaced, the rest is kept byte for byte.
 */
export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?');
  if (queryAt < 0) return url;
  const hashAt = url.indexOf('#', queryAt);
  const query = hashAt < 0 ? url.slice(queryAt + 1) : url.slice(queryAt + 1, hashAt);
  const redacted = query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const rawName = equals < 0 ? pair : pair.slice(0, equals);
      let name: string;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        name = rawName;
      }
      return SECRET_PARAMETER.test(name.trim()) && equals >= 0 ? `${rawName}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, queryAt)}?${redacted}${hashAt < 0 ? '' : url.slice(hashAt)}`;
}
