-- The console's ASP.NET Core data-protection key ring (IDataProtectionKeyStore): one row per key element.
CREATE TABLE data_protection_keys (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    xml        TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
