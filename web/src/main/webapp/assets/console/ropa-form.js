// The form of a register entry, new (POST) or changed (PUT, naming the version it was made to): every Art. 30 field,
// in the order of the Article's points, with repeatable rows for the lists. The API checks it; its problems and the
// gaps Art. 30 still names are shown next to the inputs they concern (ropa-fields.js).
import { api, Problem } from './api.js';
import { el } from './dom.js';
import { can, navigate } from './app.js';
import { check, choose, custom, group, party, rows, showGaps, showProblems, tell, text, ticks, uid } from './ropa-fields.js';
import { ownerChoice, section } from './pages.js';

const BASES = [['CONSENT', 'Consent (Art. 6(1)(a))'], ['CONTRACT', 'Contract (Art. 6(1)(b))'], ['LEGAL_OBLIGATION', 'Legal obligation (Art. 6(1)(c))'],
  ['VITAL_INTERESTS', 'Vital interests (Art. 6(1)(d))'], ['PUBLIC_TASK', 'Public task (Art. 6(1)(e))'],
  ['LEGITIMATE_INTERESTS', 'Legitimate interests (Art. 6(1)(f))']];
const MECHANISMS = [['ADEQUACY', 'Adequacy decision (Art. 45)'], ['SCC', 'Standard contractual clauses (Art. 46(2)(c))'],
  ['BCR', 'Binding corporate rules (Art. 47)'], ['DEROGATION', 'Derogation (Art. 49(1))']];
const MODULES = [[1, 'Module 1: controller to controller'], [2, 'Module 2: controller to processor'],
  [3, 'Module 3: processor to processor'], [4, 'Module 4: processor to controller']];

/** /console/ropa/new and /console/ropa/activities/{id}/edit. */
export async function ropaFormView({ params: [id], page }) {
  const systems = await api('/ropa/systems');
  const users = can('user:view') ? await api('/users') : null;
  const policies = can('retention:view') ? await api('/retention-policies') : [];
  const view = id ? await api(`/ropa/activities/${id}`) : null;
  const back = view ? `/console/ropa/activities/${id}` : '/console/ropa';
  if (view && view.activity.status === 'IN_REVIEW') {
    page(`Change ${view.activity.reference}`, el('p', {}, 'The DPO is reviewing this entry: it cannot change until the DPO has decided. ',
      el('a', { href: back, 'data-nav': '' }, 'Back to the entry')));
    return;
  }
  const slot = el('div');
  const { form, top } = entryForm(view, systems, users, policies, back);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = top.read('');
    if (view) {
      body.version = view.activity.version; // the API refuses (409) if someone saved another version meanwhile
    }
    try {
      const saved = view ? await api(`/ropa/activities/${id}`, { method: 'PUT', body }) : await api('/ropa/activities', { method: 'POST', body });
      tell(view && saved.activity.version === view.activity.version
        ? `Saved; the record itself did not change, so it is still version ${saved.activity.version}.`
        : `Saved as version ${saved.activity.version}.`);
      await navigate(`/console/ropa/activities/${saved.activity.id}`);
    } catch (e) {
      const problem = e instanceof Problem ? e : new Problem(0, { title: 'Not saved', detail: String(e) });
      const box = showProblems(form, slot, problem);
      if (problem.status === 409 && view) {
        box.append(el('p', {}, el('a', { href: back, 'data-nav': '' }, 'Open the entry as it is now'), ' (your changes here are not kept).'));
      }
    }
  });
  if (view) {
    showGaps(form, view.missing, 'content.record.');
  }
  page(view ? `Change ${view.activity.reference}` : 'New register entry',
    el('p', {}, view ? `Version ${view.activity.version}; saving makes the next version. ` : 'Saved as a draft, version 1. ',
      'Everything but the reference and the name may stay empty for now: the entry then says what Art. 30 still asks for.'),
    slot, form);
}

