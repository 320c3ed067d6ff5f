// The request form, posted to the public intake API.
import { JURISDICTIONS } from './languages.js';
import { el } from '../console/dom.js';
import { fill, post, problem, show, slug, t, visitorLanguage } from './center.js';

export function requestPage(main) {
  const alert = el('div');
  const form = el('form', { class: 'card', novalidate: true },
    el('p', {}, el('label', { for: 'type' }, t.type),
      el('select', { id: 'type', name: 'type', required: true }, Object.entries(t.types).map(([v, label]) => el('option', { value: v }, label)))),
    el('p', {}, el('label', { for: 'jurisdiction' }, t.jurisdiction),
      el('select', { id: 'jurisdiction', name: 'jurisdiction' }, el('option', { value: '' }, t.jurisdictionAuto),
        Object.entries(JURISDICTIONS).map(([v, label]) => el('option', { value: v, lang: 'en' }, label)))),
    el('p', {}, el('label', { for: 'email' }, t.email),
      el('input', { id: 'email', name: 'email', type: 'email', required: true, autocomplete: 'email', 'aria-describedby': 'email-hint' }),
      el('span', { id: 'email-hint', class: 'hint' }, t.emailHint)),
    el('p', {}, el('label', { for: 'name' }, t.name), el('input', { id: 'name', name: 'name', autocomplete: 'name' })),
    el('p', {}, el('label', { for: 'details' }, t.details), el('textarea', { id: 'details', name: 'details', rows: 3, maxlength: 2000 })),
    el('p', {}, el('button', { type: 'submit' }, t.submit)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.replaceChildren();
    const data = Object.fromEntries(new FormData(form));
    const body = { type: data.type, email: data.email, language: visitorLanguage };
    for (const optional of ['jurisdiction', 'name', 'details']) {
      if (data[optional]) {
        body[optional] = data[optional];
      }
    }
    const send = form.querySelector('button[type=submit]');
    send.disabled = true; // one request per press, however often it is pressed
    const answer = await post(`/${encodeURIComponent(slug)}/dsars`, body);
    send.disabled = false;
    if (answer.ok) {
      show(main, t.sent, el('p', { role: 'status', id: 'sent' }, fill(t.sentText, { reference: answer.body.reference }))).focus();
      return;
    }
    const box = problem(t.failed, answer.body, form);
    alert.append(box);
    box.focus();
  });
  show(main, t.title, el('p', {}, t.intro), alert, form);
}
