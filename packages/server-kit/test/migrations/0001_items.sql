-- A small schema for the kit's own tests.
CREATE TABLE items (
  id uuid PRIMARY KEY,
  name text NOT NULL UNIQUE,
  tags text[] NOT NULL DEFAULT '{}'
);
