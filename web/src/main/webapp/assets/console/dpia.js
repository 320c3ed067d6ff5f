// One DPIA (the review reminder mails link here): the screening and its rule, the questionnaire of its template
// version, the risks it found (which go to the risk register), the prior consultation Art. 36(1) then requires, the
// submission to the DPO and the DPO's decision and written opinion, decided here by the holder of the review task.
import { api, asProblem } from './api.js';
import { el, when, words } from './dom.js';
import { can, navigate, render, session } from './app.js';
import { showProblems, tell, told } from './ropa-fields.js';
import { deleteControl, facts, personNamer, reviewDate, reviewSection, section } from './pages.js';
import { screeningFacts } from './dpia-screening.js';
import { answersFacts, answersForm, questionNamer } from './dpia-questions.js';
import { dpiaChangeForm } from './dpia-edit.js';
import { activityLink } from './dpias.js';
import { coloursOf, riskTable } from './risks.js';
import { riskForm } from './risk-form.js';

export async function dpiaView({ params: [id], page }) {
  const zone = session.me.timeZone;
  const view = await api(`/dpias/${id}`);
  const d = view.dpia;
  const activities = can('ropa:view') ? await api('/ropa/activities') : null;
  const users = can('user:view') ? await api('/users') : null;
  const bands = can('risk:view') ? await api('/settings/risk-bands') : { bands: [] };
  const tasks = can('task:work') ? await api(`/tasks?process=dpiaReview&status=open&businessKey=${id}`) : [];
  const task = tasks.find((t) => t.businessKey === id && t.processKey === 'dpiaReview');
  const person = personNamer(users || []);
  const answering = d.status === 'IN_PROGRESS' && can('dpia:update');
  const form = answering ? answersForm(view) : null;

  const summary = facts(['Reference', d.reference], ['Processing activity', activityLink(d.activityId, activities)],
    ['Status', el('span', { id: 'dpia-status' }, words(d.status))], ['Owner', person(d.ownerId)], ['Review by', reviewDate(d.reviewDue, zone)],
    ['Questionnaire', `${view.template.title} (${view.template.key}, version ${view.template.version})`], ['Last change', when(d.updatedAt, zone)]);
  page(`${d.reference}: ${d.title}`, ...[told(), summary, priorConsultation(view.priorConsultation), actions(view, form),
    task ? reviewSection(task, { legend: `Decision on ${d.reference}`, approve: 'Approve (sign off, with the written opinion below)',
      comment: 'Written opinion (with Approve), or what should change (with Request changes)',
      commentHint: 'Approving signs the DPIA off with this text as the DPO\'s written opinion (GDPR Art. 35(2)).' }) : null,
    view.dpo ? dpoSection(view.dpo, person, zone) : null,
    section('Screening', screeningFacts(view.screening), can('dpia:update') && d.status !== 'IN_REVIEW' ? dpiaChangeForm(view, users) : null),
    questionnaire(view, form),
    risksSection(view, coloursOf(bands), users),
    el('p', {}, el('a', { href: '/console/dpias', 'data-nav': '' }, 'Back to the DPIAs'))].filter(Boolean)); // page() would print a null
}

/** Art. 36(1): the supervisory authority is consulted before the processing starts; said first, in words. */
function priorConsultation(reason) {
  if (!reason) {
    return null;
  }
  return el('section', { class: 'notice', id: 'prior-consultation', 'aria-labelledby': 'prior-h' },
    el('h2', { id: 'prior-h' }, 'Prior consultation required (GDPR Art. 36(1))'), el('p', {}, reason));
}

function actions(view, form) {
  const d = view.dpia;
  const slot = el('div');
  const tools = el('p', { class: 'toolbar' });
  if (form) {
    const submit = el('button', { type: 'button', id: 'submit-dpia', 'aria-describedby': 'submit-hint' }, 'Submit to the DPO');
    submit.addEventListener('click', async () => {
      slot.replaceChildren();
      try {
        await api(`/dpias/${d.id}/submit`, { method: 'POST', body: {} });
        tell(`${d.reference} submitted: the DPO's review task is in the APPROVERs' inbox.`);
        await render();
      } catch (e) {
        showProblems(form, slot, asProblem(e, 'Not submitted'), { name: questionNamer(view.template) }); // each open question, named and linked
      }
    });
    tools.append(submit);
  }
  if (can('dpia:export')) {
    tools.append(el('a', { href: `/api/v1/reports/dpias/${d.id}`, class: 'button secondary', id: 'export-pdf' }, 'Signed PDF'));
  }
  const parts = [tools, form ? el('p', { class: 'hint', id: 'submit-hint' }, 'The DPO reviews the answers as saved: save them first.') : null, slot];
  if (d.status === 'IN_REVIEW') {
    parts.unshift(el('p', { class: 'hint' }, 'The DPO is reviewing it: it cannot change until the DPO has decided.'));
  }
  if (can('dpia:delete') && d.status !== 'IN_REVIEW' && d.status !== 'APPROVED') {
    const { button, confirm } = deleteControl({ id: 'delete-dpia', yes: `Yes, delete ${d.reference}`,
      question: `Delete ${d.reference}? The risks it found stay in the risk register. This cannot be undone.`,
      call: () => api(`/dpias/${d.id}`, { method: 'DELETE' }),
      done: () => {
        tell(`${d.reference} deleted.`);
        return navigate('/console/dpias');
      } });
    tools.append(button);
    parts.push(confirm);
  }
  return tools.children.length ? el('div', { id: 'dpia-actions' }, parts) : null;
}

function dpoSection(dpo, person, zone) {
  return section('The DPO\'s decision', facts(['Decision', el('span', { id: 'dpo-decision' }, words(dpo.decision))],
    [dpo.decision === 'APPROVE' ? 'Written opinion' : 'Reason given', el('span', { id: 'dpo-opinion' }, dpo.opinion || '—')],
    ['By', person(dpo.decidedBy)], ['On', when(dpo.decidedAt, zone)]));
}

function questionnaire(view, form) {
  const open = view.unanswered.map((qid) => view.template.questions.find((q) => q.id === qid)?.text || qid);
  const still = view.dpia.status === 'NOT_REQUIRED' ? el('p', {}, 'The screening requires no DPIA, so no answers are asked for.')
    : open.length ? el('div', { class: 'gaps', id: 'unanswered' }, el('p', {}, `Required and not answered yet: ${open.length}`), el('ul', {}, open.map((t) => el('li', {}, t))))
      : el('p', { class: 'ok-box', id: 'unanswered' }, 'Every required question is answered.');
  return section('Questionnaire', still, form || (view.dpia.status === 'NOT_REQUIRED' ? null : answersFacts(view.template, view.answers)));
}

function risksSection(view, colours, users) {
  const d = view.dpia;
  const content = [view.risks.length ? riskTable(view.risks, colours, [d]) : el('p', { id: 'no-risks' }, 'No risk recorded yet.')];
  if (d.status === 'IN_PROGRESS' && can('dpia:update')) {
    content.push(el('details', { id: 'add-risk' }, el('summary', {}, 'Add a risk found'),
      el('p', { class: 'hint' }, `It goes to the risk register, linked to the assessed activity and to ${d.reference}.`),
      riskForm({ users, withActivities: false, id: 'found-risk', submit: 'Add risk', save: async (body) => {
        const risk = await api(`/dpias/${d.id}/risks`, { method: 'POST', body });
        tell(`${risk.reference} added to the risk register.`);
        await render();
      } })));
  }
  return section('Risks found', ...content);
}
