// The console: one page whose views are chosen by the path (/console/inbox, /console/dsars/<id>, ...), each
// rendered from the REST API. Every view names its page (title, one h1 that takes the focus), so a screen reader
// hears where it is after each navigation.
import { api, Problem } from './api.js';
import { signInView } from './sign-in.js';
import { inboxView } from './inbox.js';
import { dsarView } from './dsar.js';
import { auditView } from './audit.js';
import { dashboardView } from './dashboard.js';
import { adminView } from './admin.js';
import { accountView } from './account.js';
import { ropaListView } from './ropa.js';
import { ropaEntryView } from './ropa-entry.js';
import { ropaFormView } from './ropa-form.js';
import { ropaSystemsView } from './ropa-systems.js';
import { retentionView } from './retention.js';
import { risksView } from './risks.js';
import { riskView } from './risk.js';
import { riskFormView } from './risk-form.js';
import { riskBandsView } from './risk-bands.js';
import { dpiaListView } from './dpias.js';
import { dpiaNewView } from './dpia-new.js';
import { dpiaView } from './dpia.js';
import { dpiaTemplatesView } from './dpia-templates.js';
import { el, clear, problemAlert } from './dom.js';

const routes = [
  [/^\/console\/?$/, () => ({ redirect: home() })],
  [/^\/console\/sign-in$/, signInView, { public: true }],
  [/^\/console\/inbox$/, inboxView],
  [/^\/console\/dsars\/([0-9a-f-]{36})$/, dsarView],
  [/^\/console\/audit$/, auditView],
  [/^\/console\/dashboard$/, dashboardView],
  [/^\/console\/admin(?:\/([a-z-]+))?$/, adminView],
  [/^\/console\/account$/, accountView],
  [/^\/console\/ropa\/?$/, ropaListView],
  [/^\/console\/ropa\/new$/, ropaFormView],
  [/^\/console\/ropa\/systems$/, ropaSystemsView],
  [/^\/console\/retention$/, retentionView],
  [/^\/console\/ropa\/activities\/([0-9a-f-]{36})$/, ropaEntryView], // the review mails link here
  [/^\/console\/ropa\/activities\/([0-9a-f-]{36})\/edit$/, ropaFormView],
  [/^\/console\/risks\/?$/, risksView],
  [/^\/console\/risks\/new$/, riskFormView],
  [/^\/console\/risks\/bands$/, riskBandsView],
  [/^\/console\/risks\/([0-9a-f-]{36})$/, riskView], // the treatment reminder mails link here
  [/^\/console\/risks\/([0-9a-f-]{36})\/edit$/, riskFormView],
  [/^\/console\/dpias\/?$/, dpiaListView],
  [/^\/console\/dpias\/new$/, dpiaNewView],
  [/^\/console\/dpias\/templates$/, dpiaTemplatesView],
  [/^\/console\/dpias\/([0-9a-f-]{36})$/, dpiaView], // the review mails link here
];

export const session = { me: null };

/** Whether the signed-in caller holds a permission (the API decides; this only hides what it would refuse). */
export function can(permission) {
  return Boolean(session.me && session.me.permissions.includes(permission));
}

/** Where a role starts: its work if it has any, else the trail, else administration. */
function home() {
  if (session.me && session.me.mfaEnrolmentRequired) {
    return '/console/account'; // nothing else answers until an authenticator is set up
  }
  if (can('task:view')) {
    return '/console/inbox';
  }
  if (can('audit:view')) {
    return '/console/audit';
  }
  const admin = ['user:view', 'role:view', 'api_key:view', 'purpose:view', 'webhook:view', 'settings:view'];
  return admin.some(can) ? '/console/admin' : '/console/inbox'; // IT's work is administration

}

export function navigate(path, { replace = false } = {}) {
  if (replace) {
    history.replaceState(null, '', path);
  } else {
    history.pushState(null, '', path);
  }
  return render();
}

async function whoAmI() {
  try {
    session.me = await api('/auth/me');
  } catch (e) {
    if (!(e instanceof Problem) || e.status !== 401) {
      throw e;
    }
    session.me = null;
  }
  return session.me;
}

function showSession() {
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  clear(who);
  nav.hidden = !session.me;
  for (const item of nav.querySelectorAll('[data-permission]')) {
    item.hidden = !item.dataset.permission.split(' ').some(can); // any of the listed permissions opens it
  }
  if (session.me) {
    const out = el('button', { type: 'button', class: 'link' }, 'Sign out');
    out.addEventListener('click', async () => {
      await api('/auth/logout', { method: 'POST' }).catch(() => {});
      session.me = null;
      navigate('/console/sign-in');
    });
    who.append(el('a', { href: '/console/account', 'data-nav': '' }, `Account (${session.me.role})`), ' ', out);
  }
}

export async function render() {
  const main = document.getElementById('main');
  const path = location.pathname;
  const route = routes.find(([pattern]) => pattern.test(path));
  if (session.me === null) {
    await whoAmI();
  }
  showSession();
  if (!route) {
    return page(main, 'Not found', el('p', {}, 'There is no such page in the console. ', el('a', { href: '/console/inbox', 'data-nav': '' }, 'Go to the inbox')));
  }
  const [pattern, view, options = {}] = route;
  if (!options.public && !session.me) {
    return navigate('/console/sign-in?next=' + encodeURIComponent(path), { replace: true });
  }
  let result;
  try {
    result = await view({ params: path.match(pattern).slice(1), query: new URLSearchParams(location.search), main, page: (title, ...content) => page(main, title, ...content) });
  } catch (e) {
    if (e instanceof Problem && e.status === 401) { // the session ended meanwhile
      session.me = null;
      return navigate('/console/sign-in?next=' + encodeURIComponent(path), { replace: true });
    }
    if (e instanceof Problem) {
      return page(main, e.status === 404 ? 'Not found' : 'Not available', problemAlert(e));
    }
    throw e;
  }
  if (result && result.redirect) {
    return navigate(result.redirect, { replace: true });
  }
}

/** Replaces the main content with a page titled {@code title}; its heading takes the focus. */
export function page(main, title, ...content) {
  clear(main);
  document.title = `${title} — Custodia`;
  const heading = el('h1', { tabindex: '-1' }, title);
  main.append(heading, ...content);
  heading.focus();
  return heading;
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-nav]');
  if (link && link.origin === location.origin && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
    event.preventDefault();
    navigate(link.pathname + link.search);
  }
});
window.addEventListener('popstate', () => render());
render().catch((e) => {
  page(document.getElementById('main'), 'Something went wrong', el('p', { role: 'alert' }, String(e.message || e)));
});
