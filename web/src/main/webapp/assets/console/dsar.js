// One data subject request as its reviewer sees it: the request, its deadline, its package, and the decision
// form of its review task when the caller holds that task or may claim it.
import { api, Problem } from './api.js';
import { el, problemAlert, when, words } from './dom.js';
import { can, render, session } from './app.js';

const ENDED = ['CLOSED', 'REFUSED', 'HANDED_OVER_TO_ERASURE', 'IDENTITY_NOT_CONFIRMED']; // DsarRequest.Status.ended()

export async function dsarView({ params: [id], page }) {
  const zone = session.me.timeZone;
  const dsar = await api(`/dsars/${id}`);
  const tasks = can('task:view') ? await api(`/tasks?process=dsar&status=open&businessKey=${id}`) : [];
  const task = can('task:work') ? tasks.find((t) => t.businessKey === id) : undefined;
  const status = el('dd', { id: 'status' }, words(dsar.status));
  const facts = el('dl', { class: 'facts' },
    el('dt', {}, 'Status'), status,
    el('dt', {}, 'Type'), el('dd', {}, words(dsar.type)),
    el('dt', {}, 'Law'), el('dd', {}, dsar.jurisdiction),
    el('dt', {}, 'Received'), el('dd', {}, when(dsar.receivedAt, zone)),
    el('dt', {}, 'Answer due'), el('dd', {}, when(dsar.dueAt, zone), dsar.breached ? ' — deadline breached' : ''),
    el('dt', {}, 'Identity'), el('dd', {}, words(dsar.identityCheck)),
    dsar.extension ? [el('dt', {}, 'Extended'), el('dd', {}, `${when(dsar.extension.decidedAt, zone)}: ${dsar.extension.reason}`)] : []);
  const sections = [el('section', { 'aria-labelledby': 'request-h' }, el('h2', { id: 'request-h' }, 'Request'), facts)];
  sections.push(await searchSection(id, zone));
  sections.push(await packageSection(id));
  const live = el('div', { 'aria-live': 'polite', id: 'progress' });
  if (task) {
    sections.push(decisionSection(task, live, status, id));
  } else if (!ENDED.includes(dsar.status) && can('task:work')) {
    sections.push(el('p', {}, 'No review task of this request is open for you.'));
  }
  sections.push(deadlineSection(id, dsar, !ENDED.includes(dsar.status) && can('dsar:extend')));
  if (can('audit:view')) {
    sections.push(await timelineSection(id, zone));
  }
  sections.push(live);
  page(`Request ${id.slice(0, 8)}`, ...sections);
}

async function packageSection(id) {
  const section = el('section', { 'aria-labelledby': 'package-h' }, el('h2', { id: 'package-h' }, 'Response package'));
  try {
    const p = await api(`/dsars/${id}/package`);
    section.append(el('p', {}, `${p.rows} row${p.rows === 1 ? '' : 's'} from ${p.connectors} connector${p.connectors === 1 ? '' : 's'}; compiled ${p.compilations} time${p.compilations === 1 ? '' : 's'}.`),
      el('ul', {},
        el('li', {}, el('a', { href: `/api/v1/dsars/${id}/package/summary.pdf` }, 'Signed summary (PDF)')),
        el('li', {}, el('a', { href: `/api/v1/dsars/${id}/package/response.json` }, 'Machine-readable answer (JSON)'))));
  } catch (e) {
    if (!(e instanceof Problem) || (e.status !== 404 && e.status !== 403)) {
      throw e;
    }
    section.append(el('p', {}, e.status === 404 ? 'Not compiled yet.' : 'Your role does not open packages.'));
  }
  return section;
}

