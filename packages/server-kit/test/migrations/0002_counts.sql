CREATE TABLE counts (
  name text PRIMARY KEY,
  n integer NOT NULL
);
INSERT INTO counts (name, n) VALUES ('seed', 1);
