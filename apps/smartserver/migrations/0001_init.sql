-- A SmartServer's own data: who it is, its devices and CMS users, and the license tokens
-- it accepted (R19-R21), with what it must remember between runs.

-- Small named values: identity, customer account, clock high-water mark, last offline
-- file, reminder settings, the issuer's key set.
CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);

-- Every device defined here; the SmartServer itself is one of them (R9).
CREATE TABLE devices (
  id text PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL,
  protocol text NOT NULL,
  is_smartserver boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX devices_one_smartserver ON devices (is_smartserver) WHERE is_smartserver;

-- R12: which devices hold a licence, kept so a licensed device keeps it when others are added.
CREATE TABLE licensed_devices (
  device_id text PRIMARY KEY REFERENCES devices (id) ON DELETE CASCADE
);

-- CMS users and their user types (R22).
CREATE TABLE users (
  username text PRIMARY KEY,
  user_type text NOT NULL CHECK (user_type IN ('Owner', 'Admin', 'Supervisor', 'User')),
  password_hash text NOT NULL
);

-- License tokens this SmartServer accepted, one per License ID; the note is the owner's (R23).
CREATE TABLE license_tokens (
  license_id uuid PRIMARY KEY,
  token text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('online', 'offline')),
  accepted_at timestamptz NOT NULL,
  note text
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  principal_kind text NOT NULL,
  principal_id text NOT NULL,
  csrf_token text NOT NULL,
  expires_at timestamptz NOT NULL
);
