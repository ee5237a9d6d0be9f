DELETE FROM orders WHERE id IN (1, 2, 3);
DELETE FROM users WHERE id IN (1, 2);
