-- +goose Up
CREATE TRIGGER items_touch BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION touch();

-- +goose Down
DROP TRIGGER items_touch ON items;
