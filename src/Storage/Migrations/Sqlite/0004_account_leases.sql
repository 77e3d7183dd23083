-- Polling shared by several nodes: a node claims the due accounts it polls with a lease. lease_token grows with
-- every claim and fences the results: a node whose lease expired and was claimed again cannot record its poll (so
-- cannot move the cursor back). lease_owner names the node, for people reading the table.
ALTER TABLE accounts ADD COLUMN lease_owner TEXT;
ALTER TABLE accounts ADD COLUMN lease_expires_at INTEGER;
ALTER TABLE accounts ADD COLUMN lease_token INTEGER NOT NULL DEFAULT 0;
