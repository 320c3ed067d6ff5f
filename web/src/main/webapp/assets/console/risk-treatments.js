// A risk's treatment plans: strategy, what is done, who answers for it and by when (an open plan past its due date
// reads "Overdue"; its owner is reminded by mail), its status. Those who may change the risk add plans, move their
// status and due date, and remove them.
import { api } from './api.js';
import { el, words } from './dom.js';
import { can, render } from './app.js';
import { choose, day, tell, text, uid } from './ropa-fields.js';
import { deleteControl, overdue, ownerChoice, partsForm, reviewDate, scrollTable, section } from './pages.js';

const STRATEGIES = [['MITIGATE', 'Mitigate (lower the likelihood or the impact)'], ['ACCEPT', 'Accept'],
  ['TRANSFER', 'Transfer (insurance, contract)'], ['AVOID', 'Avoid (stop what causes it)']];
const STATUSES = [['PLANNED', 'Planned'], ['IN_PROGRESS', 'In progress'], ['DONE', 'Done'], ['CANCELLED', 'Cancelled']];
const open = (t) => t.status === 'PLANNED' || t.status === 'IN_PROGRESS';

export function treatmentsSection(risk, treatments, { users, person, zone }) {
  const writes = can('risk:update');
  const base = `/risks/${risk.id}/treatments`;
  const rows = treatments.map((t, i) => {
    const late = open(t) && overdue(t.dueDate, zone);
    const change = el('td', {});
    if (writes) {
      const keep = { strategy: t.strategy, description: t.description, ownerId: t.ownerId };
      change.append(el('details', {}, el('summary', {}, `Change plan ${i + 1}`),
        partsForm({ class: 'card change-plan' }, [['status', choose('Status', STATUSES, t.status)],
          ['dueDate', text('Due date', t.dueDate, { type: 'date' })]], 'Save',
        (body) => api(`${base}/${t.id}`, { method: 'PUT', body: { ...keep, ...body } }), `Plan ${i + 1} saved.`)));
      const { button, confirm } = deleteControl({ label: 'Delete', ariaLabel: `Delete plan ${i + 1}`, yes: `Yes, delete plan ${i + 1}`,
        question: `Delete plan ${i + 1} (${t.description})?`, call: () => api(`${base}/${t.id}`, { method: 'DELETE' }),
        done: () => {
          tell(`Plan ${i + 1} deleted.`);
          return render();
        } });
      change.append(button, confirm);
    }
    return el('tr', { class: late ? 'overdue' : null }, el('th', { scope: 'row' }, `${i + 1}. ${words(t.strategy)}`),
      el('td', {}, t.description), el('td', {}, person(t.ownerId)),
      el('td', {}, open(t) ? reviewDate(t.dueDate, zone) : day(t.dueDate)), el('td', {}, words(t.status)), writes ? change : null);
  });
  const content = [treatments.length ? scrollTable({ id: 'treatments', label: 'Treatment plans', caption: 'What is done about the risk',
    headers: ['Plan', 'Description', 'Owner', 'Due', 'Status', writes ? 'Change' : null], rows })
    : el('p', { id: 'no-treatments' }, 'No treatment plan yet.')];
  if (writes) {
    const id = uid('plan');
    content.push(el('h3', { id }, 'Add a treatment plan'), partsForm({ class: 'card', id: 'new-plan', 'aria-labelledby': id }, [
      ['strategy', choose('Strategy', STRATEGIES, 'MITIGATE')],
      ['description', text('What is done', null, { multiline: true, attrs: { maxlength: 4000 } })],
      ['ownerId', ownerChoice(null, users)],
      ['dueDate', text('Due date', null, { type: 'date', hint: 'Its owner (else the MANAGERs) is reminded before this date.' })],
      ['status', choose('Status', STATUSES, 'PLANNED')]], 'Add plan', (body) => api(base, { method: 'POST', body }), 'Treatment plan added.'));
  }
  return section('Treatment plans', ...content);
}