function decisionSection(task, live, status, id) {
  const alertSlot = el('div');
  const choice = (value, label, hint) => el('div', { class: 'choice' },
    el('input', { type: 'radio', name: 'decision', id: `d-${value}`, value, required: true }),
    el('label', { for: `d-${value}` }, label), hint ? el('span', { class: 'hint' }, ` ${hint}`) : '');
  const reason = el('p', {}, el('label', { for: 'reason' }, 'Reason for refusing (sent to the data subject)'),
    el('textarea', { id: 'reason', name: 'reason', rows: 3, maxlength: 2000 }));
  const comment = el('p', {}, el('label', { for: 'comment' }, 'What should change (for the team)'),
    el('textarea', { id: 'comment', name: 'comment', rows: 3, maxlength: 4000 }));
  const form = el('form', { class: 'card', novalidate: true, id: 'decision' },
    el('fieldset', {}, el('legend', {}, 'Decision'),
      choice('APPROVE', 'Approve', 'the answer goes to the subject'),
      choice('REJECT', 'Reject', 'manifestly unfounded or excessive; a reason is required'),
      choice('REQUEST_CHANGES', 'Request changes', 'the package is compiled again')),
    reason, comment,
    el('p', {}, el('button', { type: 'submit' }, 'Record decision')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alertSlot.replaceChildren();
    const data = Object.fromEntries(new FormData(form));
    try {
      const done = await api(`/tasks/${task.id}/complete`, { method: 'POST', body: { decision: data.decision || null, reason: data.reason || null, comment: data.comment || null } });
      live.setAttribute('tabindex', '-1');
      live.textContent = `Decision recorded: ${words(done.decision)}. Waiting for the request to move on…`;
      live.focus(); // the form goes away with the focus in it: the news takes it
      form.remove();
      await follow(id, status, live);
    } catch (e) {
      alertSlot.append(problemAlert(e instanceof Problem ? e : new Problem(0, { title: 'Not recorded', detail: String(e) })));
      alertSlot.querySelector('[role=alert]').focus?.();
    }
  });
  return el('section', { 'aria-labelledby': 'decide-h' }, el('h2', { id: 'decide-h' }, 'Review'),
    el('p', {}, `Task "${task.name}", due ${when(task.dueAt, session.me.timeZone)}.`), alertSlot, form);
}

