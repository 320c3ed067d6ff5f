// What the administration pages share: their navigation, and forms that call the API and say how it went.
import { api, Problem } from './api.js';
import { el, problemAlert } from './dom.js';
import { can, render } from './app.js';

export const PAGES = [['users', 'People', 'user:view'], ['roles', 'Roles', 'role:view'], ['api-keys', 'API keys', 'api_key:view'],
  ['purposes', 'Purposes and notices', 'purpose:view'], ['webhooks', 'Webhooks', 'webhook:view'], ['settings', 'Settings', 'settings:view']];

export function subNav(current) {
  return el('nav', { 'aria-label': 'Administration', class: 'subnav' }, el('ul', {},
    PAGES.filter(([, , p]) => can(p)).map(([path, label]) => el('li', {},
      el('a', { href: `/console/admin/${path}`, 'data-nav': '', 'aria-current': path === current ? 'page' : null }, label)))));
}

/** A form whose submit calls the API; a refusal is shown above it, success draws the page again (or calls done). */
export function apiForm(attributes, children, submit, done) {
  const alertSlot = el('div');
  const form = el('form', { class: 'card', novalidate: true, ...attributes }, children);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alertSlot.replaceChildren();
    try {
      const result = await submit(new FormData(form));
      if (done) {
        await done(result);
      } else {
        await render();
        const main = document.getElementById('main');
        const saved = el('p', { role: 'status', class: 'ok-box', tabindex: '-1' }, 'Saved.');
        main.insertBefore(saved, main.children[1] || null);
        saved.focus();
      }
    } catch (e) {
      alertSlot.append(problemAlert(e instanceof Problem ? e : new Problem(0, { title: 'Not saved', detail: String(e) })));
    }
  });
  return [alertSlot, form];
}

export function field(id, label, input) {
  return el('p', {}, el('label', { for: id }, label), input);
}

export const BUILT_IN = ['ADMIN', 'MANAGER', 'APPROVER', 'IT', 'AUDITOR'];

/** The built-in roles and the tenant's own. */
export async function roleNames() {
  const catalogue = await api('/roles');
  return [...BUILT_IN, ...catalogue.customRoles.map((r) => r.name)];
}
