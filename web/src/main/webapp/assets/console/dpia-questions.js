// A DPIA's questionnaire, as its template version asks it: a text answer in a text area, yes or no as radio
// buttons, a choice as a select; required questions marked. Saving sends the assessment's whole body with the
// answers (PUT); the API names a wrong answer by its question, shown next to it.
import { api, asProblem } from './api.js';
import { el } from './dom.js';
import { render } from './app.js';
import { choose, custom, group, showProblems, tell, text, uid } from './ropa-fields.js';
import { facts } from './pages.js';

const mark = (q) => (q.required ? [' ', el('span', { class: 'required' }, '(required)')] : []);

function yesNo(q, value) {
  const name = uid('yn');
  const radios = [['yes', 'Yes'], ['no', 'No'], ['', 'Not answered']].map(([v, words]) => {
    const id = uid();
    const input = el('input', { type: 'radio', name, id, value: v, checked: (value || '').toLowerCase() === v });
    return [input, el('div', { class: 'choice' }, input, el('label', { for: id }, words))];
  });
  const fieldset = el('fieldset', { 'aria-describedby': q.help ? `${name}-help` : null }, el('legend', {}, q.text, ...mark(q)),
    q.help ? el('p', { class: 'hint', id: `${name}-help` }, q.help) : null, radios.map(([, node]) => node));
  const chosen = () => (radios.find(([input]) => input.checked) || [{ value: '' }])[0].value;
  return custom(fieldset, (path) => {
    if (path === null) {
      delete fieldset.dataset.field;
    } else {
      fieldset.dataset.field = path;
    }
    return chosen() || null;
  }, () => !chosen());
}

function question(q, value) {
  if (q.kind === 'YES_NO') {
    return yesNo(q, value);
  }
  if (q.kind === 'CHOICE') {
    return choose([q.text, ...mark(q)], q.options.map((o) => [o, o]), value, { blank: 'Not answered', hint: q.help });
  }
  return text([q.text, ...mark(q)], value, { multiline: true, hint: q.help, attrs: { 'aria-required': q.required ? 'true' : null } });
}

/** How a problem's field reads: "answers.necessity" as its question's text. */
export function questionNamer(template) {
  return (field) => {
    const q = template.questions.find((x) => `answers.${x.id}` === field);
    return q ? q.text : field;
  };
}

/** The questions with their answers, to read. */
export function answersFacts(template, answers) {
  return facts(...template.questions.map((q) => [q.text, answers[q.id] ?? el('span', { class: 'hint' }, 'not answered')]));
}

/** The questionnaire as a form: Save answers puts the whole assessment with them. */
export function answersForm(view) {
  const { dpia: d, screening: s, template } = view;
  const slot = el('div');
  const answers = group(template.questions.map((q) => [q.id, question(q, view.answers[q.id])]), el('div'));
  const form = el('form', { id: 'answers', novalidate: true }, slot, answers.node,
    el('p', { class: 'actions' }, el('button', { type: 'submit' }, 'Save answers')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const given = Object.fromEntries(Object.entries(answers.read('answers')).filter(([, v]) => v !== null));
    try {
      await api(`/dpias/${d.id}`, { method: 'PUT', body: { reference: d.reference, activityId: d.activityId, title: d.title,
        criteria: s.criteria, article35Cases: s.article35Cases, reasoning: s.reasoning, answers: given, ownerId: d.ownerId, reviewDue: d.reviewDue } });
      tell('Answers saved.');
      await render();
    } catch (e) {
      showProblems(form, slot, asProblem(e, 'Not saved'), { name: questionNamer(template) });
    }
  });
  answers.read('answers'); // each input marked with its answer's field, for the problems
  return form;
}