/** Shows the request's status as the process moves it on (delivery and closing run after the decision). */
async function follow(id, status, live) {
  for (let i = 0; i < 60; i++) {
    const dsar = await api(`/dsars/${id}`);
    status.textContent = words(dsar.status);
    if (ENDED.includes(dsar.status)) {
      live.textContent = `The request is ${words(dsar.status).toLowerCase()}.`;
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  live.textContent = 'The request is still moving on; reload the page later to see where it is.';
}

/** Each connector's search for the subject's data: a failed one shows its cause, and a reviewer retries or skips it. */
async function searchSection(id, zone) {
  const section = el('section', { 'aria-labelledby': 'search-h' }, el('h2', { id: 'search-h' }, 'Search of the systems'));
  const discovery = await api(`/dsars/${id}/discovery`);
  if (!discovery.steps.length) {
    section.append(el('p', {}, 'No connector searched (the organisation has none yet).'));
    return section;
  }
  const alertSlot = el('div');
  const rows = discovery.steps.map((step) => {
    const actions = el('td', {});
    if (step.status === 'FAILED' && can('dsar:approve')) {
      const retry = el('button', { type: 'button', class: 'inline', 'aria-label': `Retry the search of connector ${step.connectorId.slice(0, 8)}` }, 'Retry');
      retry.addEventListener('click', () => act(`/dsars/${id}/discovery/${step.connectorId}/retry`, undefined, alertSlot));
      const reason = el('input', { id: `skip-${step.connectorId}`, name: 'reason', maxlength: 2000 });
      const skip = el('form', { class: 'inline-form' },
        el('label', { for: `skip-${step.connectorId}` }, 'Reason to skip'), reason,
        el('button', { type: 'submit', class: 'inline' }, 'Skip'));
      skip.addEventListener('submit', (event) => {
        event.preventDefault();
        act(`/dsars/${id}/discovery/${step.connectorId}/skip`, { reason: reason.value }, alertSlot);
      });
      actions.append(retry, skip);
    }
    return el('tr', {},
      el('td', {}, step.connectorId.slice(0, 8)),
      el('td', {}, words(step.status)),
      el('td', {}, String(step.attempts)),
      el('td', {}, step.cause || step.skipReason || '—'),
      el('td', {}, when(step.updatedAt, zone)),
      actions);
  });
  section.append(alertSlot, el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Connector searches' },
    el('table', {}, el('caption', {}, 'One row per connector'),
      el('thead', {}, el('tr', {}, ['Connector', 'State', 'Tries', 'Cause or reason', 'Last change', 'Action'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows))));
  return section;
}

/** A change the API may refuse: shown where the reviewer looks, else the page is drawn again with its result. */
async function act(path, body, alertSlot) {
  alertSlot.replaceChildren();
  try {
    await api(path, { method: 'POST', body: body === undefined ? {} : body });
    await render();
  } catch (e) {
    alertSlot.append(problemAlert(e instanceof Problem ? e : new Problem(0, { title: 'Not done', detail: String(e) })));
  }
}

/** The one extension and the pauses the request's law allows; a refusal names the legal reason. */
function deadlineSection(id, dsar, movable) {
  const alertSlot = el('div');
  const section = el('section', { 'aria-labelledby': 'deadline-h' }, el('h2', { id: 'deadline-h' }, 'Deadline'),
    el('dl', { class: 'facts', id: 'rule' },
      el('dt', {}, 'Law'), el('dd', {}, `${dsar.jurisdiction}: ${dsar.rule.source}`),
      el('dt', {}, 'Period'), el('dd', {}, dsar.rule.period),
      el('dt', {}, 'Last day on a non-working day'), el('dd', {}, dsar.rule.lastDayOnNonWorkingDay),
      el('dt', {}, 'Extension'), el('dd', {}, dsar.rule.extension),
      el('dt', {}, 'Stop the clock'), el('dd', {}, dsar.rule.stopTheClock)),
    alertSlot);
  if (!movable) {
    return section; // the rule for everyone who may see the request; the controls for those who may move it
  }
  if (!dsar.extension) {
    const reason = el('textarea', { id: 'ext-reason', rows: 2, maxlength: 2000 });
    const told = el('input', { id: 'ext-told', type: 'datetime-local' });
    const form = el('form', { class: 'card' }, el('h3', {}, 'Extend once'),
      el('p', {}, el('label', { for: 'ext-reason' }, 'Why more time is needed'), reason),
      el('p', {}, el('label', { for: 'ext-told' }, "When the subject was told (this computer's time zone)"), told),
      el('p', {}, el('button', { type: 'submit' }, 'Extend')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      act(`/dsars/${id}/extension`, { reason: reason.value, noticeSentAt: told.value ? new Date(told.value).toISOString() : null }, alertSlot);
    });
    section.append(form);
  }
  const asked = el('input', { id: 'pause-asked', type: 'date' });
  const arrived = el('input', { id: 'pause-arrived', type: 'date' });
  const pause = el('form', { class: 'card' }, el('h3', {}, 'Stop the clock'),
    el('p', {}, 'Where the law allows it: the days spent waiting for identity or clarification do not count.'),
    el('p', {}, el('label', { for: 'pause-asked' }, 'Asked the subject on'), asked),
    el('p', {}, el('label', { for: 'pause-arrived' }, 'The answer arrived on'), arrived),
    el('p', {}, el('button', { type: 'submit' }, 'Record the pause')));
  pause.addEventListener('submit', (event) => {
    event.preventDefault();
    act(`/dsars/${id}/pauses`, { askedOn: asked.value || null, arrivedOn: arrived.value || null }, alertSlot);
  });
  section.append(pause);
  return section;
}

/** Everything that happened to the request and its review tasks (claims, delegations, decisions), from the audit chain. */
async function timelineSection(id, zone) {
  const events = await api(`/audit/events?entityType=dsar&entityId=${id}&withTasks=true&limit=200`);
  return el('section', { 'aria-labelledby': 'timeline-h' }, el('h2', { id: 'timeline-h' }, 'Timeline'),
    el('ol', { class: 'timeline' }, events.map((e) => el('li', {}, el('time', { datetime: e.createdAt }, when(e.createdAt, zone)), ' ',
      el('strong', {}, e.eventType), ` by ${e.actor}`))));
}
