// The DPO's dashboard: the open requests' risk in numbers, their time left, and the on-time rate per month as
// inline SVG charts whose every bar carries its number in text (readable without colour), each with a table.
import { api } from './api.js';
import { el, when } from './dom.js';
import { session } from './app.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, String(value));
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/** A horizontal bar chart: one row per item, its label left, its bar, its value as text after the bar. */
function barChart(id, title, description, rows, { max, format = (row) => String(row.value), className = () => 'bar' }) {
  const rowHeight = 34;
  const labelWidth = 90;
  const width = 560;
  const barRoom = width - labelWidth - 90;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${rows.length * rowHeight + 10}`, role: 'img', 'aria-labelledby': `${id}-t ${id}-d`, class: 'chart', id });
  chart.append(svg('title', { id: `${id}-t` }, title), svg('desc', { id: `${id}-d` }, description));
  rows.forEach((row, i) => {
    const y = i * rowHeight + 5;
    const length = max > 0 ? Math.round((row.value / max) * barRoom) : 0;
    chart.append(
      svg('text', { x: labelWidth - 8, y: y + 20, 'text-anchor': 'end', class: 'chart-label' }, row.label),
      svg('rect', { x: labelWidth, y: y + 4, width: Math.max(length, row.value > 0 ? 2 : 0), height: 22, class: className(row) }),
      svg('text', { x: labelWidth + length + 8, y: y + 20, class: 'chart-value' }, format(row)));
  });
  return chart;
}

function table(caption, headings, rows) {
  return el('table', { class: 'chart-table' }, el('caption', {}, caption),
    el('thead', {}, el('tr', {}, headings.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c, i) => (i === 0 ? el('th', { scope: 'row' }, c) : el('td', {}, c)))))));
}

export async function dashboardView({ page }) {
  const s = await api('/dsars/summary');
  const counts = [['Open', s.open], ['Due this week', s.dueThisWeek], ['Overdue', s.overdue], ['Breached', s.breached], ['Stalled', s.stalled]];
  const stats = el('dl', { class: 'stats' }, counts.map(([label, value]) => el('div', { class: 'stat' }, el('dt', {}, label), el('dd', {}, String(value)))));

  const left = s.byDaysLeft.map((b) => ({ label: b.daysLeft === 'overdue' ? 'Overdue' : `${b.daysLeft} days`, value: b.requests }));
  const leftChart = barChart('days-left', 'Open requests by days left', `Open requests by the days left to their due date: ${left.map((r) => `${r.label} ${r.value}`).join(', ')}.`,
    left, { max: Math.max(1, ...left.map((r) => r.value)), className: (r) => (r.label === 'Overdue' ? 'bar bar-bad' : 'bar') });

  const months = s.onTimeByMonth.map((m) => ({
    label: monthName(m.month), value: m.answered ? Math.round((m.onTime / m.answered) * 100) : 0, answered: m.answered, onTime: m.onTime,
  }));
  const rateText = (r) => (r.answered ? `${r.value} % (${r.onTime} of ${r.answered})` : 'none answered');
  const rateChart = barChart('on-time', 'Answered on time, per month', `Share of requests answered by their due date, per month: ${months.map((r) => `${r.label} ${rateText(r)}`).join(', ')}.`,
    months, { max: 100, format: rateText, className: (r) => (r.answered && r.value < 100 ? 'bar bar-warn' : 'bar') });

  page('Dashboard',
    el('p', {}, `Data subject requests at ${when(s.at, session.me.timeZone)}.`),
    el('section', { 'aria-labelledby': 'risk-h' }, el('h2', { id: 'risk-h' }, 'Open requests'), stats),
    el('section', { 'aria-labelledby': 'left-h' }, el('h2', { id: 'left-h' }, 'Time left'), leftChart,
      el('details', {}, el('summary', {}, 'As a table'), table('Open requests by days left', ['Days left', 'Requests'], left.map((r) => [r.label, String(r.value)])))),
    el('section', { 'aria-labelledby': 'rate-h' }, el('h2', { id: 'rate-h' }, 'On time'), rateChart,
      el('details', {}, el('summary', {}, 'As a table'), table('Requests answered on time, per month', ['Month', 'Answered', 'On time', 'Rate'],
        months.map((r) => [r.label, String(r.answered), String(r.onTime), r.answered ? `${r.value} %` : '—'])))));
}

function monthName(isoMonth) {
  const [year, month] = isoMonth.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, 1)));
}
