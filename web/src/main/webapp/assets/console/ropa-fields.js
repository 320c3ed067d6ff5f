// Form parts of the register's pages. Each part is {node, read(path), empty()}: read returns its value for the API
// and marks its inputs with the API's path for that value (content.record.purposes[0].description), so a problem
// the API names by path, or a gap Art. 30 names, is shown next to the input it concerns. Rows left empty are not
// sent (and lose their path), so the paths always match the body that was sent.
import { el } from './dom.js';

let serial = 0;
/** A page-unique id (labels point at inputs by id). */
export const uid = (prefix = 'rf') => `${prefix}-${++serial}`;

/** A message for the next page drawn (a save moves to another page, where it is said). */
let notice = null;
export function tell(message) {
  notice = message;
}
export function told() {
  const message = notice;
  notice = null;
  return message ? el('p', { role: 'status', class: 'ok-box' }, message) : null;
}

/** An ISO date (2027-06-30) as the console writes dates. */
export function day(iso) {
  return iso ? new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`)) : '—';
}

/** Today in the organisation's zone, as an ISO date. */
export function today(zone) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone || 'UTC' }).format(new Date());
}

const join = (path, key) => (path === null ? null : path ? `${path}.${key}` : key);

function mark(node, path) {
  if (path === null) {
    delete node.dataset.field;
  } else {
    node.dataset.field = path;
  }
}

export function text(label, value, { multiline = false, hint, type = 'text', attrs = {} } = {}) {
  const id = uid();
  const input = el(multiline ? 'textarea' : 'input', { id, type: multiline ? null : type, rows: multiline ? 3 : null,
    'aria-describedby': hint ? `${id}-hint` : null, ...attrs });
  input.value = value ?? '';
  const labelNode = el('label', { for: id }, label);
  return {
    node: el('p', { class: 'field' }, labelNode, hint ? el('span', { class: 'hint', id: `${id}-hint` }, hint) : null, input),
    input, labelNode,
    empty: () => !input.value.trim(),
    read(path) {
      mark(input, path);
      return input.value.trim() || null;
    },
  };
}

export function check(label, value, { hint } = {}) {
  const id = uid();
  const input = el('input', { id, type: 'checkbox', checked: Boolean(value) });
  return {
    node: el('div', { class: 'choice' }, input, el('label', { for: id }, label), hint ? el('span', { class: 'hint' }, hint) : null),
    input,
    empty: () => !input.checked,
    read(path) {
      mark(input, path);
      return input.checked;
    },
  };
}

/** {@code options}: [value, words]; the first, empty choice reads as null. {@code number}: the value is a number. */
export function choose(label, options, value, { blank = '—', number = false, hint } = {}) {
  const id = uid();
  const select = el('select', { id, 'aria-describedby': hint ? `${id}-hint` : null },
    el('option', { value: '' }, blank), options.map(([v, words]) => el('option', { value: v, selected: String(v) === String(value ?? '') }, words)));
  return {
    node: el('p', { class: 'field' }, el('label', { for: id }, label), hint ? el('span', { class: 'hint', id: `${id}-hint` }, hint) : null, select),
    input: select,
    empty: () => !select.value,
    read(path) {
      mark(select, path);
      return select.value ? (number ? Number(select.value) : select.value) : null;
    },
  };
}

/**
 * Named parts read as one object. {@code wrapper}: the element showing them (a fieldset), marked with the object's
 * path; without one the caller lays the parts out. {@code nullWhenEmpty}: nothing given reads as null.
 */
export function group(parts, wrapper = null, { nullWhenEmpty = false } = {}) {
  if (wrapper) {
    wrapper.append(...parts.map(([, part]) => part.node));
  }
  const empty = () => parts.every(([, part]) => part.empty());
  return {
    node: wrapper, parts, empty,
    read(path) {
      if (wrapper) {
        mark(wrapper, path);
      }
      const value = Object.fromEntries(parts.map(([key, part]) => [key, part.read(join(path, key))]));
      return nullWhenEmpty && empty() ? null : value;
    },
  };
}

/** A name and contact details (a controller, a DPO, ...), in {@code wrapper} (a row of a list) or a fieldset of its own. */
export function party(legend, value, wrapper) {
  return group([['name', text('Name', value?.name)], ['contact', text('Contact details', value?.contact, { multiline: true })]],
    wrapper || el('fieldset', { class: 'party' }, el('legend', {}, legend)), { nullWhenEmpty: true });
}

/**
 * Repeatable rows: {@code make(value, fieldset)} builds one row's part in the row's fieldset (a group); {@code item}
 * names a row ("Purpose" → "Purpose 2", "Add purpose", "Remove purpose 2"). A simple row is one input made by
 * {@code make(value)}, labelled with the row's name and number.
 */
export function rows(legend, item, make, values = [], { hint, simple = false } = {}) {
  const list = el('ol', { class: 'rows' });
  const add = el('button', { type: 'button', class: 'secondary' }, `Add ${item.toLowerCase()}`);
  const fieldset = el('fieldset', { class: 'repeat' }, el('legend', {}, legend), hint ? el('p', { class: 'hint' }, hint) : null, list, el('p', {}, add));
  const all = [];
  const renumber = () => all.forEach((row, i) => {
    row.title.textContent = `${item} ${i + 1}`;
    row.remove.textContent = simple ? 'Remove' : `Remove ${item.toLowerCase()} ${i + 1}`;
    row.remove.setAttribute('aria-label', `Remove ${item.toLowerCase()} ${i + 1}`);
  });
  const append = (value) => {
    const remove = el('button', { type: 'button', class: 'secondary small' }, 'Remove');
    let part;
    let title;
    let node;
    if (simple) {
      part = make(value);
      title = part.labelNode;
      node = el('li', { class: 'row simple' }, part.node, remove);
    } else {
      title = el('legend', {});
      const box = el('fieldset', {}, title);
      part = make(value, box);
      box.append(remove);
      node = el('li', { class: 'row' }, box);
    }
    const row = { part, title, remove, node };
    remove.addEventListener('click', () => {
      const at = all.indexOf(row);
      all.splice(at, 1);
      node.remove();
      renumber();
      const next = (all[at] || all[at - 1])?.node.querySelector('input, select, textarea');
      (next || add).focus(); // the focus stays in the list, not on the page's start
      fieldset.dispatchEvent(new Event('change', { bubbles: true })); // choices that depend on the rows follow
    });
    all.push(row);
    list.append(node);
    renumber();
    return row;
  };
  values.forEach(append);
  add.addEventListener('click', () => append(undefined).node.querySelector('input, select, textarea')?.focus());
  return {
    node: fieldset,
    empty: () => all.every((row) => row.part.empty()),
    read(path) {
      mark(fieldset, path);
      let i = 0;
      return all.flatMap((row) => (row.part.empty() ? (row.part.read(null), []) : [row.part.read(path === null ? null : `${path}[${i++}]`)]));
    },
  };
}

/**
 * Check boxes in a fieldset, one per option [value, label, hint?], read as the list of the ticked values (each box
 * marked with its item's path). {@code none}: shown when there is nothing to tick.
 */
export function ticks(legend, options, chosen, { none } = {}) {
  const boxes = options.map(([value, label, hint]) => {
    const id = uid();
    const input = el('input', { type: 'checkbox', id, value, checked: chosen.includes(value) });
    return [input, el('div', { class: 'choice' }, input, el('label', { for: id }, label), hint ? el('span', { class: 'hint' }, hint) : null)];
  });
  const fieldset = el('fieldset', {}, el('legend', {}, legend), boxes.length ? boxes.map(([, node]) => node) : none);
  return {
    node: fieldset,
    empty: () => boxes.every(([input]) => !input.checked),
    read(path) {
      mark(fieldset, path);
      let i = 0;
      return boxes.flatMap(([input]) => {
        mark(input, input.checked && path !== null ? `${path}[${i++}]` : null);
        return input.checked ? [input.value] : [];
      });
    },
  };
}

/** A part given as a node plus a read function (the systems' check boxes, a flow's choices). */
export function custom(node, read, empty) {
  return { node, read, empty };
}

function target(form, field) {
  const marked = [...form.querySelectorAll('[data-field]')];
  for (let path = field; path; path = path.replace(/(\[\d+\]|\.[^.[\]]+|^[^.[\]]+)$/, '')) {
    const found = marked.find((node) => node.dataset.field === path);
    if (found) {
      return found;
    }
  }
  return null;
}

/** Places a note next to the input (or in the group) the path names; returns that input, or null. */
function place(form, field, words, kind) {
  const at = target(form, field);
  if (!at) {
    return null;
  }
  const id = uid(kind);
  const note = el('p', { class: kind, id }, words);
  if (at.tagName === 'FIELDSET') {
    at.querySelector(':scope > legend').after(note);
  } else {
    (at.closest('.choice') || at).after(note);
    at.setAttribute('aria-describedby', [at.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
    if (kind === 'field-error') {
      at.setAttribute('aria-invalid', 'true');
    }
  }
  const focusable = at.tagName === 'FIELDSET' ? at.querySelector('input, select, textarea') || at : at;
  focusable.id = focusable.id || uid();
  return focusable;
}

export function clearProblems(form) {
  for (const note of form.querySelectorAll('.field-error')) {
    for (const input of form.querySelectorAll(`[aria-describedby~="${note.id}"]`)) {
      const rest = input.getAttribute('aria-describedby').split(' ').filter((id) => id !== note.id).join(' ');
      rest ? input.setAttribute('aria-describedby', rest) : input.removeAttribute('aria-describedby');
      input.removeAttribute('aria-invalid');
    }
    note.remove();
  }
}

/** What Art. 30 still asks, next to the inputs that would answer it ({@code prefix}: where the record sits in the form). */
export function showGaps(form, missing, prefix) {
  for (const gap of missing) {
    place(form, prefix + gap.field, `Missing (${gap.article}): ${gap.reason}.`, 'gap-note');
  }
}

/**
 * A refusal: each problem next to its input and all of them in an alert above the form, each linked to its input;
 * the alert takes the focus. {@code name}: how the alert names a field (a question's text rather than its path).
 */
export function showProblems(form, slot, problem, { name = (field) => field } = {}) {
  clearProblems(form);
  const items = problem.errors.map((e) => {
    const words = `${e.line ? `line ${e.line}, ` : ''}${name(e.field)}: ${e.reason}`;
    const input = place(form, e.field, e.reason, 'field-error');
    if (!input) {
      return el('li', {}, words);
    }
    const link = el('a', { href: `#${input.id}` }, words);
    link.addEventListener('click', (event) => {
      event.preventDefault(); // a fragment would count as a navigation and draw the page again
      input.focus();
    });
    return el('li', {}, link);
  });
  const box = el('div', { role: 'alert', class: 'problem', tabindex: '-1' }, el('p', {}, el('strong', {}, problem.title), ' ',
    problem.message !== problem.title ? problem.message : ''), items.length ? el('ul', {}, items) : null);
  slot.replaceChildren(box);
  box.focus();
  return box;
}
