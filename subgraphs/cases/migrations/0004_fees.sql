-- 收费金额 (fee compliance, seed 001 §5(5)): what was charged with a case action, in yuan. The
-- process record's JSON carries it too (records travel whole); the column is what a query sums or
-- filters on, and what the database itself keeps sane. Adding a column fires no row trigger, so
-- the append-only trigger of case_record is untouched: existing records simply have no fee (NULL).
ALTER TABLE case_record ADD COLUMN fee_yuan numeric(11, 2) CHECK (fee_yuan >= 0);
