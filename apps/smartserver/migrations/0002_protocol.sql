-- The license protocol (docs/protocol.md): what a SmartServer must remember forever so that a
-- license it gave up can never count here again, and what it still owes the cloud.

-- Activations (token `jti`) that ended on this SmartServer: returned here, or force-released in
-- the cloud (learnt from a signed revocation list or file). Never deleted: a token with one of
-- these ids is refused (REVOKED), even one found in this database.
CREATE TABLE ended_activations (
  activation_id text PRIMARY KEY,
  license_id uuid,
  reason text NOT NULL CHECK (reason IN ('returned', 'revoked')),
  ended_at timestamptz NOT NULL
);

-- Return receipts signed by this SmartServer's key, queued in the same transaction that ended
-- the activation and dropped its token; delivered to the cloud until it acknowledges them.
CREATE TABLE return_receipts (
  activation_id text PRIMARY KEY REFERENCES ended_activations (activation_id),
  license_id uuid NOT NULL,
  receipt text NOT NULL,
  returned_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  last_attempt_at timestamptz,
  delivered_at timestamptz,
  -- The cloud's answer once acknowledged: 'returned' or 'already-returned'.
  acknowledged text CHECK (acknowledged IN ('returned', 'already-returned'))
);
CREATE INDEX return_receipts_pending ON return_receipts (returned_at) WHERE delivered_at IS NULL;

-- Signed activation files applied here (their `fileId`), kept forever: a second one is FILE_REPLAYED.
CREATE TABLE applied_files (
  file_id uuid PRIMARY KEY,
  request_id uuid,
  applied_at timestamptz NOT NULL
);

-- The activation id (`jti`) of each kept token, so an ended activation drops its token by id.
-- Tokens kept by the first release get theirs filled in from the token at the next start.
ALTER TABLE license_tokens ADD COLUMN activation_id text;
