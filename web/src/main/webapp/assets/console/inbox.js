// The reviewer's inbox: the tasks of every process the caller may work, by due date, with their urgency in words
// and a shape as well as a colour.
import { api } from './api.js';
import { el, when, words } from './dom.js';
import { session } from './app.js';

const DAY = 24 * 60 * 60 * 1000;

/** Where a process's task is worked: the page of its business key. */
const LINKS = {
  dsar: (key) => [`/console/dsars/${key}`, words('dsar')],
  ropaReview: (key) => [`/console/ropa/activities/${key}`, 'Register entry'],
  dpiaReview: (key) => [`/console/dpias/${key}`, 'DPIA'],
};

export async function inboxView({ page }) {
  const tasks = await api('/tasks?status=open&limit=100');
  if (tasks.length === 0) {
    page('Inbox', el('p', {}, 'Nothing waits for you. New review tasks appear here, the most urgent first.'));
    return;
  }
  const rows = tasks.map((t) => {
    const u = urgency(t.dueAt);
    const [target, label] = LINKS[t.processKey]?.(t.businessKey) || [null, null];
    return el('tr', {},
      el('td', {}, target ? el('a', { href: target, 'data-nav': '' }, `${label} ${t.businessKey.slice(0, 8)}`) : t.businessKey),
      el('td', {}, t.name),
      el('td', {}, when(t.dueAt, session.me.timeZone)),
      el('td', {}, el('span', { class: `urgency ${u.key}` }, el('span', { 'aria-hidden': 'true' }, u.mark), ' ', u.label)),
      el('td', {}, t.assignee ? (t.assignee === session.me.principal ? 'You' : 'Someone else') : 'Unclaimed'));
  });
  page('Inbox',
    el('p', {}, `${tasks.length} task${tasks.length === 1 ? '' : 's'} for you or your role, the most urgent first.`),
    el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Open tasks' }, el('table', {},
      el('caption', {}, 'Open tasks by due date'),
      el('thead', {}, el('tr', {}, ['Item', 'Task', 'Due', 'Urgency', 'Assignee'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows))));
}

/** Overdue, due within 3 days, or on track: a word, a mark and a colour, never the colour alone. */
export function urgency(dueAt, now = Date.now()) {
  if (!dueAt) {
    return { key: 'none', mark: '○', label: 'No due date' };
  }
  const left = new Date(dueAt).getTime() - now;
  if (left < 0) {
    return { key: 'overdue', mark: '■', label: 'Overdue' };
  }
  if (left <= 3 * DAY) {
    return { key: 'soon', mark: '▲', label: `Due in ${Math.max(1, Math.ceil(left / DAY))} day${left > DAY ? 's' : ''}` };
  }
  return { key: 'ok', mark: '●', label: `${Math.floor(left / DAY)} days left` };
}
