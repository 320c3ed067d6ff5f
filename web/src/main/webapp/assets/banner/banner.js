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
 * sends it (Sec-GPC, or navigator.globalPrivacyControl, passed on as gpc=1), it is recorded as an opt-out of each
 * purpose that honours it, shown as declined, and nothing is granted for it.
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
      failed: 'आपके विकल्प सहेजे नहीं जा सके; कृपया फिर से प्रयास करें।' },
    bn: { title: 'আপনার গোপনীয়তার পছন্দগুলি', intro: 'আমরা আপনার ডেটা কী কী কাজে ব্যবহার করতে পারি তা বেছে নিন। আপনি যেকোনো সময় এটি বদলাতে পারেন।',
      acceptAll: 'সব গ্রহণ করুন', declineAll: 'সব প্রত্যাখ্যান করুন', save: 'পছন্দগুলি সেভ করুন', reopen: 'গোপনীয়তার পছন্দ', saved: 'আপনার পছন্দগুলি সেভ করা হয়েছে।',
      gpc: 'আপনার ব্রাউজার সাইটগুলিকে আপনার ডেটা বিক্রি বা শেয়ার না করতে বলে (Global Privacy Control); আমরা তা মেনে চলি।',
      failed: 'আপনার পছন্দগুলি সেভ করা যায়নি; অনুগ্রহ করে আবার চেষ্টা করুন।' },
    mr: { title: 'तुमच्या गोपनीयतेच्या निवडी', intro: 'आम्ही तुमचा डेटा कशासाठी वापरू शकतो ते निवडा. तुम्ही हे कधीही बदलू शकता.',
      acceptAll: 'सर्व स्वीकारा', declineAll: 'सर्व नाकारा', save: 'निवडी सेव्ह करा', reopen: 'गोपनीयतेच्या निवडी', saved: 'तुमच्या निवडी सेव्ह केल्या आहेत.',
      gpc: 'तुमचा ब्राउझर साइट्सना तुमचा डेटा न विकण्यास किंवा शेअर न करण्यास सांगतो (Global Privacy Control); आम्ही त्याचे पालन करतो.',
      failed: 'तुमच्या निवडी सेव्ह करता आल्या नाहीत; कृपया पुन्हा प्रयत्न करा.' },
    te: { title: 'మీ గోప్యతా ఎంపికలు', intro: 'మేము మీ డేటాను వేటి కోసం ఉపయోగించవచ్చో ఎంచుకోండి. మీరు దీనిని ఎప్పుడైనా మార్చుకోవచ్చు.',
      acceptAll: 'అన్నీ అంగీకరించండి', declineAll: 'అన్నీ తిరస్కరించండి', save: 'ఎంపికలను సేవ్ చేయండి', reopen: 'గోప్యతా ఎంపికలు', saved: 'మీ ఎంపికలు సేవ్ చేయబడ్డాయి.',
      gpc: 'మీ డేటాను అమ్మవద్దని, ఇతరులతో పంచుకోవద్దని మీ బ్రౌజర్ సైట్‌లను కోరుతుంది (Global Privacy Control); మేము దానిని గౌరవిస్తాము.',
      failed: 'మీ ఎంపికలను సేవ్ చేయడం సాధ్యపడలేదు; దయచేసి మళ్లీ ప్రయత్నించండి.' },
    ta: { title: 'உங்கள் தனியுரிமைத் தேர்வுகள்', intro: 'உங்கள் தரவை நாங்கள் எதற்குப் பயன்படுத்தலாம் என்று தேர்ந்தெடுங்கள். இதை எப்போது வேண்டுமானாலும் மாற்றலாம்.',
      acceptAll: 'அனைத்தையும் ஏற்கவும்', declineAll: 'அனைத்தையும் நிராகரிக்கவும்', save: 'தேர்வுகளைச் சேமிக்கவும்', reopen: 'தனியுரிமைத் தேர்வுகள்', saved: 'உங்கள் தேர்வுகள் சேமிக்கப்பட்டன.',
      gpc: 'உங்கள் தரவை விற்கவோ பகிரவோ வேண்டாம் என உங்கள் உலாவி தளங்களைக் கேட்கிறது (Global Privacy Control); நாங்கள் அதை மதிக்கிறோம்.',
      failed: 'உங்கள் தேர்வுகளைச் சேமிக்க முடியவில்லை; தயவுசெய்து மீண்டும் முயலவும்.' },
    gu: { title: 'તમારી ગોપનીયતાની પસંદગીઓ', intro: 'અમે તમારા ડેટાનો ઉપયોગ શેના માટે કરી શકીએ તે પસંદ કરો. તમે આ ગમે ત્યારે બદલી શકો છો.',
      acceptAll: 'બધું સ્વીકારો', declineAll: 'બધું નકારો', save: 'પસંદગીઓ સેવ કરો', reopen: 'ગોપનીયતાની પસંદગીઓ', saved: 'તમારી પસંદગીઓ સેવ થઈ ગઈ છે.',
      gpc: 'તમારું બ્રાઉઝર સાઇટ્સને તમારો ડેટા ન વેચવા કે શેર ન કરવા કહે છે (Global Privacy Control); અમે તેનું પાલન કરીએ છીએ.',
      failed: 'તમારી પસંદગીઓ સેવ થઈ શકી નથી; કૃપા કરીને ફરી પ્રયાસ કરો.' },
    kn: { title: 'ನಿಮ್ಮ ಗೌಪ್ಯತಾ ಆಯ್ಕೆಗಳು', intro: 'ನಿಮ್ಮ ಡೇಟಾವನ್ನು ನಾವು ಯಾವುದಕ್ಕೆ ಬಳಸಬಹುದು ಎಂಬುದನ್ನು ಆಯ್ಕೆಮಾಡಿ. ನೀವು ಇದನ್ನು ಯಾವಾಗ ಬೇಕಾದರೂ ಬದಲಾಯಿಸಬಹುದು.',
      acceptAll: 'ಎಲ್ಲವನ್ನೂ ಸ್ವೀಕರಿಸಿ', declineAll: 'ಎಲ್ಲವನ್ನೂ ನಿರಾಕರಿಸಿ', save: 'ಆಯ್ಕೆಗಳನ್ನು ಉಳಿಸಿ', reopen: 'ಗೌಪ್ಯತಾ ಆಯ್ಕೆಗಳು', saved: 'ನಿಮ್ಮ ಆಯ್ಕೆಗಳನ್ನು ಉಳಿಸಲಾಗಿದೆ.',
      gpc: 'ನಿಮ್ಮ ಡೇಟಾವನ್ನು ಮಾರಾಟ ಮಾಡಬಾರದು ಅಥವಾ ಹಂಚಿಕೊಳ್ಳಬಾರದು ಎಂದು ನಿಮ್ಮ ಬ್ರೌಸರ್ ಸೈಟ್‌ಗಳನ್ನು ಕೇಳುತ್ತದೆ (Global Privacy Control); ನಾವು ಅದನ್ನು ಪಾಲಿಸುತ್ತೇವೆ.',
      failed: 'ನಿಮ್ಮ ಆಯ್ಕೆಗಳನ್ನು ಉಳಿಸಲಾಗಲಿಲ್ಲ; ದಯವಿಟ್ಟು ಮತ್ತೆ ಪ್ರಯತ್ನಿಸಿ.' },
    ml: { title: 'നിങ്ങളുടെ സ്വകാര്യതാ തിരഞ്ഞെടുപ്പുകൾ', intro: 'നിങ്ങളുടെ ഡാറ്റ ഞങ്ങൾ എന്തിനെല്ലാം ഉപയോഗിക്കാമെന്ന് തിരഞ്ഞെടുക്കുക. ഇത് എപ്പോൾ വേണമെങ്കിലും മാറ്റാം.',
      acceptAll: 'എല്ലാം സ്വീകരിക്കുക', declineAll: 'എല്ലാം നിരസിക്കുക', save: 'തിരഞ്ഞെടുപ്പുകൾ സേവ് ചെയ്യുക', reopen: 'സ്വകാര്യതാ തിരഞ്ഞെടുപ്പുകൾ', saved: 'നിങ്ങളുടെ തിരഞ്ഞെടുപ്പുകൾ സേവ് ചെയ്തു.',
      gpc: 'നിങ്ങളുടെ ഡാറ്റ വിൽക്കുകയോ പങ്കിടുകയോ ചെയ്യരുതെന്ന് നിങ്ങളുടെ ബ്രൗസർ സൈറ്റുകളോട് ആവശ്യപ്പെടുന്നു (Global Privacy Control); ഞങ്ങൾ അത് മാനിക്കുന്നു.',
      failed: 'നിങ്ങളുടെ തിരഞ്ഞെടുപ്പുകൾ സേവ് ചെയ്യാനായില്ല; ദയവായി വീണ്ടും ശ്രമിക്കുക.' },
    ur: { title: 'آپ کی رازداری کے انتخاب', intro: 'منتخب کریں کہ ہم آپ کا ڈیٹا کس لیے استعمال کر سکتے ہیں۔ آپ اسے کسی بھی وقت بدل سکتے ہیں۔',
      acceptAll: 'سب قبول کریں', declineAll: 'سب مسترد کریں', save: 'انتخاب محفوظ کریں', reopen: 'رازداری کے انتخاب', saved: 'آپ کے انتخاب محفوظ ہو گئے ہیں۔',
      gpc: 'آپ کا براؤزر سائٹس سے کہتا ہے کہ آپ کا ڈیٹا نہ بیچیں اور نہ شیئر کریں (Global Privacy Control)؛ ہم اس کی پابندی کرتے ہیں۔',
      failed: 'آپ کے انتخاب محفوظ نہیں ہو سکے؛ براہِ کرم دوبارہ کوشش کریں۔' },
    or: { title: 'ଆପଣଙ୍କ ଗୋପନୀୟତା ପସନ୍ଦ', intro: 'ଆମେ ଆପଣଙ୍କ ଡାଟା କେଉଁଥିପାଇଁ ବ୍ୟବହାର କରିପାରିବୁ ତାହା ବାଛନ୍ତୁ। ଆପଣ ଯେକୌଣସି ସମୟରେ ଏହାକୁ ବଦଳାଇପାରିବେ।',
      acceptAll: 'ସବୁ ଗ୍ରହଣ କରନ୍ତୁ', declineAll: 'ସବୁ ପ୍ରତ୍ୟାଖ୍ୟାନ କରନ୍ତୁ', save: 'ପସନ୍ଦ ସେଭ କରନ୍ତୁ', reopen: 'ଗୋପନୀୟତା ପସନ୍ଦ', saved: 'ଆପଣଙ୍କ ପସନ୍ଦ ସେଭ ହୋଇଛି।',
      gpc: 'ଆପଣଙ୍କ ବ୍ରାଉଜର ସାଇଟଗୁଡ଼ିକୁ ଆପଣଙ୍କ ଡାଟା ବିକ୍ରି କିମ୍ବା ସେୟାର ନକରିବାକୁ କହେ (Global Privacy Control); ଆମେ ଏହାକୁ ମାନିଥାଉ।',
      failed: 'ଆପଣଙ୍କ ପସନ୍ଦ ସେଭ ହୋଇପାରିଲା ନାହିଁ; ଦୟାକରି ପୁଣି ଚେଷ୍ଟା କରନ୍ତୁ।' },
    pa: { title: 'ਤੁਹਾਡੀ ਨਿੱਜਤਾ ਦੇ ਵਿਕਲਪ', intro: 'ਚੁਣੋ ਕਿ ਅਸੀਂ ਤੁਹਾਡਾ ਡਾਟਾ ਕਿਸ ਲਈ ਵਰਤ ਸਕਦੇ ਹਾਂ। ਤੁਸੀਂ ਇਸ ਨੂੰ ਕਦੇ ਵੀ ਬਦਲ ਸਕਦੇ ਹੋ।',
      acceptAll: 'ਸਭ ਸਵੀਕਾਰ ਕਰੋ', declineAll: 'ਸਭ ਅਸਵੀਕਾਰ ਕਰੋ', save: 'ਵਿਕਲਪ ਸੇਵ ਕਰੋ', reopen: 'ਨਿੱਜਤਾ ਦੇ ਵਿਕਲਪ', saved: 'ਤੁਹਾਡੇ ਵਿਕਲਪ ਸੇਵ ਕਰ ਲਏ ਗਏ ਹਨ।',
      gpc: 'ਤੁਹਾਡਾ ਬ੍ਰਾਊਜ਼ਰ ਸਾਈਟਾਂ ਨੂੰ ਤੁਹਾਡਾ ਡਾਟਾ ਨਾ ਵੇਚਣ ਅਤੇ ਨਾ ਸਾਂਝਾ ਕਰਨ ਲਈ ਕਹਿੰਦਾ ਹੈ (Global Privacy Control); ਅਸੀਂ ਇਸ ਦੀ ਪਾਲਣਾ ਕਰਦੇ ਹਾਂ।',
      failed: 'ਤੁਹਾਡੇ ਵਿਕਲਪ ਸੇਵ ਨਹੀਂ ਹੋ ਸਕੇ; ਕਿਰਪਾ ਕਰਕੇ ਦੁਬਾਰਾ ਕੋਸ਼ਿਸ਼ ਕਰੋ।' },
    as: { title: 'আপোনাৰ গোপনীয়তাৰ পছন্দসমূহ', intro: 'আমি আপোনাৰ ডেটা কি কি কামত ব্যৱহাৰ কৰিব পাৰোঁ, বাছনি কৰক। আপুনি যিকোনো সময়তে ইয়াক সলনি কৰিব পাৰে।',
      acceptAll: 'সকলো গ্ৰহণ কৰক', declineAll: 'সকলো অস্বীকাৰ কৰক', save: 'পছন্দসমূহ ছেভ কৰক', reopen: 'গোপনীয়তাৰ পছন্দসমূহ', saved: 'আপোনাৰ পছন্দসমূহ ছেভ কৰা হৈছে।',
      gpc: 'আপোনাৰ ব্ৰাউজাৰে ছাইটসমূহক আপোনাৰ ডেটা বিক্ৰী বা শ্বেয়াৰ নকৰিবলৈ কয় (Global Privacy Control); আমি ইয়াক মানি চলোঁ।',
      failed: 'আপোনাৰ পছন্দসমূহ ছেভ কৰিব পৰা নগ\'ল; অনুগ্ৰহ কৰি পুনৰ চেষ্টা কৰক।' },
    de: { title: 'Ihre Datenschutzeinstellungen', intro: 'Wählen Sie, wofür wir Ihre Daten verwenden dürfen. Sie können dies jederzeit ändern.',
      acceptAll: 'Alle akzeptieren', declineAll: 'Alle ablehnen', save: 'Auswahl speichern', reopen: 'Datenschutzeinstellungen', saved: 'Ihre Auswahl ist gespeichert.',
      gpc: 'Ihr Browser bittet Websites, Ihre Daten nicht zu verkaufen oder weiterzugeben (Global Privacy Control); wir beachten dies.',
      failed: 'Ihre Auswahl konnte nicht gespeichert werden; bitte versuchen Sie es erneut.' },
    fr: { title: 'Vos choix de confidentialité', intro: 'Choisissez à quelles fins nous pouvons utiliser vos données. Vous pouvez changer d\'avis à tout moment.',
      acceptAll: 'Tout accepter', declineAll: 'Tout refuser', save: 'Enregistrer mes choix', reopen: 'Choix de confidentialité', saved: 'Vos choix sont enregistrés.',
      gpc: 'Votre navigateur demande aux sites de ne pas vendre ni partager vos données (Global Privacy Control) ; nous le respectons.',
      failed: 'Vos choix n\'ont pas pu être enregistrés ; veuillez réessayer.' },
    es: { title: 'Sus opciones de privacidad', intro: 'Elija para qué podemos usar sus datos. Puede cambiar su elección en cualquier momento.',
      acceptAll: 'Aceptar todo', declineAll: 'Rechazar todo', save: 'Guardar opciones', reopen: 'Opciones de privacidad', saved: 'Sus opciones se han guardado.',
      gpc: 'Su navegador pide a los sitios que no vendan ni compartan sus datos (Global Privacy Control); lo respetamos.',
      failed: 'No se han podido guardar sus opciones; inténtelo de nuevo.' },
    it: { title: 'Le tue scelte sulla privacy', intro: 'Scegli per quali finalità possiamo usare i tuoi dati. Puoi cambiare idea in qualsiasi momento.',
      acceptAll: 'Accetta tutto', declineAll: 'Rifiuta tutto', save: 'Salva le scelte', reopen: 'Scelte sulla privacy', saved: 'Le tue scelte sono state salvate.',
      gpc: 'Il tuo browser chiede ai siti di non vendere né condividere i tuoi dati (Global Privacy Control); lo rispettiamo.',
      failed: 'Non è stato possibile salvare le tue scelte; riprova.' },
    pt: { title: 'As suas opções de privacidade', intro: 'Escolha para que fins podemos utilizar os seus dados. Pode alterar a sua escolha a qualquer momento.',
      acceptAll: 'Aceitar tudo', declineAll: 'Recusar tudo', save: 'Guardar opções', reopen: 'Opções de privacidade', saved: 'As suas opções foram guardadas.',
      gpc: 'O seu navegador pede aos sites que não vendam nem partilhem os seus dados (Global Privacy Control); respeitamos esse pedido.',
      failed: 'Não foi possível guardar as suas opções; tente novamente.' },
    nl: { title: 'Uw privacykeuzes', intro: 'Kies waarvoor we uw gegevens mogen gebruiken. U kunt dit op elk moment wijzigen.',
      acceptAll: 'Alles accepteren', declineAll: 'Alles weigeren', save: 'Keuzes opslaan', reopen: 'Privacykeuzes', saved: 'Uw keuzes zijn opgeslagen.',
      gpc: 'Uw browser vraagt websites uw gegevens niet te verkopen of te delen (Global Privacy Control); we respecteren dat.',
      failed: 'Uw keuzes konden niet worden opgeslagen; probeer het opnieuw.' },
    pl: { title: 'Twoje ustawienia prywatności', intro: 'Wybierz, do czego możemy wykorzystywać Twoje dane. Możesz to zmienić w każdej chwili.',
      acceptAll: 'Zaakceptuj wszystkie', declineAll: 'Odrzuć wszystkie', save: 'Zapisz ustawienia', reopen: 'Ustawienia prywatności', saved: 'Zapisano Twoje ustawienia.',
      gpc: 'Twoja przeglądarka prosi witryny, aby nie sprzedawały ani nie udostępniały Twoich danych (Global Privacy Control); respektujemy tę prośbę.',
      failed: 'Nie udało się zapisać Twoich ustawień; spróbuj ponownie.' }
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

  // A busy organisation's limit (429) is waited out once, as long as it asks (at most 30 s), then tried again.
  function call(method, path, body, retried) {
    return fetch(apiBase + path, {
      method: method, credentials: 'omit', mode: 'cors',
      headers: body ? { Authorization: 'Bearer ' + key, 'Content-Type': 'application/json' } : { Authorization: 'Bearer ' + key },
      body: body ? JSON.stringify(body) : undefined
    }).then(function (r) {
      if (r.status === 429 && !retried) {
        var wait = Math.min(30, Math.max(1, parseInt(r.headers.get('Retry-After'), 10) || 1));
        var spread = 1000 * wait * Math.random(); // visitors told alike come back spread out, not all at once
        return new Promise(function (resolve) { setTimeout(resolve, wait * 1000 + spread); })
          .then(function () { return call(method, path, body, true); });
      }
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
    var query = '?subject=' + encodeURIComponent(who) + '&lang=' + encodeURIComponent(lang) + (gpc ? '&gpc=1' : '')
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
    var panel = node('section', { 'aria-label': words.title, id: 'custodia-banner', lang: WORDS[lang] ? lang : 'en', dir: lang === 'ur' ? 'rtl' : 'ltr',
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
        node('p', { text: p.text, lang: p.textLang, dir: 'auto', style: { margin: '.25rem 0 0', marginInlineStart: '1.5rem', color: '#3d4652' } })]);
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
