// The privacy center's words, per language (BCP 47 primary tag). A language without its own catalogue shows the
// English words (the request still carries the visitor's language, which mail to them uses where it can).
// Right-to-left scripts set dir="rtl" on the page.

export const RTL = new Set(['ur', 'ar', 'fa', 'he']);

export const LANGUAGES = { en: 'English', hi: 'हिन्दी', ur: 'اردو' };

export const MESSAGES = {
  en: {
    brand: 'Privacy center',
    language: 'Language',
    title: 'Make a request about your data',
    intro: 'You can ask this organisation for a copy of the data it holds about you, or to correct, delete or hand it over. We will email you a link to confirm your address; the legal deadline counts from your request.',
    type: 'What would you like?',
    types: {
      ACCESS: 'A copy of my data', ERASURE: 'Delete my data', RECTIFICATION: 'Correct my data',
      PORTABILITY: 'My data in a machine-readable file', RESTRICTION: 'Restrict the use of my data',
      OBJECTION: 'Object to the use of my data', OPT_OUT_OF_SALE_OR_SHARING: 'Do not sell or share my data',
      LIMIT_SENSITIVE_DATA_USE: 'Limit the use of my sensitive data', APPEAL: 'Appeal a decision on my request',
      NOMINATION: 'Nominate someone to act for me',
    },
    jurisdiction: 'Law that applies',
    jurisdictionAuto: 'Let the organisation decide (where it is based)',
    email: 'Email address',
    emailHint: 'We send the confirmation link here, and later your answer.',
    name: 'Name (optional)',
    details: 'Anything that helps us find your data (optional)',
    submit: 'Send request',
    sent: 'Check your email',
    sentText: 'We have your request (reference {reference}). Open the link in the email we sent to confirm your address; your request goes on from there.',
    failed: 'The request was not sent',
    footer: 'Your request goes to the organisation whose page this is.',
  },
  hi: {
    brand: 'निजता केंद्र',
    language: 'भाषा',
    title: 'अपने डेटा के बारे में अनुरोध करें',
    intro: 'आप इस संगठन से अपने बारे में रखे गए डेटा की प्रति माँग सकते हैं, या उसे सुधारने, हटाने या आपको सौंपने के लिए कह सकते हैं। हम आपके पते की पुष्टि के लिए आपको एक लिंक ईमेल करेंगे; कानूनी समय-सीमा आपके अनुरोध से गिनी जाती है।',
    type: 'आप क्या चाहते हैं?',
    types: {
      ACCESS: 'मेरे डेटा की प्रति', ERASURE: 'मेरा डेटा हटाएँ', RECTIFICATION: 'मेरा डेटा सुधारें',
      PORTABILITY: 'मेरा डेटा मशीन-पठनीय फ़ाइल में', RESTRICTION: 'मेरे डेटा का उपयोग सीमित करें',
      OBJECTION: 'मेरे डेटा के उपयोग पर आपत्ति', OPT_OUT_OF_SALE_OR_SHARING: 'मेरा डेटा न बेचें और न साझा करें',
      LIMIT_SENSITIVE_DATA_USE: 'मेरे संवेदनशील डेटा का उपयोग सीमित करें', APPEAL: 'मेरे अनुरोध पर निर्णय के विरुद्ध अपील',
      NOMINATION: 'मेरी ओर से कार्य करने के लिए किसी को नामित करें',
    },
    jurisdiction: 'लागू कानून',
    jurisdictionAuto: 'संगठन तय करे (जहाँ वह स्थित है)',
    email: 'ईमेल पता',
    emailHint: 'पुष्टि का लिंक और बाद में आपका उत्तर हम इसी पते पर भेजेंगे।',
    name: 'नाम (वैकल्पिक)',
    details: 'कोई भी जानकारी जिससे हमें आपका डेटा खोजने में मदद मिले (वैकल्पिक)',
    submit: 'अनुरोध भेजें',
    sent: 'अपना ईमेल देखें',
    sentText: 'हमें आपका अनुरोध मिल गया है (संदर्भ {reference})। अपने पते की पुष्टि के लिए हमारे भेजे ईमेल का लिंक खोलें; आपका अनुरोध वहीं से आगे बढ़ेगा।',
    failed: 'अनुरोध नहीं भेजा जा सका',
    footer: 'आपका अनुरोध उस संगठन को जाता है जिसका यह पृष्ठ है।',
  },
  ur: {
    brand: 'رازداری مرکز',
    language: 'زبان',
    title: 'اپنے ڈیٹا کے بارے میں درخواست دیں',
    intro: 'آپ اس ادارے سے اپنے بارے میں رکھے گئے ڈیٹا کی نقل مانگ سکتے ہیں، یا اسے درست کرنے، حذف کرنے یا آپ کے حوالے کرنے کا کہہ سکتے ہیں۔ ہم آپ کے پتے کی تصدیق کے لیے آپ کو ایک لنک ای میل کریں گے؛ قانونی مدت آپ کی درخواست سے شمار ہوتی ہے۔',
    type: 'آپ کیا چاہتے ہیں؟',
    types: {
      ACCESS: 'میرے ڈیٹا کی نقل', ERASURE: 'میرا ڈیٹا حذف کریں', RECTIFICATION: 'میرا ڈیٹا درست کریں',
      PORTABILITY: 'میرا ڈیٹا مشین کے پڑھنے کے قابل فائل میں', RESTRICTION: 'میرے ڈیٹا کا استعمال محدود کریں',
      OBJECTION: 'میرے ڈیٹا کے استعمال پر اعتراض', OPT_OUT_OF_SALE_OR_SHARING: 'میرا ڈیٹا نہ بیچیں اور نہ شیئر کریں',
      LIMIT_SENSITIVE_DATA_USE: 'میرے حساس ڈیٹا کا استعمال محدود کریں', APPEAL: 'میری درخواست پر فیصلے کے خلاف اپیل',
      NOMINATION: 'میری طرف سے کام کرنے کے لیے کسی کو نامزد کریں',
    },
    jurisdiction: 'لاگو قانون',
    jurisdictionAuto: 'ادارہ طے کرے (جہاں وہ واقع ہے)',
    email: 'ای میل پتہ',
    emailHint: 'تصدیق کا لنک اور بعد میں آپ کا جواب ہم اسی پتے پر بھیجیں گے۔',
    name: 'نام (اختیاری)',
    details: 'کوئی بھی معلومات جس سے ہمیں آپ کا ڈیٹا تلاش کرنے میں مدد ملے (اختیاری)',
    submit: 'درخواست بھیجیں',
    sent: 'اپنی ای میل دیکھیں',
    sentText: 'ہمیں آپ کی درخواست مل گئی ہے (حوالہ {reference})۔ اپنے پتے کی تصدیق کے لیے ہماری بھیجی گئی ای میل کا لنک کھولیں؛ آپ کی درخواست وہیں سے آگے بڑھے گی۔',
    failed: 'درخواست نہیں بھیجی جا سکی',
    footer: 'آپ کی درخواست اس ادارے کو جاتی ہے جس کا یہ صفحہ ہے۔',
  },
};

export const JURISDICTIONS = {
  EU_GDPR: 'EU GDPR', UK_GDPR: 'UK GDPR', US_CA_CCPA: 'California (CCPA/CPRA)', US_VA_VCDPA: 'Virginia (VCDPA)',
  US_CO_CPA: 'Colorado (CPA)', BR_LGPD: 'Brazil (LGPD)', IN_DPDPA: 'India (DPDP Act)', CA_PIPEDA: 'Canada (PIPEDA)',
};
