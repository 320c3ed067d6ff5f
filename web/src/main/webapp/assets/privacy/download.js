// The answer to a request, through the link in the "answer ready" mail (its token in the fragment): one button that
// redeems the link once and saves the archive; a used or expired link says so in the visitor's language.
import { el } from '../console/dom.js';
import { fragmentToken, refusal, show, t } from './center.js';

function fileName(response) {
  const disposition = response.headers.get('Content-Disposition') || '';
  const named = /filename="?([A-Za-z0-9._-]+)"?/.exec(disposition);
  return named ? named[1] : 'answer.zip';
}

export function downloadPage(main) {
  const token = fragmentToken();
  const outcome = el('div');
  const button = el('button', { type: 'button', id: 'download' }, t.downloadButton);
  button.addEventListener('click', async () => {
    button.disabled = true; // the link works once: one press, one redemption
    outcome.replaceChildren();
    let response;
    try {
      response = await fetch('/api/v1/public/dsars/download', {
        method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/zip, application/problem+json' },
        body: JSON.stringify({ token }),
      });
    } catch (e) {
      response = null;
    }
    if (!response || !response.ok) {
      const answer = { status: response ? response.status : 0, body: response ? await response.json().catch(() => ({})) : {} };
      const box = el('p', { role: 'alert', class: 'problem', tabindex: '-1' }, refusal(answer));
      outcome.append(box);
      box.focus();
      button.disabled = answer.status !== 0 && answer.status !== 429 && answer.status !== 503; // busy or offline: the link still works
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    const save = el('a', { href: url, download: fileName(response), hidden: true });
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    const done = el('p', { role: 'status', class: 'ok-box', id: 'downloaded', tabindex: '-1' }, t.downloadDone);
    button.replaceWith(done);
    done.focus();
  });
  if (!/^dsd_/.test(token)) { // no link's token: nothing to press
    show(main, t.downloadTitle, el('p', { role: 'alert', class: 'problem' }, t.linkInvalid));
    return;
  }
  show(main, t.downloadTitle, el('p', {}, t.downloadText), outcome, el('p', {}, button));
}
