// Pieces the register pages share (the record of processing, the risk register, DPIAs): people named, dates held
// against today, facts as a list, sections named by their heading, tables that scroll on a phone, a delete that
// asks first, the DPO's decision on a review task, and an owner picked from the organisation's people.
import { api, asProblem } from './api.js';
import { el, problemAlert, when, words } from './dom.js';
import { render, session } from './app.js';
import { choose, day, group, showProblems, tell, text, today, uid } from './ropa-fields.js';

/** Who a user id is, for people who may list the users; else "you" or the id's start. */
export function personNamer(users) {
  const me = session.me.principal.replace(/^user:/, '');
  return (id) => {
    if (!id) {
      return '—';
    }
    const bare = id.replace(/^user:/, '');
    const user = users.find((u) => u.id === bare);
    if (bare === me) {
      return user ? `${user.email} (you)` : 'You';
    }
    if (user) {
      return user.email;
    }
    return /^[0-9a-f-]{36}$/.test(bare) ? `user ${bare.slice(0, 8)}` : id; // a process or an API key: as the trail names it
  };
}

/** Whether an ISO date has passed in the organisation's zone. */
export const overdue = (iso, zone) => Boolean(iso) && iso < today(zone);

/** A review or due date; past ones read "Overdue" with a mark, not by colour alone. */
export function reviewDate(iso, zone) {
  if (!iso) {
    return el('span', {}, '—');
  }
  if (overdue(iso, zone)) {
    return el('span', { class: 'urgency overdue' }, el('span', { 'aria-hidden': 'true' }, '■'), ` Overdue: ${day(iso)}`);
  }
  return el('span', {}, day(iso));
}

/**
 * A small form of named parts whose body goes to {@code call}: problems are shown next to their fields; success says
 * {@code message} (a text, or made from the body) and draws the page again.
 */
export function partsForm(attributes, parts, label, call, message) {
  const slot = el('div');
  const fields = group(parts, el('div'));
  const form = el('form', { novalidate: true, ...attributes }, slot, fields.node, el('p', {}, el('button', { type: 'submit' }, label)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = fields.read('');
    try {
      await call(body);
      tell(typeof message === 'function' ? message(body) : message);
      await render();
    } catch (e) {
      showProblems(form, slot, asProblem(e, 'Not saved'));
    }
  });
  fields.read(''); // the inputs marked with their fields, for the problems
  return form;
}

/** A section with its h2, which names it for a screen reader's list of regions. */
export function section(title, ...content) {
  const id = uid('h');
  return el('section', { 'aria-labelledby': id }, el('h2', { id }, title), ...content);
}

/** Term and value pairs as a definition list (null pairs left out). */
export function facts(...pairs) {
  return el('dl', { class: 'facts' }, pairs.filter(Boolean).flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]));
}

/** A table in a region that scrolls sideways on a phone (and can be scrolled from the keyboard). */
export function scrollTable({ id, label, caption, headers, rows }) {
  return el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': label }, el('table', { id },
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, headers.filter(Boolean).map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows)));
}

/**
 * A Delete button that asks first, the safe choice focused; {@code yes} confirms and runs {@code call}, then
 * {@code done}. Answers the button and the question (placed where the caller wants them).
 */
export function deleteControl({ id = uid('del'), label = 'Delete', ariaLabel, question, yes, call, done }) {
  const remove = el('button', { type: 'button', class: 'danger', id, 'aria-label': ariaLabel, 'aria-expanded': 'false',
    'aria-controls': `${id}-confirm` }, label);
  const confirmed = el('button', { type: 'button', class: 'danger', id: `${id}-confirmed` }, yes);
  const no = el('button', { type: 'button', class: 'secondary' }, 'Keep it');
  const slot = el('div');
  const confirm = el('div', { id: `${id}-confirm`, class: 'problem', hidden: true }, el('p', {}, question), el('p', {}, confirmed, ' ', no), slot);
  const open = (shown) => {
    confirm.hidden = !shown;
    remove.setAttribute('aria-expanded', String(shown));
    (shown ? no : remove).focus();
  };
  remove.addEventListener('click', () => open(true));
  no.addEventListener('click', () => open(false));
  confirmed.addEventListener('click', async () => {
    slot.replaceChildren();
    try {
      await call();
      await done();
    } catch (e) {
      slot.append(problemAlert(asProblem(e, 'Not deleted')));
    }
  });
  return { button: remove, confirm };
}

/**
 * The DPO's decision, for a holder of the open review task. {@code comment}: the label (and hint) of the comment,
 * which the process reads as what should change, or as more (a DPIA's written opinion with an approval).
 */
export function reviewSection(task, { legend, approve = 'Approve', comment = 'What should change', commentHint }) {
  const slot = el('div');
  const choice = (value, label) => el('div', { class: 'choice' },
    el('input', { type: 'radio', name: 'decision', id: `d-${value}`, value }), el('label', { for: `d-${value}` }, label));
  const form = el('form', { class: 'card', novalidate: true, id: 'decision' },
    el('fieldset', {}, el('legend', {}, legend),
      choice('APPROVE', approve), choice('REJECT', 'Reject (give a reason)'), choice('REQUEST_CHANGES', 'Request changes (say what)')),
    el('p', {}, el('label', { for: 'reason' }, 'Reason for rejecting'), el('textarea', { id: 'reason', name: 'reason', rows: 2, maxlength: 2000 })),
    el('p', {}, el('label', { for: 'comment' }, comment), commentHint ? el('span', { class: 'hint', id: 'comment-hint' }, commentHint) : null,
      el('textarea', { id: 'comment', name: 'comment', rows: 3, maxlength: 4000, 'aria-describedby': commentHint ? 'comment-hint' : null })),
    el('p', {}, el('button', { type: 'submit' }, 'Record decision')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    slot.replaceChildren();
    const data = Object.fromEntries(new FormData(form));
    try {
      const done = await api(`/tasks/${task.id}/complete`, { method: 'POST',
        body: { decision: data.decision || null, reason: data.reason || null, comment: data.comment || null } });
      tell(`Decision recorded: ${words(done.decision)}.`);
      await render();
    } catch (e) {
      slot.append(problemAlert(asProblem(e, 'Not recorded')));
    }
  });
  return el('section', { 'aria-labelledby': 'decide-h' }, el('h2', { id: 'decide-h' }, 'DPO review'),
    el('p', {}, `Task "${task.name}", due ${when(task.dueAt, session.me.timeZone)}.`), slot, form);
}

/** The owner: one of the organisation's people for those who may list them, else a user id (one's own offered). */
export function ownerChoice(ownerId, users, label = 'Owner') {
  const me = session.me.principal.startsWith('user:') ? session.me.principal.slice(5) : null;
  if (users) {
    return choose(label, users.map((u) => [u.id, u.id === me ? `${u.email} (you)` : u.email]), ownerId, { blank: 'Nobody' });
  }
  return text(`${label} (a user id)`, ownerId, { hint: `Leave empty for nobody.${me ? ` Your own id is ${me}.` : ''}`, attrs: { autocomplete: 'off' } });
}
