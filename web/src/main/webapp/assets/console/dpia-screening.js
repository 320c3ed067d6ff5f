// Whether an activity needs a DPIA (GDPR Art. 35): WP248 rev.01's nine criteria and the three cases of Art. 35(3),
// in words, and the controller's reasoning, which only counts when two or more criteria are met without an
// Art. 35(3) case (then it may conclude that no DPIA is needed, and is kept). The API judges; this form explains.
import { el } from './dom.js';
import { text, ticks, uid } from './ropa-fields.js';
import { facts } from './pages.js';

export const CRITERIA = [
  ['EVALUATION_OR_SCORING', 'Evaluation or scoring, including profiling and predicting'],
  ['AUTOMATED_DECISION_WITH_LEGAL_EFFECT', 'Automated decision-making with legal or similarly significant effect'],
  ['SYSTEMATIC_MONITORING', 'Systematic monitoring of data subjects'],
  ['SENSITIVE_OR_HIGHLY_PERSONAL_DATA', 'Sensitive data or data of a highly personal nature'],
  ['LARGE_SCALE', 'Data processed on a large scale'],
  ['MATCHING_OR_COMBINING_DATASETS', 'Matching or combining datasets'],
  ['VULNERABLE_DATA_SUBJECTS', 'Data concerning vulnerable data subjects (employees, children, patients, ...)'],
  ['INNOVATIVE_TECHNOLOGY', 'Innovative use or new technological or organisational solutions'],
  ['PREVENTS_EXERCISING_A_RIGHT', 'Processing that prevents data subjects from exercising a right or using a service or contract']];

export const CASES = [
  ['SYSTEMATIC_EXTENSIVE_EVALUATION', '(a) Systematic and extensive evaluation of personal aspects, based on automated processing '
    + 'including profiling, on which decisions with legal or similarly significant effects are based'],
  ['LARGE_SCALE_SPECIAL_OR_CRIMINAL_DATA', '(b) Large-scale processing of special categories of data (Art. 9(1)) or of data on '
    + 'criminal convictions and offences (Art. 10)'],
  ['LARGE_SCALE_PUBLIC_MONITORING', '(c) Systematic monitoring of a publicly accessible area on a large scale']];

export const OUTCOMES = { REQUIRED: 'Required', NOT_REQUIRED_WITH_REASONING: 'Not required (the controller\'s reasoning)', NOT_REQUIRED: 'Not required' };

const label = (list, key) => (list.find(([k]) => k === key) || [key, key])[1];

/** The screening's parts, named as the API's body names them: criteria, article35Cases, reasoning. */
export function screeningParts(screening = {}) {
  const criteria = ticks('WP248 criteria met (two or more: a DPIA is likely required)', CRITERIA, screening.criteria || []);
  const cases = ticks('GDPR Art. 35(3): a DPIA is required in any case', CASES, screening.article35Cases || []);
  const note = el('p', { id: uid('why'), class: 'hint', 'aria-live': 'polite' });
  const reasoning = text('Reasoning', screening.reasoning, { multiline: true, attrs: { maxlength: 8000, 'aria-describedby': note.id } });
  reasoning.node.append(note);
  const explain = () => {
    const met = criteria.node.querySelectorAll('input:checked').length;
    const any = cases.node.querySelector('input:checked') !== null;
    note.className = met >= 2 && !any ? 'gap-note' : 'hint';
    note.textContent = any ? 'An Art. 35(3) case always requires a DPIA; reasoning does not change that.'
      : met >= 2 ? `${met} criteria met and no Art. 35(3) case: a DPIA is likely required (WP248 rev.01 III.B.a). Only if you conclude `
        + 'that no high risk is likely, say why here: the DPIA is then not required, and your reasoning is kept with the screening.'
        : 'Fewer than two criteria: these rules require no DPIA (the supervisory authority\'s Art. 35(4) list may still). '
          + 'Reasoning matters once two or more criteria are met.';
  };
  criteria.node.addEventListener('change', explain);
  cases.node.addEventListener('change', explain);
  explain();
  return { criteria, article35Cases: cases, reasoning };
}

/** The screening as judged: what was met, the reasoning, the outcome and the rule that gave it. */
export function screeningFacts(s) {
  const list = (keys, from, none) => (keys.length ? el('ul', {}, keys.map((k) => el('li', {}, label(from, k)))) : none);
  const result = facts(['Outcome', el('strong', { id: 'screening-outcome' }, OUTCOMES[s.outcome] || s.outcome)],
    ['Because', el('span', { id: 'screening-because' }, s.because)],
    ['WP248 criteria met', list(s.criteria, CRITERIA, 'none')],
    ['Art. 35(3) cases', list(s.article35Cases, CASES, 'none')],
    s.reasoning ? ['Reasoning', s.reasoning] : null);
  result.id = 'screening';
  return result;
}
