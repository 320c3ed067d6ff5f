// The risk register (ISO 31000, 5 × 5): the heat map of the inherent or the residual rating, whose cells drill down
// to the risks in them, the count per band, and the list of risks filtered by status and band; the signed PDF and,
// for those who may, a new risk. The filters and the chosen cell stay in the address, so a reload keeps them.
import { api, asProblem } from './api.js';
import { el, problemAlert, words } from './dom.js';
import { can } from './app.js';
import { told } from './ropa-fields.js';
import { scrollTable } from './pages.js';
import { STATUSES, bandTotals, heatMapTable, rating } from './risk-map.js';

const level = (value) => (/^[1-5]$/.test(value || '') ? Number(value) : null);

/** Band name → colour, from GET /settings/risk-bands. */
export const coloursOf = (bands) => new Map(bands.bands.map((b) => [b.name, b.colour]));

/** Where a risk came from: entered by hand, or found by a DPIA (linked for those who may read it). */
export function source(r, dpias) {
  if (r.source !== 'dpia') {
    return 'Manual';
  }
  const dpia = dpias.find((d) => d.id === r.dpiaId);
  const name = `DPIA ${dpia ? dpia.reference : r.dpiaId.slice(0, 8)}`;
  return can('dpia:view') ? el('a', { href: `/console/dpias/${r.dpiaId}`, 'data-nav': '' }, name) : name;
}

