-- +goose Up
# mysqldump-style input: don't split inside these
CREATE TABLE `odd;name` (
  `id` int NOT NULL
) /*!40101 ENGINE=InnoDB */;
INSERT INTO `odd;name` VALUES (1),(2);
INSERT INTO quotes VALUES ('it\'s'),('C:\\');
INSERT INTO quotes VALUES ('two;
lines');
/*!40101 SET NAMES utf8mb4 */;
-- +goose Down
DROP TABLE `odd;name`;
