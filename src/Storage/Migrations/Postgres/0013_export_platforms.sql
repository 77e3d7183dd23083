-- As Migrations/Sqlite/0013_export_platforms.sql: Facebook, Instagram, TikTok and Threads posts (and their flags)
-- leave the 'jsonl' platform with their id prefix dropped; a 'jsonl' account whose posts all come from one of them moves too.
UPDATE accounts a SET platform = source.platform
FROM (SELECT account_id, MIN(split_part(platform_post_id, ':', 1)) AS platform
      FROM posts WHERE platform = 'jsonl'
      GROUP BY account_id HAVING COUNT(DISTINCT split_part(platform_post_id, ':', 1)) = 1) source
WHERE a.id = source.account_id AND a.platform = 'jsonl' AND source.platform IN ('facebook', 'instagram', 'tiktok', 'threads');

UPDATE posts SET platform = split_part(platform_post_id, ':', 1),
                 platform_post_id = substr(platform_post_id, position(':' in platform_post_id) + 1)
WHERE platform = 'jsonl' AND split_part(platform_post_id, ':', 1) IN ('facebook', 'instagram', 'tiktok', 'threads');

UPDATE flags f SET platform = p.platform FROM posts p WHERE p.id = f.post_id AND f.platform = 'jsonl';
