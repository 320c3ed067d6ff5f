// Sign-in with a local account (password, then the authenticator's code when the account has one).
import { api, Problem } from './api.js';
import { el, problemAlert } from './dom.js';
import { navigate, session } from './app.js';

export function signInView({ query, page }) {
  const next = safeNext(query.get('next'));
  if (session.me) {
    return { redirect: next };
  }
  const alertSlot = el('div');
  const totpRow = el('div', { hidden: true },
    el('p', {}, el('label', { for: 'totp' }, 'Code from your authenticator app'),
      el('input', { id: 'totp', name: 'totpCode', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6}' })),
    el('p', {}, el('label', { for: 'recovery' }, 'Or one of your recovery codes'),
      el('input', { id: 'recovery', name: 'recoveryCode', autocomplete: 'off' })));
  const form = el('form', { class: 'card', novalidate: true },
    el('p', {}, el('label', { for: 'tenant' }, 'Organisation'),
      el('input', { id: 'tenant', name: 'tenant', required: true, autocomplete: 'organization', 'aria-describedby': 'tenant-hint' }),
      el('span', { id: 'tenant-hint', class: 'hint' }, 'The short name your administrator gave you, such as acme.')),
    el('p', {}, el('label', { for: 'email' }, 'Email'),
      el('input', { id: 'email', name: 'email', type: 'email', required: true, autocomplete: 'username' })),
    el('p', {}, el('label', { for: 'password' }, 'Password'),
      el('input', { id: 'password', name: 'password', type: 'password', required: true, autocomplete: 'current-password' })),
    totpRow,
    el('p', {}, el('button', { type: 'submit' }, 'Sign in')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alertSlot.replaceChildren();
    const data = Object.fromEntries(new FormData(form));
    for (const optional of ['totpCode', 'recoveryCode']) {
      if (!data[optional]) {
        delete data[optional];
      }
    }
    try {
      await api('/auth/login', { method: 'POST', body: data });
      session.me = await api('/auth/me');
      navigate(session.me.mfaEnrolmentRequired ? '/console/account' : next);
    } catch (e) {
      if (e instanceof Problem && e.type && e.type.endsWith('/mfa-required')) {
        totpRow.hidden = false;
        form.querySelector('#totp').focus();
        alertSlot.append(el('p', { role: 'status' }, 'Enter the code your authenticator app shows.'));
        return;
      }
      alertSlot.append(problemAlert(e instanceof Problem ? e : new Problem(0, { title: 'Sign-in failed', detail: String(e) })));
    }
  });
  const sso = el('form', { class: 'card', id: 'sso', method: 'get', action: '/api/v1/auth/oidc/', 'aria-labelledby': 'sso-h' },
    el('h2', { id: 'sso-h' }, 'Single sign-on'),
    el('p', {}, 'Where your organisation signs you in with its own identity provider:'),
    el('p', {}, el('label', { for: 'sso-tenant' }, 'Organisation'), el('input', { id: 'sso-tenant', required: true, autocomplete: 'organization' })),
    el('p', {}, el('button', { type: 'submit' }, 'Continue to single sign-on')));
  sso.addEventListener('submit', (event) => {
    event.preventDefault();
    const tenant = sso.querySelector('#sso-tenant').value.trim();
    if (tenant) {
      location.assign(`/api/v1/auth/oidc/${encodeURIComponent(tenant)}/login?returnTo=${encodeURIComponent(next)}`);
    }
  });
  page('Sign in', alertSlot, form, sso);
}

/** Only a path inside the console: never a redirect to another site. */
function safeNext(next) {
  return next && /^\/console\/[A-Za-z0-9/_-]*$/.test(next) ? next : '/console/';
}
