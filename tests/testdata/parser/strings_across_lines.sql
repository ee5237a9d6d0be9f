-- +goose Up
INSERT INTO docs (body) VALUES ('first line;
-- not a comment, still the string;
last line');
SELECT 1 /* a comment;
spanning lines; */;
CREATE TABLE "weird;
name" (id int); -- trailing comment
-- +goose NO TRANSACTION