/** For one role only: hidden while the other role is chosen (its values are kept and sent). */
const only = (role, ...nodes) => el('div', { 'data-for': role }, ...nodes);

/** The retention policy a data category links; one the user may not list (or since deleted) stays as its key. */
function policyChoice(policies, value) {
  const options = policies.map((p) => [p.key, `${p.name}: ${p.summary}`]);
  if (value && !policies.some((p) => p.key === value)) {
    options.push([value, value]);
  }
  return choose('Or as the retention policy says', options, value, { blank: 'No policy',
    hint: 'The organisation\'s retention policies are kept under Retention policies; the words above may add what the policy leaves open.' });
}

function entryForm(view, systems, users, policies, back) {
  const a = view ? view.activity : null;
  const c = view ? view.content : { record: {} };
  const r = c.record || {};
  const reference = text('Reference', a?.reference, { hint: 'Letters, digits, ".", "_" or "-", such as PA-001; it cannot change once saved.',
    attrs: { required: true, readonly: Boolean(a), maxlength: 64, autocomplete: 'off' } });
  const name = text('Name of the processing', r.name, { attrs: { required: true, maxlength: 300 } });
  const role = roleChoice(r.role || 'CONTROLLER');
  const description = text('Description', c.description, { multiline: true });
  const owner = ownerChoice(a?.ownerId, users);
  const reviewDue = text('Review by', a?.reviewDue, { type: 'date', hint: 'Its owner (else the APPROVERs) is reminded before this date.' });

  const makeParty = (v, box) => party('', v, box);
  const string = (label) => (v) => text(label, v, { attrs: { maxlength: 300 } });
  const record = {
    controller: party('Controller', r.controller),
    jointControllers: rows('Joint controllers', 'Joint controller', makeParty, r.jointControllers || []),
    processor: party('Processor (your organisation)', r.processor),
    controllersServed: rows('Controllers the processing is done for', 'Controller', makeParty, r.controllersServed || []),
    representativeRequired: check('A representative in the EU is required (Art. 27)', r.representativeRequired),
    representative: party('Representative', r.representative),
    dpoDesignated: check('A data protection officer is designated (Art. 37)', r.dpoDesignated),
    dpo: party('Data protection officer', r.dpo),
    purposes: rows('Purposes', 'Purpose', (v, box) => group([
      ['description', text('What for', v?.description)],
      ['lawfulBasis', choose('Lawful basis', BASES, v?.lawfulBasis)]], box), view ? r.purposes || [] : [undefined]),
    processingCategories: rows('Categories of processing carried out for each controller', 'Category of processing', string('Category of processing'),
      r.processingCategories || [], { simple: true }),
    dataSubjectCategories: rows('Categories of data subjects', 'Category of data subjects', string('Category of data subjects'),
      view ? r.dataSubjectCategories || [] : [undefined], { simple: true, hint: 'Such as employees, customers, website visitors.' }),
    dataCategories: rows('Categories of personal data', 'Data category', (v, box) => group([
      ['name', text('Name', v?.name, { attrs: { maxlength: 300 } })],
      ['special', check('Special category (Art. 9) or criminal offence data (Art. 10)', v?.special)],
      ['retention', text('Kept for (time limit for erasure, Art. 30(1)(f))', v?.retention)],
      ['retentionPolicy', policyChoice(policies, v?.retentionPolicy)]], box), view ? r.dataCategories || [] : [undefined]),
    recipients: rows('Categories of recipients', 'Recipient', string('Recipient'), r.recipients || [], { simple: true }),
    noRecipients: check('There are no recipients', r.noRecipients),
    transfers: rows('Transfers to a third country or an international organisation', 'Transfer', transferRow, r.transfers || []),
    securityMeasures: text('Technical and organisational security measures (Art. 32(1))', r.securityMeasures, { multiline: true }),
  };
  const recordPart = group([['role', role], ['name', name], ...Object.entries(record)]);
  const systemsPart = systemChoice(systems, c.systems || []);
  const sources = {
    systems: () => systemsPart.read('content.systems'),
    recipients: () => record.recipients.read('content.record.recipients'),
    categories: () => record.dataCategories.read('content.record.dataCategories').map((d) => d.name).filter(Boolean),
  };
  const refreshers = [];
  const flows = rows('Data flows', 'Flow', (v, box) => flowRow(v, box, sources, refreshers), c.flows || [],
    { hint: 'From one of the systems ticked above to another, or to a recipient.' });
  const content = group([['description', description], ['record', recordPart], ['systems', systemsPart], ['flows', flows]]);
  const top = group([['reference', reference], ['content', content], ['ownerId', owner], ['reviewDue', reviewDue]]);

  const form = el('form', { id: 'ropa-form', novalidate: true },
    section('The entry', reference.node, name.node, role.node, description.node, owner.node, reviewDue.node),
    section('Who is responsible — Art. 30(1)(a), 30(2)(a)',
      only('CONTROLLER', record.controller.node, record.jointControllers.node),
      only('PROCESSOR', record.processor.node, record.controllersServed.node),
      record.representativeRequired.node, record.representative.node, record.dpoDesignated.node, record.dpo.node),
    only('CONTROLLER', section('Purposes — Art. 30(1)(b)', record.purposes.node)),
    only('PROCESSOR', section('Categories of processing — Art. 30(2)(b)', record.processingCategories.node)),
    section('Data subjects and personal data — Art. 30(1)(c), (f)', only('CONTROLLER', record.dataSubjectCategories.node), record.dataCategories.node),
    only('CONTROLLER', section('Recipients — Art. 30(1)(d)', record.recipients.node, record.noRecipients.node)),
    section('Transfers — Art. 30(1)(e), 30(2)(c)', record.transfers.node),
    section('Security — Art. 30(1)(g), 30(2)(d)', record.securityMeasures.node),
    section('Systems and data flows', systemsPart.node, flows.node),
    el('p', { class: 'actions' }, el('button', { type: 'submit' }, 'Save'), ' ', el('a', { href: back, 'data-nav': '' }, 'Cancel')));
  const showRole = () => {
    const chosen = role.read('content.record.role');
    form.querySelectorAll('[data-for]').forEach((node) => {
      node.hidden = node.dataset.for !== chosen;
    });
  };
  const refresh = () => refreshers.forEach((f) => f());
  form.addEventListener('change', (event) => {
    showRole();
    if (!flows.node.contains(event.target) || event.target === flows.node) {
      refresh();
    }
  });
  form.addEventListener('input', (event) => {
    if (!flows.node.contains(event.target)) {
      refresh(); // a renamed category or recipient shows in the flows' choices at once
    }
  });
  showRole();
  refresh();
  top.read(''); // every input marked with its path, for the gaps and problems shown next to them
  return { form, top };
}

