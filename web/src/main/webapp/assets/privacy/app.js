// A tenant's privacy center (/privacy/{slug}): the request form in the visitor's language, posted to the public
// intake API. The language is ?lang=, else the browser's first supported one, else English.
import { JURISDICTIONS, LANGUAGES, MESSAGES, RTL } from './messages.js';
import { el } from '../console/dom.js';

const slug = (() => { // the organisation's short name, as the intake API takes it
  try {
    return decodeURIComponent(location.pathname.split('/')[2] || '');
  } catch (e) {
    return '';
  }
})();

function chooseLanguage() {
  const asked = new URLSearchParams(location.search).get('lang');
  const wanted = [asked, ...(navigator.languages || [])].filter(Boolean).map((l) => l.toLowerCase().split('-')[0]);
  return wanted.find((l) => MESSAGES[l]) || 'en';
}

const lang = chooseLanguage();
const t = MESSAGES[lang];
document.documentElement.lang = lang;
document.documentElement.dir = RTL.has(lang) ? 'rtl' : 'ltr';

function languageSwitch() {
  const select = el('select', { id: 'lang', 'aria-label': t.language },
    Object.entries(LANGUAGES).map(([code, name]) => el('option', { value: code, lang: code, selected: code === lang }, name)));
  select.addEventListener('change', () => {
    const url = new URL(location.href);
    url.searchParams.set('lang', select.value);
    location.assign(url);
  });
  return select;
}

function requestForm(main) {
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
    // the visitor's own language tag (mail to them uses it where it can), not only the page's catalogue
    const visitor = (new URLSearchParams(location.search).get('lang') || navigator.language || lang).slice(0, 35);
    const body = { type: data.type, email: data.email, language: visitor };
    for (const optional of ['jurisdiction', 'name', 'details']) {
      if (data[optional]) {
        body[optional] = data[optional];
      }
    }
    const send = form.querySelector('button[type=submit]');
    send.disabled = true; // one request per press, however often it is pressed
    let response;
    try {
      response = await fetch(`/api/v1/public/${encodeURIComponent(slug)}/dsars`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body),
      });
    } catch (e) {
      response = { ok: false, json: async () => ({ detail: String(e.message || e) }) };
    }
    send.disabled = false;
    const answer = await response.json().catch(() => ({}));
    if (response.ok) {
      const heading = el('h1', { tabindex: '-1' }, t.sent);
      main.replaceChildren(heading, el('p', { role: 'status', id: 'sent' }, t.sentText.replace('{reference}', answer.reference)));
      document.title = `${t.sent} — ${t.brand}`;
      heading.focus();
      return;
    }
    // the problem's own words are English; its fields are named so the visitor sees which to fix
    for (const field of form.querySelectorAll('[aria-invalid]')) {
      field.removeAttribute('aria-invalid');
    }
    const box = el('div', { role: 'alert', class: 'problem', tabindex: '-1' },
      el('p', {}, el('strong', {}, t.failed), ' ', el('span', { lang: 'en' }, answer.detail || '')));
    if (answer.errors && answer.errors.length) {
      box.append(el('ul', {}, answer.errors.map((e) => el('li', { lang: 'en' }, `${e.field}: ${e.reason}`))));
      for (const e of answer.errors) {
        const field = form.elements[e.field];
        if (field && field.setAttribute) {
          field.setAttribute('aria-invalid', 'true');
        }
      }
    }
    alert.append(box);
    box.focus();
  });
  return [alert, form];
}

const main = document.getElementById('main');
document.getElementById('brand').textContent = t.brand;
document.getElementById('footer').textContent = t.footer;
document.getElementById('languages').append(languageSwitch());
document.title = `${t.title} — ${t.brand}`;
const heading = el('h1', { tabindex: '-1' }, t.title);
main.replaceChildren(heading, el('p', {}, t.intro), ...requestForm(main));
