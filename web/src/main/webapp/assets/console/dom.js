// Small DOM helpers: elements are built, never parsed from strings, so no text from the server becomes markup.

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) {
    node.firstChild.remove();
  }
}

/** A date and time in the organisation's zone, naming the zone. */
export function when(iso, zone) {
  if (!iso) {
    return '—';
  }
  const format = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: zone || 'UTC' });
  return `${format.format(new Date(iso))} (${zone || 'UTC'})`;
}

/** Words for an enum constant: IN_REVIEW → "In review". */
export function words(constant) {
  if (!constant) {
    return '—';
  }
  const text = constant.toLowerCase().replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A problem shown where the user looks: an alert with the fields it names. */
export function problemAlert(problem) {
  const box = el('div', { role: 'alert', class: 'problem' }, el('p', {}, el('strong', {}, problem.title), ' ', problem.message !== problem.title ? problem.message : ''));
  if (problem.errors && problem.errors.length) {
    box.append(el('ul', {}, problem.errors.map((f) => el('li', {}, `${f.field}: ${f.reason}`))));
  }
  return box;
}
