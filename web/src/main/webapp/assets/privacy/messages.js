// The privacy center's words, per language (BCP 47 primary tag). A language without its own catalogue shows the
// English words (the request still carries the visitor's language, which mail to them uses where it can).
// Right-to-left scripts set dir="rtl" on the page.

export const RTL = new Set(['ur', 'ar', 'fa', 'he']);

export const LANGUAGES = { en: 'English', hi: 'हिन्दी' };

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
};

export const JURISDICTIONS = {
  EU_GDPR: 'EU GDPR', UK_GDPR: 'UK GDPR', US_CA_CCPA: 'California (CCPA/CPRA)', US_VA_VCDPA: 'Virginia (VCDPA)',
  US_CO_CPA: 'Colorado (CPA)', BR_LGPD: 'Brazil (LGPD)', IN_DPDPA: 'India (DPDP Act)', CA_PIPEDA: 'Canada (PIPEDA)',
};
