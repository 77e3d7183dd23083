-- Facebook, Instagram, TikTok and Threads became platforms of their own. Their posts were stored as 'jsonl' with the
-- export's platform as a prefix of the post id, so one handle on two of them was one account. Posts (and their
-- flags) move to their platform with the prefix dropped; a 'jsonl' account moves when all its posts come from one
-- such platform. An account with posts from several stays 'jsonl' for an admin to split.
UPDATE accounts SET platform = (
        SELECT substr(p.platform_post_id, 1, instr(p.platform_post_id, ':') - 1) FROM posts p WHERE p.account_id = accounts.id LIMIT 1)
WHERE platform = 'jsonl'
  AND (SELECT COUNT(DISTINCT substr(p.platform_post_id, 1, instr(p.platform_post_id, ':') - 1)) FROM posts p WHERE p.account_id = accounts.id) = 1
  AND (SELECT substr(p.platform_post_id, 1, instr(p.platform_post_id, ':') - 1) FROM posts p WHERE p.account_id = accounts.id LIMIT 1)
      IN ('facebook', 'instagram', 'tiktok', 'threads');

UPDATE posts SET platform = substr(platform_post_id, 1, instr(platform_post_id, ':') - 1),
                 platform_post_id = substr(platform_post_id, instr(platform_post_id, ':') + 1)
WHERE platform = 'jsonl' AND substr(platform_post_id, 1, instr(platform_post_id, ':') - 1) IN ('facebook', 'instagram', 'tiktok', 'threads');

UPDATE flags SET platform = (SELECT p.platform FROM posts p WHERE p.id = flags.post_id) WHERE platform = 'jsonl';
