// The console's one way to the server: the same REST API and permission checks as every other client, with the
// session cookie the sign-in set. A refusal arrives as an RFC 9457 problem and is thrown as one.

export class Problem extends Error {
  constructor(status, body) {
    super((body && (body.detail || body.title)) || `HTTP ${status}`);
    this.status = status;
    this.type = body && body.type;
    this.title = (body && body.title) || `HTTP ${status}`;
    this.errors = (body && body.errors) || [];
  }
}

/** {@code body}: sent as JSON; {@code raw} with {@code contentType}: sent as it is (a file). */
export async function api(path, { method = 'GET', body, raw, contentType } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  } else if (raw !== undefined) {
    headers['Content-Type'] = contentType;
  }
  const response = await fetch('/api/v1' + path, {
    method,
    credentials: 'same-origin',
    headers,
    body: body !== undefined ? JSON.stringify(body) : raw,
  });
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : null;
  if (!response.ok) {
    throw new Problem(response.status, data);
  }
  return data;
}

/** What a failed call threw, as a problem to show ({@code title} for anything else, such as a network failure). */
export function asProblem(e, title) {
  return e instanceof Problem ? e : new Problem(0, { title, detail: String(e) });
}
