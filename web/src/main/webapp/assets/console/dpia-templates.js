// The questionnaires DPIAs are answered against, every version (an assessment keeps the version it began with), and
// for those who may create DPIAs an editor that writes a key's next version, starting from its latest questions.
import { api } from './api.js';
import { el, words } from './dom.js';
import { can } from './app.js';
import { check, choose, group, rows, text, told } from './ropa-fields.js';
import { partsForm, section } from './pages.js';

const KINDS = [['TEXT', 'Text'], ['YES_NO', 'Yes or no'], ['CHOICE', 'Choice of options']];

/** One line per option, read as the list; only a choice has options, so any other kind sends none. */
function options(values, kind) {
  const part = text('Options (one per line)', (values || []).join('\n'), { multiline: true, hint: 'For a choice: 2 to 20.' });
  const show = () => {
    part.node.hidden = kind.input.value !== 'CHOICE';
  };
  kind.input.addEventListener('change', show);
  show();
  return { ...part, read: (path) => {
    const given = (part.read(path) || '').split('\n').map((o) => o.trim()).filter(Boolean);
    return kind.input.value === 'CHOICE' ? given : [];
  } };
}

function questionRow(q, box) {
  const kind = choose('Kind', KINDS, q?.kind || 'TEXT', { blank: 'Choose one' });
  return group([
    ['id', text('Id', q?.id, { hint: 'Lower-case letters, digits, "_" or "-"; answers are kept under it.', attrs: { maxlength: 64, autocomplete: 'off' } })],
    ['text', text('Question', q?.text, { multiline: true, attrs: { maxlength: 1000 } })],
    ['help', text('Help', q?.help, { multiline: true, hint: 'Shown under the question: what the answer should cover.', attrs: { maxlength: 2000 } })],
    ['kind', kind],
    ['options', options(q?.options, kind)],
    ['required', check('Required before the DPO\'s review', q?.required)]], box);
}

function versionDetails(t) {
  return el('details', { class: 'template' }, el('summary', {}, `${t.title} — ${t.key}, version ${t.version} (${t.questions.length} questions)`),
    el('ol', {}, t.questions.map((q) => el('li', {}, el('strong', {}, q.text), ` (${q.id}; ${words(q.kind).toLowerCase()}`,
      q.options.length ? `: ${q.options.join(', ')}` : '', q.required ? '; required' : '', ')', q.help ? el('span', { class: 'hint' }, q.help) : null))));
}

export async function dpiaTemplatesView({ page }) {
  const templates = await api('/dpia-templates');
  const content = [told(), el('p', {}, el('a', { href: '/console/dpias', 'data-nav': '' }, 'Back to the DPIAs')),
    section('Versions', el('p', {}, 'Writing a questionnaire\'s key again makes its next version; assessments keep the version they began with.'),
      el('div', { id: 'templates' }, templates.map(versionDetails)))];
  if (can('dpia:create')) {
    const start = templates.filter((t) => t.key === 'art35').reduce((a, b) => (!a || b.version > a.version ? b : a), null) || templates[0];
    content.push(section('Write a new version', el('p', { class: 'hint' }, `Starts from ${start ? `${start.key} version ${start.version}` : 'nothing'}; `
      + 'a new key starts a questionnaire of its own.'),
    partsForm({ id: 'template-form' }, [
      ['key', text('Key', start?.key, { hint: 'Lower-case letters, digits or "-", such as art35.', attrs: { maxlength: 64, autocomplete: 'off' } })],
      ['title', text('Title', start?.title, { attrs: { maxlength: 300 } })],
      ['questions', rows('Questions', 'Question', questionRow, start ? start.questions : [undefined])]],
    'Save as a new version', (body) => api('/dpia-templates', { method: 'POST', body }), (body) => `${body.key}: a new version saved.`)));
  }
  page('DPIA questionnaires', ...content.filter(Boolean)); // page() would print a null
}
