// The organisation's retention policies: how long a kind of record is kept, from which event, and what happens then.
// Register entries link a data category's time limit for erasure to one by its key, which therefore never changes;
// a policy still linked cannot be deleted (the API names the entries that link it).
import { api } from './api.js';
import { el, when } from './dom.js';
import { can, render, session } from './app.js';
import { choose, tell, text, told } from './ropa-fields.js';
import { deleteControl, partsForm, scrollTable } from './pages.js';

const STARTS = [['COLLECTION', 'collection'], ['LAST_ACTIVITY', "the data subject's last activity"],
  ['END_OF_RELATIONSHIP', 'the end of the relationship (customer, employment, contract)'],
  ['CASE_CLOSED', 'the case or request being closed'], ['CONSENT_WITHDRAWN', 'consent being withdrawn'],
  ['END_OF_YEAR', 'the end of the calendar year the record belongs to']];
const ACTIONS = [['ERASE', 'Erase'], ['ANONYMISE', 'Anonymise'], ['REVIEW', 'Review (a person decides)']];

/** The policy's terms (and its key, for a new one), read as the API's body. */
function policyParts(p) {
  const parts = [
    ['name', text('Name', p?.name, { attrs: { required: true, maxlength: 200 } })],
    ['period', text('Kept for', p?.period, { hint: 'An ISO-8601 period of years, months and days: P6Y, P18M, P30D.',
      attrs: { required: true, maxlength: 20, autocomplete: 'off', class: 'short' } })],
    ['startsAt', choose('Counted from', STARTS, p?.startsAt, { blank: 'Choose one' })],
    ['action', choose('Then', ACTIONS, p?.action, { blank: 'Choose one' })],
    ['legalReference', text('Legal reference', p?.legalReference, { hint: 'The law or decision that sets the period, such as HGB § 257(4).' })],
    ['description', text('Description', p?.description, { multiline: true })]];
  return p ? parts : [['key', text('Key', null, { hint: 'Up to 64 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit, such as tax-10y.'
      + ' Register entries refer to it, so it never changes, and is not used again once the policy is deleted.',
    attrs: { required: true, maxlength: 64, autocomplete: 'off' } })], ...parts];
}

/** The references of the register entries linking the policy; no cell for a user who may not read the register. */
function linkedBy(p) {
  return p.usedBy ? el('td', {}, p.usedBy.length ? p.usedBy.join(', ') : 'no entry') : null;
}

/** /console/retention */
export async function retentionView({ page }) {
  const policies = await api('/retention-policies');
  const zone = session.me.timeZone;
  const writes = can('retention:update') || can('retention:delete');
  const rows = policies.map((p) => {
    const actions = el('td', {});
    if (can('retention:update')) {
      const linked = p.usedBy?.length ? el('p', { class: 'hint' }, `The ${p.usedBy.length === 1 ? 'entry' : `${p.usedBy.length} entries`} linking it`
        + ' will say the new terms at once, without a new version or review of their own; the audit trail keeps the terms before.') : null;
      actions.append(el('details', {}, el('summary', {}, `Change ${p.key}`), linked,
        partsForm({ class: 'card edit-policy' }, policyParts(p), 'Save',
          (body) => api(`/retention-policies/${encodeURIComponent(p.key)}`, { method: 'PUT', body }), () => `${p.key} saved.`)));
    }
    if (can('retention:delete')) {
      const { button, confirm } = deleteControl({ ariaLabel: `Delete ${p.key}`, question: `Delete the retention policy ${p.key}?`
        + ' While a register entry links it, it stays (the answer names the entries).',
        yes: `Delete ${p.key}`, call: () => api(`/retention-policies/${encodeURIComponent(p.key)}`, { method: 'DELETE' }),
        done: async () => { tell(`${p.key} deleted.`); await render(); } });
      actions.append(button, confirm);
    }
    return el('tr', {}, el('th', { scope: 'row' }, p.key), el('td', {}, p.name), el('td', {}, p.summary),
      el('td', {}, p.legalReference || '—'), linkedBy(p), el('td', {}, when(p.updatedAt, zone)), writes ? actions : null);
  });
  const content = [told(),
    el('p', {}, 'How long each kind of record is kept (GDPR Art. 5(1)(e)); register entries link the time limit for erasing a data'
      + ' category (Art. 30(1)(f)) to one of these. ', can('ropa:view') ? el('a', { href: '/console/ropa', 'data-nav': '' }, 'The register') : null),
    policies.length ? scrollTable({ id: 'retention-policies', label: 'Retention policies', caption: 'The policies register entries can link',
      headers: ['Key', 'Name', 'Terms', 'Legal reference', can('ropa:view') ? 'Linked by' : null, 'Last change', writes ? 'Change' : null], rows })
      : el('p', {}, 'No retention policies yet.')];
  if (can('retention:create')) {
    content.push(el('h2', {}, 'Add a policy'), partsForm({ id: 'new-policy' }, policyParts(null), 'Add policy',
      (body) => api('/retention-policies', { method: 'POST', body }), (body) => `${body.key} added.`));
  }
  page('Retention policies', ...content.filter(Boolean));
}
