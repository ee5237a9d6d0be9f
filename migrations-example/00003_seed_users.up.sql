-- A golang-migrate style pair: this file is the up part, no annotation needed.
INSERT INTO users (id, email, name) VALUES
    (1, 'ada@example.com', 'Ada Lovelace'),
    (2, 'alan@example.com', 'Alan Turing');
INSERT INTO orders (user_id, total_cents) VALUES (1, 1250), (1, 300), (2, 4999);