export async function risksView({ page, query }) {
  const bands = await api('/settings/risk-bands');
  const colours = coloursOf(bands);
  const dpias = can('dpia:view') ? await api('/dpias') : [];
  const state = { rating: query.get('rating') === 'residual' ? 'residual' : 'inherent', likelihood: level(query.get('likelihood')),
    impact: level(query.get('impact')), status: query.get('status') || '', band: query.get('band') || '' };
  if (!state.likelihood || !state.impact) {
    state.likelihood = null;
    state.impact = null;
  }

  const ratingChoice = el('fieldset', {}, el('legend', {}, 'Rating shown'),
    [['inherent', 'Inherent', 'before treatment'], ['residual', 'Residual', 'after treatment; an untreated risk at its inherent rating']]
      .map(([value, label, hint]) => el('div', { class: 'choice' },
        el('input', { type: 'radio', name: 'rating', id: `rating-${value}`, value, checked: state.rating === value, 'aria-describedby': `rating-${value}-hint` }),
        el('label', { for: `rating-${value}` }, label), el('span', { class: 'hint', id: `rating-${value}-hint` }, hint))));
  const status = el('select', { id: 'filter-status' }, el('option', { value: '' }, 'Any'),
    STATUSES.map((s) => el('option', { value: s, selected: state.status === s }, words(s))));
  const band = el('select', { id: 'filter-band', 'aria-describedby': 'filter-band-hint' }, el('option', { value: '' }, 'Any'),
    bands.bands.map((b) => el('option', { value: b.name, selected: state.band === b.name }, b.name)));
  const mapSlot = el('div', { id: 'map' });
  const totalsSlot = el('div');
  const selection = el('div', { id: 'selection' });
  const listHeading = el('h2', { id: 'list-h', tabindex: '-1' }, 'Risks');
  const count = el('p', { role: 'status', id: 'risk-count' });
  const listSlot = el('div');
  let map = null;
  let ticket = 0; // only the latest choice's answer is shown

  const remember = () => {
    const q = new URLSearchParams(Object.entries(state).filter(([k, v]) => v && !(k === 'rating' && v === 'inherent')));
    history.replaceState(null, '', `/console/risks${q.toString() ? `?${q}` : ''}`);
  };
  const list = async () => {
    const q = new URLSearchParams({ rating: state.rating });
    for (const key of ['likelihood', 'impact', 'status', 'band']) {
      if (state[key]) {
        q.set(key, state[key]);
      }
    }
    remember();
    map?.select(state.likelihood, state.impact);
    selection.replaceChildren(state.likelihood ? selected() : '');
    const mine = ++ticket;
    try {
      const shown = await api(`/risks?${q}`);
      if (mine !== ticket) {
        return;
      }
      count.textContent = `${shown.length} risk${shown.length === 1 ? '' : 's'} shown${state.likelihood ? ' from the chosen cell' : ''}.`;
      listSlot.replaceChildren(shown.length ? riskTable(shown, colours, dpias, state.rating) : el('p', {}, 'No risk matches.'));
    } catch (e) {
      listSlot.replaceChildren(problemAlert(asProblem(e, 'Not listed')));
    }
  };
  const selected = () => {
    const all = el('button', { type: 'button', class: 'secondary small', id: 'show-all' }, 'Show all risks');
    all.addEventListener('click', () => {
      state.likelihood = null;
      state.impact = null;
      list().then(() => listHeading.focus()); // the button goes away with the focus in it
    });
    const cell = map?.cells.find((c) => c.likelihood === state.likelihood && c.impact === state.impact);
    return el('p', { class: 'ok-box' }, `Showing the cell likelihood ${state.likelihood} × impact ${state.impact}`,
      cell ? ` (score ${cell.score}, ${cell.band})` : '', ` on the ${state.rating} map. `, all);
  };
  const drawMap = async () => {
    try {
      const data = await api(`/risks/heat-map?rating=${state.rating}`);
      const table = heatMapTable(data, colours, (c) => {
        state.likelihood = c.likelihood;
        state.impact = c.impact;
        list();
      });
      map = { ...table, cells: data.cells };
      mapSlot.replaceChildren(el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Heat map' }, table.table));
      totalsSlot.replaceChildren(el('h3', {}, `Risks per band (${state.rating} rating)`), bandTotals(data, bands.bands, colours));
    } catch (e) {
      mapSlot.replaceChildren(problemAlert(asProblem(e, 'No heat map')));
    }
  };
  ratingChoice.addEventListener('change', async (event) => {
    state.rating = event.target.value;
    await drawMap();
    await list();
  });
  status.addEventListener('change', () => {
    state.status = status.value;
    list();
  });
  band.addEventListener('change', () => {
    state.band = band.value;
    list();
  });

  const tools = el('ul', { class: 'toolbar' },
    can('risk:create') ? el('li', {}, el('a', { href: '/console/risks/new', 'data-nav': '', class: 'button', id: 'new-risk' }, 'New risk')) : null,
    can('risk:export') ? el('li', {}, el('a', { href: '/api/v1/reports/risk-register', class: 'button secondary', id: 'export-pdf' }, 'Signed PDF')) : null,
    el('li', {}, el('a', { href: '/console/risks/bands', 'data-nav': '' }, 'Risk bands')));
  page('Risk register', ...[told(), tools,
    el('section', { 'aria-labelledby': 'map-h' }, el('h2', { id: 'map-h' }, 'Heat map'), ratingChoice, mapSlot, totalsSlot),
    el('section', { 'aria-labelledby': 'list-h' }, listHeading,
      el('div', { class: 'inline-form filters' },
        el('p', {}, el('label', { for: 'filter-status' }, 'Status'), status),
        el('p', {}, el('label', { for: 'filter-band' }, 'Band'), el('span', { class: 'hint', id: 'filter-band-hint' }, 'Of the rating shown'), band)),
      selection, count, listSlot)].filter(Boolean)); // page() would print a null
  await drawMap();
  await list();
}

/** The risks with both ratings, where each came from and how many processing activities it concerns. */
export function riskTable(risks, colours, dpias, shown = 'inherent') {
  return scrollTable({ id: 'risks', label: 'Risks', caption: `One row per risk${shown === 'residual' ? ' (placed on the map by its residual rating)' : ''}`,
    headers: ['Reference', 'Title', 'Status', 'Inherent', 'Residual', 'Source', 'Activities'],
    rows: risks.map((r) => el('tr', {},
      el('th', { scope: 'row' }, el('a', { href: `/console/risks/${r.id}`, 'data-nav': '' }, r.reference)),
      el('td', {}, r.title), el('td', {}, words(r.status)),
      el('td', {}, rating(r.inherent, colours)), el('td', {}, rating(r.residual, colours, 'not treated yet')),
      el('td', {}, source(r, dpias)), el('td', {}, String(r.activityIds.length)))) });
}
