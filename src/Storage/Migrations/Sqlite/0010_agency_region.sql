-- An agency may name the region it serves by its BPS/Kemendagri code ("32", "32.73"): its staff's posts are read
-- against that region's contests (data/contests). Null when unknown.
ALTER TABLE agencies ADD COLUMN region_code TEXT;
