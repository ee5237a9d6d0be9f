DELETE FROM orders WHERE user_id IN (1, 2);
DELETE FROM users WHERE id IN (1, 2);
