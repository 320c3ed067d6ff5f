// One entry of the record of processing activities, read point by point as Art. 30 lists them, with what the Article
// still asks for first. Those who may change it edit it, submit it to the DPO or delete it; a DPO holding its review
// task decides here. Every version is kept: any two can be compared field by field. (The review mails link here.)
import { api, Problem } from './api.js';
import { el, problemAlert, when, words } from './dom.js';
import { can, navigate, render, session } from './app.js';
import { tell, told } from './ropa-fields.js';
import { deleteControl, facts, personNamer, reviewDate, reviewSection } from './pages.js';

export async function ropaEntryView({ params: [id], page }) {
  const zone = session.me.timeZone;
  const view = await api(`/ropa/activities/${id}`);
  const versions = await api(`/ropa/activities/${id}/versions`);
  const person = personNamer(can('user:view') ? await api('/users') : []);
  const tasks = can('task:work') ? await api(`/tasks?process=ropaReview&status=open&businessKey=${id}`) : [];
  const policies = can('retention:view') && view.content.record.dataCategories.some((c) => c.retentionPolicy)
    ? await api('/retention-policies') : [];
  const task = tasks.find((t) => t.businessKey === id);
  const a = view.activity;
  const r = view.content.record;
  const summary = el('dl', { class: 'facts', id: 'entry-facts' },
    el('dt', {}, 'Reference'), el('dd', {}, a.reference),
    el('dt', {}, 'Role'), el('dd', {}, words(a.role)),
    el('dt', {}, 'Status'), el('dd', { id: 'entry-status' }, words(a.status)),
    el('dt', {}, 'Version'), el('dd', { id: 'entry-version' }, String(a.version), a.approvedVersion
      ? `; version ${a.approvedVersion} approved by ${person(a.approvedBy)}, ${when(a.approvedAt, zone)}` : '; not approved yet'),
    el('dt', {}, 'Owner'), el('dd', {}, person(a.ownerId)),
    el('dt', {}, 'Review by'), el('dd', {}, reviewDate(a.reviewDue, zone)),
    el('dt', {}, 'Last change'), el('dd', {}, when(a.updatedAt, zone)));
  page(`${a.reference}: ${a.name}`, ...[told(), summary, missingSection(view.missing), actions(a, view.missing.length),
    task ? reviewSection(task, { legend: `Decision on version ${a.version}` }) : null,
    ...(r.role === 'PROCESSOR' ? processorPoints(r) : controllerPoints(r, policies)),
    systemsSection(view.content), versionsSection(id, versions, person, zone)].filter(Boolean)); // page() would print a null
}

/** What Art. 30 still asks for: the field, the point of the Article, and what to give. */
function missingSection(missing) {
  if (!missing.length) {
    return el('p', { class: 'ok-box', id: 'missing' }, 'Nothing is missing: the entry has every point Art. 30 asks for.');
  }
  return el('section', { class: 'gaps', id: 'missing', 'aria-labelledby': 'missing-h' },
    el('h2', { id: 'missing-h' }, `Missing for Art. 30: ${missing.length} point${missing.length === 1 ? '' : 's'}`),
    el('ul', {}, missing.map((g) => el('li', {}, el('code', {}, g.field), ' — ', el('strong', {}, g.article), `: ${g.reason}.`))));
}

