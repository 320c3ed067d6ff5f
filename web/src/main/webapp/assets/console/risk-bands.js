// The organisation's risk bands over the scores 1-25, each with the colour its heat map cells take. Changing them
// re-rates every risk, so only risk:approve holders may; the API refuses bands that leave a score a likelihood ×
// impact can make in no band or in two, and its problems are shown where they belong.
import { api } from './api.js';
import { el } from './dom.js';
import { can } from './app.js';
import { group, rows, text, told } from './ropa-fields.js';
import { partsForm, scrollTable, section } from './pages.js';
import { bandChip } from './risk-map.js';
import { coloursOf } from './risks.js';

/** A whole number input read as a number (empty: null, which the API names). */
function whole(label, value) {
  const part = text(label, value, { type: 'number', attrs: { min: 1, max: 25, step: 1, class: 'short' } });
  return { ...part, read: (path) => (part.read(path) === null ? null : Number(part.input.value)) };
}

const band = (v, box) => group([
  ['name', text('Name', v?.name, { attrs: { maxlength: 40, required: true } })],
  ['from', whole('From score', v?.from)],
  ['to', whole('To score', v?.to)],
  ['colour', text('Colour', v?.colour || '#888888', { type: 'color', hint: 'Cells show their count and band name on it in black or white, whichever reads better.' })]], box);

export async function riskBandsView({ page }) {
  const bands = await api('/settings/risk-bands');
  const colours = coloursOf(bands);
  const content = [told(), el('p', {}, el('a', { href: '/console/risks', 'data-nav': '' }, 'Back to the risk register')),
    el('p', {}, 'A risk\'s score is its likelihood times its impact. Every score that product can make (1 to 6, 8, 9, 10, 12, 15, 16, 20 and 25) ',
      'must fall in exactly one band; the highest band is the one that calls for prior consultation when a DPIA leaves a risk in it (GDPR Art. 36(1)).'),
    scrollTable({ id: 'bands', label: 'Risk bands', caption: 'The bands, lowest first', headers: ['Band', 'From score', 'To score', 'Colour'],
      rows: bands.bands.map((b) => el('tr', {}, el('th', { scope: 'row' }, bandChip(b.name, colours)), el('td', {}, String(b.from)),
        el('td', {}, String(b.to)), el('td', {}, el('code', {}, b.colour)))) })];
  if (can('risk:approve')) {
    content.push(section('Change the bands', partsForm({ id: 'bands-form', class: 'bands-form' },
      [['bands', rows('Bands, lowest first', 'Band', band, bands.bands)]], 'Save bands',
      (body) => api('/settings/risk-bands', { method: 'PUT', body }), 'Bands saved: every risk is rated by them from now on.')));
  } else {
    content.push(el('p', { class: 'hint' }, 'Changing the bands takes the permission to approve risks (risk:approve).'));
  }
  page('Risk bands', ...content.filter(Boolean)); // page() would print a null
}
