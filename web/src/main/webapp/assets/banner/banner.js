/*
 * Custodia consent banner: one dependency-free script a site embeds.
 *
 *   <script src="https://custodia.example/assets/banner/banner.js" defer
 *           data-api="https://custodia.example/api/v1" data-key="cus_..." data-purposes="newsletter,analytics"></script>
 *
 * data-key is a publishable key whose role holds consent:banner only (README, "Consent banner"): it is in the page
 * for everyone to see, and answers and records nothing but the choices of a random visitor id this script keeps in
 * the browser (visitor-<uuid>). Each purpose's current notice is shown in the page's language (else the notice's);
 * choices are recorded as grants and withdrawals in the consent ledger. Global Privacy Control: where the browser
 * sends it, a purpose that honours it is shown as declined and nothing is granted for it.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var apiBase = script.getAttribute('data-api');
  var key = script.getAttribute('data-key');
  var purposeKeys = (script.getAttribute('data-purposes') || '').split(',').map(function (s) { return s.trim(); }).filter(Boolean);
  var lang = ((document.documentElement.lang || navigator.language || 'en').toLowerCase().split('-')[0]) || 'en';
  var gpc = navigator.globalPrivacyControl === true;
  var WORDS = {
    en: { title: 'Your privacy choices', intro: 'Choose what we may use your data for. You can change this at any time.',
      acceptAll: 'Accept all', declineAll: 'Decline all', save: 'Save choices', reopen: 'Privacy choices', saved: 'Your choices are saved.',
      gpc: 'Your browser asks sites not to sell or share your data (Global Privacy Control); we honour it.', failed: 'Your choices could not be saved; please try again.' },
    hi: { title: 'आपकी निजता के विकल्प', intro: 'चुनें कि हम आपके डेटा का उपयोग किसके लिए कर सकते हैं। आप इसे कभी भी बदल सकते हैं।',
      acceptAll: 'सभी स्वीकारें', declineAll: 'सभी अस्वीकारें', save: 'विकल्प सहेजें', reopen: 'निजता के विकल्प', saved: 'आपके विकल्प सहेज लिए गए हैं।',
      gpc: 'आपका ब्राउज़र साइटों से आपका डेटा न बेचने या साझा न करने को कहता है (Global Privacy Control); हम इसका पालन करते हैं।',
      failed: 'आपके विकल्प सहेजे नहीं जा सके; कृपया फिर से प्रयास करें।' }
  };
  var words = WORDS[lang] || WORDS.en;

  function subject() {
    var stored = null;
    try { stored = localStorage.getItem('custodia.subject'); } catch (e) { /* storage blocked: a new id per page */ }
    if (!stored) {
      stored = 'visitor-' + crypto.randomUUID();
      try { localStorage.setItem('custodia.subject', stored); } catch (e) { /* kept for this page only */ }
    }
    return stored;
  }

  function call(method, path, body) {
    return fetch(apiBase + path, {
      method: method, credentials: 'omit', mode: 'cors',
      headers: body ? { Authorization: 'Bearer ' + key, 'Content-Type': 'application/json' } : { Authorization: 'Bearer ' + key },
      body: body ? JSON.stringify(body) : undefined
    }).then(function (r) {
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      return r.status === 204 ? null : r.json();
    });
  }

  function node(tag, props, children) {
    var n = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      if (k === 'text') { n.textContent = props[k]; } else if (k === 'style') { Object.assign(n.style, props[k]); } else { n.setAttribute(k, props[k]); }
    });
    (children || []).forEach(function (c) { if (c) { n.appendChild(c); } });
    return n;
  }

  function load(who) {
    var query = '?subject=' + encodeURIComponent(who) + '&lang=' + encodeURIComponent(lang)
      + purposeKeys.map(function (p) { return '&purpose=' + encodeURIComponent(p); }).join('');
    return call('GET', '/consents/banner' + query).then(function (states) {
      return states.map(function (s) {
        return { key: s.purpose, name: s.name, honoursGpc: s.honoursGpc, text: s.text || '', textLang: s.textLanguage || lang,
          allowed: s.allowed, noticeVersion: s.noticeVersion,
          decided: ['GRANTED', 'WITHDRAWN', 'GPC_OPT_OUT'].indexOf(s.reason) >= 0 }; // a changed notice or an expiry asks again
      });
    });
  }

  function render(who, purposes) {
    var panel = node('section', { 'aria-label': words.title, id: 'custodia-banner', lang: WORDS[lang] ? lang : 'en',
      style: { position: 'fixed', insetInline: '0', bottom: '0', background: '#ffffff', color: '#1b1f24', borderTop: '2px solid #102a43',
        padding: '1rem', fontFamily: 'system-ui, sans-serif', lineHeight: '1.5', maxHeight: '70vh', overflowY: 'auto', zIndex: '2147483000' } });
    var status = node('p', { role: 'status', id: 'custodia-status' });
    var boxes = [];
    var list = node('div', {}, purposes.map(function (p) {
      var blocked = gpc && p.honoursGpc;
      var box = node('input', { type: 'checkbox', id: 'custodia-' + p.key, 'data-purpose': p.key });
      box.checked = p.allowed && !blocked;
      box.disabled = blocked;
      boxes.push({ box: box, purpose: p });
      return node('div', { style: { margin: '.5rem 0' } }, [
        box, node('label', { for: 'custodia-' + p.key, text: ' ' + p.name, style: { fontWeight: '600' } }),
        node('p', { text: p.text, lang: p.textLang, style: { margin: '.25rem 0 0', marginInlineStart: '1.5rem', color: '#3d4652' } })]);
    }));
    function button(text, id, action) {
      var b = node('button', { type: 'button', id: id, text: text,
        style: { font: 'inherit', margin: '.25rem .5rem .25rem 0', padding: '.4rem .9rem', borderRadius: '4px', border: '1px solid #0b5cad',
          background: id === 'custodia-save' ? '#ffffff' : '#0b5cad', color: id === 'custodia-save' ? '#0b5cad' : '#ffffff', cursor: 'pointer' } });
      b.addEventListener('click', action);
      return b;
    }
    function save(wanted) {
      var changes = boxes.filter(function (b) { return !b.box.disabled; }).map(function (b) {
        var want = wanted === undefined ? b.box.checked : wanted;
        b.box.checked = want;
        if (want === b.purpose.allowed && b.purpose.decided) { return null; }
        return call('POST', '/consents/banner', { subject: who, purpose: b.purpose.key, action: want ? 'grant' : 'withdraw' })
          .then(function () { b.purpose.allowed = want; b.purpose.decided = true; });
      });
      Promise.all(changes).then(function () {
        status.textContent = words.saved;
        collapse(true);
      }, function () { status.textContent = words.failed; });
    }
    var reopen = button(words.reopen, 'custodia-reopen', function () { reopen.hidden = true; body.hidden = false; body.querySelector('h2').focus(); });
    var body = node('div', {}, [
      node('h2', { text: words.title, tabindex: '-1', style: { fontSize: '1.1rem', margin: '0 0 .5rem' } }),
      node('p', { text: words.intro, style: { margin: '0 0 .5rem' } }),
      gpc ? node('p', { text: words.gpc }) : null,
      list,
      button(words.acceptAll, 'custodia-accept', function () { save(true); }),
      button(words.declineAll, 'custodia-decline', function () { save(false); }),
      button(words.save, 'custodia-save', function () { save(undefined); })]);
    function collapse(focus) { body.hidden = true; reopen.hidden = false; if (focus) { reopen.focus(); } }
    panel.appendChild(body);
    panel.appendChild(reopen);
    panel.appendChild(status);
    document.body.appendChild(panel);
    var undecided = purposes.some(function (p) { return !p.decided && !(gpc && p.honoursGpc); });
    if (undecided) { reopen.hidden = true; } else { collapse(); }
  }

  function start() {
    var who = subject();
    load(who).then(function (purposes) { render(who, purposes); }, function (e) {
      if (window.console) { console.warn('Custodia banner: ' + e.message); }
    });
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
