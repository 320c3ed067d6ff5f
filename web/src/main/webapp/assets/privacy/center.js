// What every privacy center page shares: the organisation's slug, the visitor's language and its words, posting to
// the public API, problems shown beside the fields they name, and dates in the organisation's zone, named.
import { LANGUAGES, RTL } from './languages.js';
import { el } from '../console/dom.js';

export const slug = (() => { // the organisation's short name, as the public API takes it
  try {
    return decodeURIComponent(location.pathname.split('/')[2] || '');
  } catch (e) {
    return '';
  }
})();

/** ?lang=, else the browser's first language the center speaks, else English. */
export const lang = (() => {
  const asked = new URLSearchParams(location.search).get('lang');
  const wanted = [asked, ...(navigator.languages || [])].filter(Boolean).map((l) => l.toLowerCase().split('-')[0]);
  return wanted.find((l) => LANGUAGES[l]) || 'en';
})();

/** The visitor's own language tag (mail to them uses it where it can), not only the page's catalogue. */
export const visitorLanguage = (new URLSearchParams(location.search).get('lang') || navigator.language || lang).slice(0, 35);

export const t = (await import(`./i18n/${lang}.js`)).default;

document.documentElement.lang = lang;
document.documentElement.dir = RTL.has(lang) ? 'rtl' : 'ltr';

/** Replaces {name} in a catalogue's sentence. */
export function fill(sentence, values) {
  return sentence.replace(/\{([a-z]+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** A date and time in the visitor's language and the organisation's zone (the page names the zone once). */
export function date(iso, zone) {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: zone || 'UTC' }).format(new Date(iso));
}

/** Posts JSON; the answer as {ok, status, body}, a network failure as a problem of its own. */
export async function post(path, body) {
  try {
    const response = await fetch(`/api/v1/public${path}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body),
    });
    return { ok: response.ok, status: response.status, body: await response.json().catch(() => ({})) };
  } catch (e) {
    return { ok: false, status: 0, body: { detail: String(e.message || e) } };
  }
}

/** The problem's own words are English; its fields are marked so the visitor sees which to fix. */
export function problem(heading, answer, form) {
  if (form) {
    for (const field of form.querySelectorAll('[aria-invalid]')) {
      field.removeAttribute('aria-invalid');
    }
  }
  const box = el('div', { role: 'alert', class: 'problem', tabindex: '-1' },
    el('p', {}, el('strong', {}, heading), ' ', el('span', { lang: 'en' }, answer.detail || '')));
  if (answer.errors && answer.errors.length) {
    box.append(el('ul', {}, answer.errors.map((e) => el('li', { lang: 'en' }, `${e.field}: ${e.reason}`))));
    for (const e of answer.errors) {
      const field = form && form.elements[e.field];
      if (field && field.setAttribute) {
        field.setAttribute('aria-invalid', 'true');
      }
    }
  }
  return box;
}

/** Shows a page: its heading focused (so a screen reader starts there) and named in the title. */
export function show(main, heading, ...content) {
  const h1 = el('h1', { tabindex: '-1' }, heading);
  main.replaceChildren(h1, ...content);
  document.title = `${heading} — ${t.brand}`;
  return h1;
}

/** The link's token: the URL's fragment, which the browser never sent to a server. */
export function fragmentToken() {
  try {
    return decodeURIComponent(location.hash.replace(/^#/, ''));
  } catch (e) {
    return '';
  }
}

/** The visitor's words for a refused answer: used, busy, unreachable, or not a link at all. */
export function refusal(answer) {
  if (answer.status === 0) {
    return t.offline;
  }
  if (answer.status === 429 || answer.status === 503) {
    return t.busy;
  }
  return answer.body && answer.body.type && answer.body.type.endsWith('/link-used') ? t.linkUsed : t.linkInvalid;
}
