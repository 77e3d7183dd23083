-- As Migrations/Sqlite/0010_agency_region.sql: the BPS/Kemendagri code of the region an agency serves, when known.
ALTER TABLE agencies ADD COLUMN region_code TEXT;
