-- What a DPO signed off stays as it was signed: the risks the assessment had found, with their ratings then, and the
-- prior-consultation finding (Art. 36(1)) at that moment, whatever the risk register says later.
alter table app.dpia add column sign_off text check (sign_off is null or jsonb_typeof(sign_off::jsonb) = 'object');
