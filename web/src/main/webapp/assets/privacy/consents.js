// Consents: without a token, the form that mails a link; with one (the fragment), each purpose the person decided
// on, in their language, with a one-click withdrawal. A Global Privacy Control signal is sent along and honoured.
import { el } from '../console/dom.js';
import { date, fill, fragmentToken, lang, post, problem, refusal, show, slug, t, visitorLanguage } from './center.js';

const LINK_HOURS = 24; // ConsentManageLinks.VALIDITY

function askForLink(main) {
  const alert = el('div');
  const form = el('form', { class: 'card', novalidate: true },
    el('p', {}, el('label', { for: 'email' }, t.email),
      el('input', { id: 'email', name: 'email', type: 'email', required: true, autocomplete: 'email' })),
    el('p', {}, el('button', { type: 'submit' }, t.consentsSubmit)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.replaceChildren();
    const send = form.querySelector('button[type=submit]');
    send.disabled = true;
    const answer = await post(`/${encodeURIComponent(slug)}/consents/link`, { email: form.elements.email.value, language: visitorLanguage });
    send.disabled = false;
    if (answer.ok) {
      show(main, t.sent, el('p', { role: 'status', id: 'sent' }, fill(t.consentsSent, { hours: LINK_HOURS }))).focus();
      return;
    }
    const box = problem(t.consentsFailed, answer.body, form);
    alert.append(box);
    box.focus();
  });
  show(main, t.consentsTitle, el('p', {}, t.consentsIntro), alert, form);
}

/** What the person's state is, in words true to its reason. */
function stateLine(purpose, zone) {
  if (!purpose.decidedAt) {
    return t.notDecided;
  }
  const when = date(purpose.decidedAt, zone);
  switch (purpose.reason) {
    case 'GRANTED':
      return fill(t.granted, { date: when });
    case 'EXPIRED':
      return fill(t.expired, { date: date(purpose.expiresAt || purpose.decidedAt, zone) });
    case 'NOTICE_CHANGED':
      return fill(t.noticeChanged, { date: when });
    default: // WITHDRAWN, or opted out by Global Privacy Control
      return fill(t.withdrawn, { date: when });
  }
}

function purposeCard(token, purpose, zone) {
  const state = el('p', { class: 'state', id: `state-${purpose.purpose}` }, stateLine(purpose, zone));
  const card = el('section', { class: 'card purpose', 'aria-labelledby': `purpose-${purpose.purpose}` },
    el('h2', { id: `purpose-${purpose.purpose}` }, purpose.name),
    el('p', { lang: purpose.textLanguage || null, dir: 'auto' }, purpose.text || ''),
    purpose.noticeVersion ? el('p', { class: 'hint' }, fill(t.noticeVersion, { version: purpose.noticeVersion })) : null,
    state);
  if (purpose.allowed) {
    const button = el('button', { type: 'button', 'aria-label': fill(t.withdrawLabel, { purpose: purpose.name }), 'data-purpose': purpose.purpose }, t.withdraw);
    button.addEventListener('click', async () => {
      button.disabled = true;
      const answer = await post('/consents/withdraw', { token, purpose: purpose.purpose, language: lang });
      if (!answer.ok) {
        button.disabled = false;
        const box = el('div', { role: 'alert', class: 'problem', tabindex: '-1' }, el('p', {}, el('strong', {}, t.withdrawFailed), ' ', refusal(answer)));
        card.append(box);
        box.focus();
        return;
      }
      state.textContent = stateLine(answer.body, zone);
      const done = el('p', { role: 'status', class: 'ok-box', tabindex: '-1' }, t.withdrawDone);
      button.replaceWith(done);
      done.focus();
    });
    card.append(el('p', {}, button));
  }
  return card;
}

async function manage(main, token) {
  const gpc = navigator.globalPrivacyControl === true;
  const answer = await post('/consents/view', { token, language: lang, gpc });
  if (!answer.ok) {
    show(main, t.consentsTitle, el('p', { role: 'alert', class: 'problem', id: 'consents-problem' }, refusal(answer)),
      el('p', {}, el('a', { href: `/privacy/${encodeURIComponent(slug)}/consents?lang=${lang}` }, t.consentsSubmit)));
    return;
  }
  const view = answer.body;
  const notes = [];
  if (view.gpcRecorded.length) {
    const names = view.purposes.filter((p) => view.gpcRecorded.includes(p.purpose)).map((p) => p.name);
    notes.push(el('p', { class: 'ok-box', id: 'gpc', role: 'status' }, fill(t.gpcHonoured, { purposes: names.join(', ') || view.gpcRecorded.join(', ') })));
  } else if (gpc) {
    notes.push(el('p', { class: 'ok-box', id: 'gpc' }, t.gpcOn));
  }
  const cards = view.purposes.length ? view.purposes.map((p) => purposeCard(token, p, view.timeZone)) : [el('p', { id: 'none' }, t.consentsNone)];
  show(main, t.consentsTitle, el('p', { class: 'lead' }, view.organisation), el('p', {}, t.consentsManageIntro), ...notes, ...cards,
    el('p', { class: 'hint' }, fill(t.zoneNote, { zone: view.timeZone })));
}

export function consentsPage(main) {
  const token = fragmentToken();
  return token ? manage(main, token) : askForLink(main);
}
