-- Polling shared by several nodes, as Migrations/Sqlite/0003_account_leases.sql: claims with a lease and a fencing
-- token that grows with every claim.
ALTER TABLE accounts ADD COLUMN lease_owner TEXT;
ALTER TABLE accounts ADD COLUMN lease_expires_at BIGINT;
ALTER TABLE accounts ADD COLUMN lease_token BIGINT NOT NULL DEFAULT 0;
