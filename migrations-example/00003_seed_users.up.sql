-- A golang-migrate style pair: this file is the up part, no annotation needed.
-- Explicit ids: how a key is generated differs between engines.
INSERT INTO users (id, email, name) VALUES
    (1, 'ada@example.com', 'Ada Lovelace'),
    (2, 'alan@example.com', 'Alan Turing');
INSERT INTO orders (id, user_id, total_cents) VALUES (1, 1, 1250), (2, 1, 300), (3, 2, 4999);
