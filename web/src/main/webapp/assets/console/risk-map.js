// The risk matrix as the console shows it: the 5 × 5 scale's words, a rating with its band, and the heat map as a
// real table (likelihood 5 at the top, impact across), each cell saying its count and band in words as well as in
// its band's colour, and a button that drills down to the risks in it.
import { el } from './dom.js';

export const LIKELIHOOD = ['rare', 'unlikely', 'possible', 'likely', 'almost certain'];
export const IMPACT = ['insignificant', 'minor', 'moderate', 'major', 'severe'];
export const STATUSES = ['OPEN', 'TREATED', 'ACCEPTED', 'CLOSED'];

const risks = (n) => `${n} risk${n === 1 ? '' : 's'}`;

function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Paints a node in a band's colour with black or white text, whichever contrasts more (WCAG). Through the CSSOM:
 * the page's policy refuses style attributes, not styles set by its own script.
 */
export function paint(node, colour) {
  if (/^#[0-9a-f]{6}$/i.test(colour || '')) {
    const l = luminance(colour);
    node.style.backgroundColor = colour;
    node.style.color = (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
  }
  return node;
}

/** A band's name in its colour. {@code colours}: band name → #rrggbb. */
export function bandChip(name, colours) {
  return paint(el('span', { class: 'band-chip' }, name), colours.get(name));
}

/** A rating as "20 high (likelihood 4 × impact 5)"; null reads {@code none}. */
export function rating(r, colours, none = '—') {
  if (!r) {
    return el('span', { class: 'hint' }, none);
  }
  return el('span', { class: 'rating' }, el('strong', {}, String(r.score)), ' ', bandChip(r.band, colours),
    ` (likelihood ${r.likelihood} × impact ${r.impact})`);
}

/**
 * The heat map of {@code map} (GET /risks/heat-map) as a table; {@code pick(cell, button)} on a cell's activation.
 * Answers the table and {@code select(likelihood, impact)}, which marks the chosen cell (null: none).
 */
export function heatMapTable(map, colours, pick) {
  const buttons = [];
  const row = (likelihood) => el('tr', {},
    el('th', { scope: 'row' }, `Likelihood ${likelihood}`, el('span', { class: 'scale' }, LIKELIHOOD[likelihood - 1])),
    map.cells.filter((c) => c.likelihood === likelihood).sort((a, b) => a.impact - b.impact).map((c) => {
      // the name says in one sentence what a sighted reader takes from the layout, the count and the band
      const button = el('button', { type: 'button', class: 'cell', 'aria-pressed': 'false', 'data-likelihood': c.likelihood, 'data-impact': c.impact,
        'aria-label': `Likelihood ${c.likelihood}, impact ${c.impact}: ${risks(c.count)} (${c.band})` },
      el('span', { class: 'count' }, String(c.count)), el('span', { class: 'band-name long' }, c.band),
      el('span', { class: 'band-name short' }, c.band.charAt(0).toUpperCase()));
      button.addEventListener('click', () => pick(c, button));
      buttons.push(button);
      return paint(el('td', { class: c.count ? 'filled' : 'empty' }, button), colours.get(c.band));
    }));
  const table = el('table', { class: 'heat-map', id: 'heat-map' },
    el('caption', {}, `${map.rating === 'residual' ? 'Residual' : 'Inherent'} rating: ${risks(map.total)} by likelihood and impact`,
      el('span', { class: 'hint' }, 'Choose a cell to list its risks. Closed risks are left out.')),
    el('thead', {}, el('tr', {}, el('td', {}),
      IMPACT.map((words, i) => el('th', { scope: 'col' }, `Impact ${i + 1}`, el('span', { class: 'scale' }, words))))),
    el('tbody', {}, [5, 4, 3, 2, 1].map(row)));
  const select = (likelihood, impact) => buttons.forEach((b) => b.setAttribute('aria-pressed',
    String(Number(b.dataset.likelihood) === likelihood && Number(b.dataset.impact) === impact)));
  return { table, select };
}

/** How many risks each band holds on the map, lowest band first, with the bands' score ranges. */
export function bandTotals(map, bands, colours) {
  return el('ul', { class: 'band-totals', id: 'band-totals' }, bands.map((b) => el('li', {}, bandChip(b.name, colours),
    ` ${b.from}–${b.to}: `, el('strong', {}, risks(map.perBand[b.name] ?? 0)))),
  el('li', {}, `Total: ${risks(map.total)}`));
}