function roleChoice(value) {
  const name = uid('role');
  const radios = [['CONTROLLER', 'Controller', 'Art. 30(1): the organisation decides why and how'],
    ['PROCESSOR', 'Processor', 'Art. 30(2): the organisation processes on behalf of controllers']].map(([v, label, hint]) => {
    const id = uid();
    const input = el('input', { type: 'radio', name, id, value: v, checked: v === value });
    return [input, el('div', { class: 'choice' }, input, el('label', { for: id }, label), el('span', { class: 'hint' }, hint))];
  });
  const fieldset = el('fieldset', {}, el('legend', {}, 'Role'), radios.map(([, node]) => node));
  return custom(fieldset, (path) => {
    if (path !== null) {
      fieldset.dataset.field = path;
    }
    return (radios.find(([input]) => input.checked) || [{ value: null }])[0].value;
  }, () => false);
}

/** The tenant's systems, ticked when the activity lists them. */
function systemChoice(systems, chosen) {
  const names = [...systems.map((s) => s.name), ...chosen.filter((n) => !systems.some((s) => s.name === n))];
  return ticks('Systems the data is kept in', names.map((n) => {
    const s = systems.find((x) => x.name === n);
    return [n, n, s ? (s.hostingCountry ? `hosted in ${s.hostingCountry}` : null) : 'not one of the systems any more'];
  }), chosen, { none: el('p', { class: 'hint' }, 'The organisation has no systems yet; they are added on the ',
    el('a', { href: '/console/ropa/systems', 'data-nav': '' }, 'Systems'), ' page.') });
}

