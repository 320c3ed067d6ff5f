// A request's status, opened from the link in the acknowledgement mail (its token in the fragment).
import { JURISDICTIONS } from './languages.js';
import { el } from '../console/dom.js';
import { date, fill, fragmentToken, post, refusal, show, t } from './center.js';

export async function statusPage(main) {
  const answer = await post('/dsars/status', { token: fragmentToken() });
  if (!answer.ok) {
    show(main, t.statusTitle, el('p', { role: 'alert', class: 'problem', id: 'status-problem' }, refusal(answer)));
    return;
  }
  const r = answer.body;
  const row = (term, value, attributes = {}) => [el('dt', {}, term), el('dd', attributes, value)];
  const notes = [];
  if (r.extended) {
    notes.push(el('p', {}, t.extended));
  }
  if (r.paused) {
    notes.push(el('p', {}, t.paused));
  }
  if (r.answeredAt) {
    notes.push(el('p', {}, fill(t.answeredOn, { date: date(r.answeredAt, r.timeZone) })));
  }
  show(main, t.statusTitle,
    el('p', { class: 'lead' }, r.organisation),
    el('dl', { class: 'facts', id: 'request-status' },
      row(t.reference, r.reference, { lang: 'en' }),
      row(t.requestType, t.types[r.type] || r.type),
      row(t.law, JURISDICTIONS[r.jurisdiction] || r.jurisdiction, { lang: 'en' }),
      row(t.state, t.states[r.status] || r.status, { id: 'state' }),
      row(t.received, date(r.receivedAt, r.timeZone)),
      row(t.dueBy, date(r.dueAt, r.timeZone), { id: 'due' })),
    ...notes,
    el('p', { class: 'hint', id: 'zone' }, fill(t.zoneNote, { zone: r.timeZone })));
}
