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

export async function api(path, { method = 'GET', body } = {}) {
  const response = await fetch('/api/v1' + path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : null;
  if (!response.ok) {
    throw new Problem(response.status, data);
  }
  return data;
}