function transferRow(v, box) {
  const mechanism = choose('Mechanism', MECHANISMS, v?.mechanism);
  const module = choose('SCC module', MODULES, v?.sccModule, { number: true });
  const showModule = () => {
    module.node.hidden = mechanism.input.value !== 'SCC';
  };
  mechanism.input.addEventListener('change', showModule);
  showModule();
  return group([
    ['country', text('Country or international organisation', v?.country)],
    ['recipient', text('Recipient', v?.recipient)],
    ['mechanism', mechanism],
    ['sccModule', { ...module, read: (path) => (mechanism.input.value === 'SCC' ? module.read(path) : (module.read(path), null)) }],
    ['assessmentReference', text('Transfer impact assessment (reference)', v?.assessmentReference, { hint: 'For SCCs and BCRs.' })],
    ['safeguards', text('Suitable safeguards', v?.safeguards, { multiline: true, hint: 'For a derogation under Art. 49(1), second subparagraph.' })]], box);
}

/** Keeps a select's options in step with {@code values}, keeping what is chosen (marked when no longer offered). */
function offer(select, values) {
  const current = select.value;
  const names = [...new Set(values)];
  select.replaceChildren(el('option', { value: '' }, '—'), ...names.map((n) => el('option', { value: n, selected: n === current }, n)),
    ...(current && !names.includes(current) ? [el('option', { value: current, selected: true }, `${current} (not in this entry)`)] : []));
}

function flowRow(v, box, sources, refreshers) {
  const from = choose('From (a system)', v?.from ? [[v.from, v.from]] : [], v?.from);
  const to = choose('To (a system or a recipient)', v?.to ? [[v.to, v.to]] : [], v?.to);
  const picked = new Set(v?.dataCategories || []);
  const list = el('div');
  const cats = el('fieldset', {}, el('legend', {}, 'Data categories that flow (none ticked: all of them)'), list);
  const tick = () => [...list.querySelectorAll('input')];
  const refresh = () => {
    if (!box.closest('form')) {
      return; // a removed row (or one not yet in the form, which the form refreshes once built)
    }
    offer(from.input, sources.systems());
    offer(to.input, [...sources.systems(), ...sources.recipients()]);
    tick().forEach((input) => (input.checked ? picked.add(input.value) : picked.delete(input.value)));
    const names = sources.categories();
    list.replaceChildren(...[...new Set([...names, ...picked])].map((n) => {
      const id = uid();
      return el('div', { class: 'choice' }, el('input', { type: 'checkbox', id, value: n, checked: picked.has(n) }),
        el('label', { for: id }, names.includes(n) ? n : `${n} (not in this entry)`));
    }));
  };
  refreshers.push(refresh);
  const categories = custom(cats, (path) => {
    let i = 0;
    if (path === null) {
      delete cats.dataset.field;
    } else {
      cats.dataset.field = path;
    }
    return tick().filter((input) => {
      if (input.checked && path !== null) {
        input.dataset.field = `${path}[${i++}]`;
      } else {
        delete input.dataset.field;
      }
      return input.checked;
    }).map((input) => input.value);
  }, () => tick().every((input) => !input.checked));
  const description = text('Description', v?.description);
  queueMicrotask(refresh); // a row added with "Add flow": its choices once it is in the form
  return group([['from', from], ['to', to], ['dataCategories', categories], ['description', description]], box);
}
