// The languages the privacy center speaks: the 20 notice languages (app.notice_language), each with its catalogue
// in i18n/<code>.js. Right-to-left scripts set dir="rtl" on the page.

export const RTL = new Set(['ur', 'ar', 'fa', 'he']);

export const LANGUAGES = {
  en: 'English', hi: 'हिन्दी', bn: 'বাংলা', mr: 'मराठी', te: 'తెలుగు', ta: 'தமிழ்', gu: 'ગુજરાતી', kn: 'ಕನ್ನಡ',
  ml: 'മലയാളം', ur: 'اردو', or: 'ଓଡ଼ିଆ', pa: 'ਪੰਜਾਬੀ', as: 'অসমীয়া', de: 'Deutsch', fr: 'Français', es: 'Español',
  it: 'Italiano', pt: 'Português', nl: 'Nederlands', pl: 'Polski',
};

export const JURISDICTIONS = {
  EU_GDPR: 'EU GDPR', UK_GDPR: 'UK GDPR', US_CA_CCPA: 'California (CCPA/CPRA)', US_VA_VCDPA: 'Virginia (VCDPA)',
  US_CO_CPA: 'Colorado (CPA)', BR_LGPD: 'Brazil (LGPD)', IN_DPDPA: 'India (DPDP Act)', CA_PIPEDA: 'Canada (PIPEDA)',
};
