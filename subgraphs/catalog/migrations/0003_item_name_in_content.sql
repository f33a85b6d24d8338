-- An item's name is a common element and lives in its versions (ItemContent.name); the column
-- from 0001 would go stale at the first renaming, so it goes.
ALTER TABLE service_item DROP COLUMN name;
