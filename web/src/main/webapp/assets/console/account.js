// The signed-in person's own account: who they are here, and setting up an authenticator app (the secret and its
// otpauth address shown while setting up; the recovery codes shown once, after the first code is accepted).
import { api, Problem } from './api.js';
import { el, problemAlert, when } from './dom.js';
import { session } from './app.js';

export async function accountView({ page }) {
  const me = session.me;
  const facts = el('dl', { class: 'facts' }, el('dt', {}, 'Signed in as'), el('dd', {}, me.email || me.principal),
    el('dt', {}, 'Role'), el('dd', {}, me.role), el('dt', {}, 'Session ends'), el('dd', {}, when(me.expiresAt, me.timeZone)));
  const status = el('div', { role: 'status', id: 'mfa-status', tabindex: '-1' });
  const alertSlot = el('div');
  const start = el('button', { type: 'button', id: 'mfa-start' }, 'Set up an authenticator app');
  const section = el('section', { 'aria-labelledby': 'mfa-h' }, el('h2', { id: 'mfa-h' }, 'Authenticator app'),
    me.mfaEnrolmentRequired ? el('p', { class: 'problem' }, 'Your organisation requires an authenticator app: set one up to continue.') : null,
    el('p', {}, 'After this, signing in asks for the six-digit code your app shows, as well as your password.'),
    alertSlot, start, status);
  if (!me.mfaEnrolmentRequired && me.signIn === 'sso') { // the provider asks for second factors, not Custodia
    start.replaceWith(el('p', { id: 'mfa-sso' }, 'You sign in through your organisation\'s single sign-on; its provider asks for any second factor.'));
  } else if (!me.mfaEnrolmentRequired && me.mfa) { // when required first, set-up is always offered
    start.replaceWith(el('p', { id: 'mfa-on', class: 'ok-box' }, 'An authenticator app is set up. Without your phone, sign in with one of your recovery codes.'));
  }
  start.addEventListener('click', async () => {
    alertSlot.replaceChildren();
    let enrolment;
    try {
      enrolment = await api('/auth/mfa/totp', { method: 'POST', body: {} });
    } catch (e) {
      alertSlot.append(problemAlert(e instanceof Problem ? e : new Problem(0, { title: 'Not started', detail: String(e) })));
      return;
    }
    start.remove();
    const code = el('input', { id: 'mfa-code', name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6}', required: true });
    const form = el('form', { class: 'card', id: 'mfa-confirm', novalidate: true },
      el('p', {}, 'Add this account to your authenticator app: scan the code, or on a phone open ',
        el('a', { href: enrolment.otpauthUri }, 'this link'), ', or type the key:'),
      qrCode(enrolment.qr),
      el('p', {}, el('code', { id: 'mfa-secret' }, enrolment.secret.replace(/(.{4})/g, '$1 ').trim())),
      el('p', {}, el('label', { for: 'mfa-code' }, 'The code it shows now'), code),
      el('p', {}, el('button', { type: 'submit' }, 'Turn on')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      alertSlot.replaceChildren();
      try {
        const done = await api('/auth/mfa/totp/confirm', { method: 'POST', body: { code: code.value.trim() } });
        form.remove();
        session.me = await api('/auth/me');
        status.replaceChildren(el('div', { class: 'ok-box' }, el('p', {}, 'The authenticator app is on. Keep these recovery codes somewhere safe: each works once, instead of a code, and they are shown only now.'),
          el('ul', { id: 'recovery-codes' }, done.recoveryCodes.map((c) => el('li', {}, el('code', {}, c))))));
        status.focus();
      } catch (e) {
        alertSlot.append(problemAlert(e instanceof Problem ? e : new Problem(0, { title: 'Not turned on', detail: String(e) })));
      }
    });
    section.insertBefore(form, status);
    code.focus();
  });
  page('Your account', facts, section);
}

/** The otpauth address as a QR code: one SVG path the server drew on a square grid, built without parsing markup. */
function qrCode(qr) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  for (const [name, value] of Object.entries({ id: 'mfa-qr', viewBox: `0 0 ${qr.size} ${qr.size}`, width: 192, height: 192,
    role: 'img', 'aria-label': 'QR code of the authenticator set-up address', 'shape-rendering': 'crispEdges' })) {
    svg.setAttribute(name, value);
  }
  const paper = document.createElementNS(ns, 'rect');
  for (const [name, value] of Object.entries({ width: qr.size, height: qr.size, fill: '#ffffff' })) {
    paper.setAttribute(name, value);
  }
  const ink = document.createElementNS(ns, 'path');
  ink.setAttribute('d', qr.path);
  ink.setAttribute('fill', '#000000');
  svg.append(paper, ink);
  return el('p', {}, svg);
}