function actions(a, gaps) {
  const slot = el('div');
  const act = async (call, message, then) => {
    slot.replaceChildren();
    try {
      await call();
      tell(message);
      await then();
    } catch (e) {
      slot.append(problemAlert(e instanceof Problem ? e : new Problem(0, { title: 'Not done', detail: String(e) })));
    }
  };
  const tools = el('p', { class: 'toolbar' });
  const parts = [tools];
  const changeable = a.status !== 'IN_REVIEW';
  if (!changeable) {
    parts.unshift(el('p', { class: 'hint' }, `The DPO is reviewing version ${a.version}: it cannot change until the DPO has decided.`));
  }
  if (can('ropa:update') && changeable) {
    tools.append(el('a', { href: `/console/ropa/activities/${a.id}/edit`, 'data-nav': '', class: 'button', id: 'edit-entry' }, 'Edit'));
  }
  if (can('ropa:update') && a.status === 'DRAFT') {
    const submit = el('button', { type: 'button', id: 'submit-entry', 'aria-describedby': gaps ? 'submit-hint' : null }, 'Submit for DPO review');
    submit.addEventListener('click', () => act(() => api(`/ropa/activities/${a.id}/submit`, { method: 'POST', body: {} }),
      `Version ${a.version} submitted: the DPO's review task is in the APPROVERs' inbox.`, render));
    tools.append(submit);
    if (gaps) {
      parts.push(el('p', { class: 'hint', id: 'submit-hint' }, 'It can be submitted with points missing; the DPO sees them.'));
    }
  }
  if (can('ropa:delete') && changeable) {
    const { button, confirm } = deleteControl({ id: 'delete-entry', yes: `Yes, delete ${a.reference}`,
      question: `Delete ${a.reference} and all its ${a.version} version${a.version === 1 ? '' : 's'}? This cannot be undone.`,
      call: () => api(`/ropa/activities/${a.id}`, { method: 'DELETE' }),
      done: () => {
        tell(`${a.reference} deleted.`);
        return navigate('/console/ropa');
      } });
    tools.append(button);
    parts.push(confirm);
  }
  return tools.children.length || !changeable ? el('div', { id: 'entry-actions' }, parts, slot) : null;
}

const given = (value) => (value === null || value === undefined || value === '' ? el('span', { class: 'hint' }, 'not given') : value);
const partyText = (p) => (p && (p.name || p.contact) ? [given(p.name), p.contact ? ` — ${p.contact}` : ''] : given(null));
const list = (items, show = (x) => x) => (items.length ? el('ul', {}, items.map((x) => el('li', {}, show(x)))) : given(null));

function point(id, title, ...content) {
  return el('section', { 'aria-labelledby': id }, el('h2', { id }, title), ...content);
}

function contacts(r) {
  return [
    ['Representative', r.representativeRequired || r.representative ? partyText(r.representative) : 'not required (Art. 27)'],
    ['Data protection officer', r.dpoDesignated || r.dpo ? partyText(r.dpo) : 'none designated (Art. 37)']];
}

function transfers(r) {
  return list(r.transfers, (t) => [el('strong', {}, given(t.country)), ': to ', given(t.recipient), '; ',
    t.mechanism ? words(t.mechanism) : given(null), t.sccModule ? `, module ${t.sccModule}` : '',
    t.assessmentReference ? `; transfer impact assessment ${t.assessmentReference}` : '', t.safeguards ? `; safeguards: ${t.safeguards}` : '']);
}

/** A category's time limit: its own words, the policy it links (its terms when the user may read them), or both. */
function retention(c, policies) {
  if (!c.retentionPolicy) {
    return given(c.retention);
  }
  const p = policies.find((x) => x.key === c.retentionPolicy);
  const policy = [p ? `${p.summary} ` : '', '(retention policy ', el('code', {}, c.retentionPolicy), ')'];
  return el('span', {}, c.retention ? [c.retention, '; ', ...policy] : policy);
}

function controllerPoints(r, policies) {
  return [
    point('p-a', '(a) Controller and contacts', facts(['Controller', partyText(r.controller)],
      r.jointControllers.length ? ['Joint controllers', list(r.jointControllers, partyText)] : null, ...contacts(r))),
    point('p-b', '(b) Purposes', list(r.purposes, (p) => [given(p.description), ' — ', p.lawfulBasis ? words(p.lawfulBasis) : given(null)])),
    point('p-c', '(c) Data subjects and personal data', facts(['Data subjects', list(r.dataSubjectCategories)],
      ['Personal data', list(r.dataCategories, (c) => [given(c.name), c.special ? ' (special category)' : ''])])),
    point('p-d', '(d) Recipients', r.noRecipients && !r.recipients.length ? el('p', {}, 'None.') : list(r.recipients)),
    point('p-e', '(e) Transfers to third countries', r.transfers.length ? transfers(r) : el('p', {}, 'None.')),
    point('p-f', '(f) Time limits for erasure', list(r.dataCategories, (c) => [given(c.name), ': ', retention(c, policies)])),
    point('p-g', '(g) Security measures', el('p', { id: 'security-measures' }, given(r.securityMeasures)))];
}

