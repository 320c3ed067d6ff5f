// A tenant's privacy center, /privacy/{slug}[/status|/consents|/download]: the page in the visitor's language (center.js), its
// sections in a navigation bar, and the section the path names.
import { LANGUAGES } from './languages.js';
import { el } from '../console/dom.js';
import { lang, slug, t } from './center.js';
import { requestPage } from './request.js';
import { statusPage } from './status.js';
import { consentsPage } from './consents.js';
import { downloadPage } from './download.js';

const section = location.pathname.split('/')[3] || '';
const main = document.getElementById('main');

function languageSwitch() {
  const select = el('select', { id: 'lang', 'aria-label': t.language },
    Object.entries(LANGUAGES).map(([code, name]) => el('option', { value: code, lang: code, selected: code === lang }, name)));
  select.addEventListener('change', () => {
    const url = new URL(location.href);
    url.searchParams.set('lang', select.value);
    url.hash = loadedHash; // the link's token, whatever the fragment became since
    location.assign(url);
  });
  return select;
}

function navigation() {
  const base = `/privacy/${encodeURIComponent(slug)}`;
  const link = (path, label, current) => el('li', {}, el('a', { href: `${base}${path}?lang=${lang}`, 'aria-current': current ? 'page' : null }, label));
  return el('nav', { 'aria-label': t.sections }, el('ul', {},
    link('', t.navRequest, section === ''), link('/consents', t.navConsents, section === 'consents')));
}

// a mailed link opened in the tab that asked for it differs only in its fragment: no load happens by itself
const loadedHash = location.hash;
window.addEventListener('hashchange', () => {
  if (/^#ds[scd]_/.test(location.hash) && location.hash !== loadedHash) {
    location.reload();
  }
});
// the skip link moves the focus without touching the fragment (a link's token lives there)
document.querySelector('a.skip').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

document.getElementById('brand').textContent = t.brand;
document.getElementById('footer').textContent = t.footer;
document.getElementById('brand').after(navigation());
document.getElementById('languages').append(languageSwitch());
if (section === 'status') {
  await statusPage(main);
} else if (section === 'consents') {
  await consentsPage(main);
} else if (section === 'download') {
  downloadPage(main);
} else {
  requestPage(main);
}
