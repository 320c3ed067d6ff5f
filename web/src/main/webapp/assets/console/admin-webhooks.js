// Webhook subscriptions: where the organisation's systems hear of consent and request changes. A new or rotated
// secret is shown once; a subscription's deliveries show what its endpoint answered, and one can be sent again.
// The disabled-webhook mail links here (?subscription=<id> opens that subscription's deliveries).
import { api } from './api.js';
import { el, when, words } from './dom.js';
import { can, session } from './app.js';
import { apiForm, field, subNav } from './admin-forms.js';

export async function webhooksView(show, current, query) {
  const subscriptions = await api('/webhooks');
  const types = await api('/webhooks/event-types');
  const zone = session.me.timeZone;
  const secretSlot = el('div', { id: 'webhook-secret', role: 'status' });
  const shown = (answer, what) => {
    // shown once, here; the page is not drawn again so the secret stays until the admin leaves
    secretSlot.replaceChildren(el('div', { class: 'ok-box' }, el('p', {}, `${what} Copy the signing secret now: it is never shown again.`),
      el('p', {}, el('code', { id: 'webhook-secret-value' }, answer.secret))));
    secretSlot.setAttribute('tabindex', '-1');
    secretSlot.focus();
  };
  const open = query.get('subscription');
  const sections = [];
  for (const s of subscriptions) {
    const actions = [];
    const action = (label, call, done) => {
      const [alertSlot, form] = apiForm({ class: 'inline-form' }, [el('button', { type: 'submit', class: 'inline' }, label)], call, done);
      actions.push(alertSlot, form);
    };
    if (can('webhook:update')) {
      action(s.status === 'ACTIVE' ? 'Disable' : 'Enable', () => api(`/webhooks/${s.id}/${s.status === 'ACTIVE' ? 'disable' : 'enable'}`, { method: 'POST', body: {} }));
      action('Rotate secret (old one signs 24 more hours)', () => api(`/webhooks/${s.id}/rotate-secret`, { method: 'POST', body: { overlapHours: 24 } }),
        (answer) => shown(answer, `New secret for ${s.url}.`));
    }
    if (can('webhook:test') && s.status === 'ACTIVE') {
      action('Send a test event', () => api(`/webhooks/${s.id}/ping`, { method: 'POST', body: {} }));
    }
    if (can('webhook:delete')) {
      action('Delete', () => api(`/webhooks/${s.id}`, { method: 'DELETE' }));
    }
    const deliveries = el('details', { open: open === s.id }, el('summary', {}, 'Deliveries'));
    deliveries.addEventListener('toggle', () => deliveries.open && deliveryLog(deliveries, s, zone), { once: true });
    if (open === s.id) {
      deliveryLog(deliveries, s, zone);
    }
    sections.push(el('section', { class: 'card', 'aria-labelledby': `hook-${s.id}` },
      el('h2', { id: `hook-${s.id}` }, s.url),
      el('p', {}, `${words(s.status)}${s.disabledReason ? ` (${s.disabledReason})` : ''}; events: ${s.eventTypes.join(', ')}`
        + `${s.description ? `; ${s.description}` : ''}${s.previousSecretUntil ? `; the previous secret signs too until ${when(s.previousSecretUntil, zone)}` : ''}.`),
      actions, deliveries));
  }
  if (!subscriptions.length) {
    sections.push(el('p', {}, 'No webhooks yet.'));
  }
  if (can('webhook:create')) {
    const boxes = [['Every event', ['*']], ['Consent', ['consent.*', ...types.consent]], ['Requests', ['dsar.*', ...types.dsar]]]
      .map(([legend, names]) => el('fieldset', { class: 'module' }, el('legend', {}, legend), names.map((t) => el('div', { class: 'choice' },
        el('input', { type: 'checkbox', name: 'eventType', value: t, id: `type-${t}` }), el('label', { for: `type-${t}` }, el('code', {}, t))))));
    sections.push(el('h2', {}, 'Add a webhook'), secretSlot, ...apiForm({ id: 'new-webhook' }, [
      field('hook-url', 'Address events are posted to (https://...)', el('input', { id: 'hook-url', name: 'url', type: 'url', required: true })),
      field('hook-description', 'What it is for', el('input', { id: 'hook-description', name: 'description' })),
      el('p', { class: 'hint' }, types.filters), ...boxes,
      el('p', {}, el('button', { type: 'submit' }, 'Add webhook'))],
    (data) => api('/webhooks', { method: 'POST', body: { url: data.get('url'), description: data.get('description') || null,
      eventTypes: data.getAll('eventType') } }),
    (answer) => shown(answer, `Webhook for ${answer.subscription.url} added.`)));
  }
  show('Webhooks', subNav(current), ...sections);
}

async function deliveryLog(details, subscription, zone) {
  const log = await api(`/webhooks/${subscription.id}/deliveries?limit=50`);
  const rows = log.map((d) => {
    const again = el('td', {});
    if (can('webhook:update') && d.status !== 'PENDING' && subscription.status === 'ACTIVE') {
      const [alertSlot, form] = apiForm({ class: 'inline-form' }, [el('button', { type: 'submit', class: 'inline' }, `Send ${d.eventType} again`)],
        () => api(`/webhooks/${subscription.id}/deliveries/${d.id}/redeliver`, { method: 'POST', body: {} }));
      again.append(alertSlot, form);
    }
    return el('tr', {}, el('td', {}, el('code', {}, d.eventType)), el('td', {}, words(d.status)), el('td', {}, String(d.attempts)),
      el('td', {}, d.lastStatus === null ? (d.lastError || '—') : `HTTP ${d.lastStatus}${d.lastError ? `: ${d.lastError}` : ''}`),
      el('td', {}, when(d.createdAt, zone)), el('td', {}, when(d.deliveredAt || d.nextAttemptAt, zone)), again);
  });
  details.append(log.length ? el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': `Deliveries to ${subscription.url}` },
    el('table', {}, el('caption', {}, 'The latest deliveries, newest first'),
      el('thead', {}, el('tr', {}, ['Event', 'Status', 'Attempts', 'Last answer', 'Created', 'Delivered or next try', 'Again'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows))) : el('p', {}, 'Nothing delivered yet.'));
}