function processorPoints(r) {
  return [
    point('p-a', '(a) Processor, controllers and contacts', facts(['Processor', partyText(r.processor)],
      ['Controllers served', list(r.controllersServed, partyText)], ...contacts(r))),
    point('p-b', '(b) Categories of processing', list(r.processingCategories)),
    point('p-c', '(c) Transfers to third countries', r.transfers.length ? transfers(r) : el('p', {}, 'None.')),
    point('p-d', '(d) Security measures', el('p', { id: 'security-measures' }, given(r.securityMeasures))),
    r.dataCategories.length ? point('p-data', 'Personal data', list(r.dataCategories, (c) => [given(c.name), c.special ? ' (special category)' : '',
      c.retention ? `, kept for ${c.retention}` : ''])) : null];
}

function systemsSection(content) {
  return point('p-systems', 'Description, systems and data flows', facts(['Description', given(content.description)],
    ['Systems', list(content.systems)],
    ['Data flows', list(content.flows, (f) => [`${f.from} → ${f.to}`, f.dataCategories.length ? ` (${f.dataCategories.join(', ')})` : ' (all its data)',
      f.description ? `: ${f.description}` : ''])]));
}

const json = (value) => (value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

/** Every version, and the changes between any two (field path, before, after). */
function versionsSection(id, versions, person, zone) {
  const latest = Math.max(1, ...versions.map((v) => v.version));
  const section = point('versions-h', 'Versions', el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Versions' },
    el('table', { id: 'versions' }, el('caption', {}, 'Every saved version, oldest first'),
      el('thead', {}, el('tr', {}, ['Version', 'Saved by', 'Saved'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, versions.map((v) => el('tr', {}, el('td', {}, String(v.version)), el('td', {}, person(v.changedBy)),
        el('td', {}, when(v.changedAt, zone))))))));
  if (versions.length < 2) {
    section.append(el('p', {}, 'Only one version so far: a change makes the next one.'));
    return section;
  }
  const pick = (pickId, chosen) => el('select', { id: pickId }, versions.map((v) => el('option', { value: v.version, selected: v.version === chosen }, `Version ${v.version}`)));
  const from = pick('diff-from', latest - 1);
  const to = pick('diff-to', latest);
  const result = el('div', { id: 'diff', 'aria-live': 'polite' });
  const form = el('form', { class: 'inline-form', id: 'compare' },
    el('p', {}, el('label', { for: 'diff-from' }, 'From'), from), el('p', {}, el('label', { for: 'diff-to' }, 'To'), to),
    el('p', {}, el('button', { type: 'submit' }, 'Compare')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const diff = await api(`/ropa/activities/${id}/diff?from=${from.value}&to=${to.value}`);
      result.replaceChildren(diff.changes.length ? el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Changes' },
        el('table', { class: 'diff' }, el('caption', {}, `Changes from version ${diff.from} to version ${diff.to}`),
          el('thead', {}, el('tr', {}, ['Field', 'Before', 'After'].map((h) => el('th', { scope: 'col' }, h)))),
          el('tbody', {}, diff.changes.map((c) => el('tr', {}, el('th', { scope: 'row' }, el('code', {}, c.path)),
            el('td', { class: 'before' }, json(c.before)), el('td', { class: 'after' }, json(c.after)))))))
        : el('p', {}, `Versions ${diff.from} and ${diff.to} say the same.`));
    } catch (e) {
      result.replaceChildren(problemAlert(e instanceof Problem ? e : new Problem(0, { title: 'Not compared', detail: String(e) })));
    }
  });
  section.append(el('h3', {}, 'Compare two versions'), form, result);
  return section;
}
