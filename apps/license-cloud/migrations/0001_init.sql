-- The license cloud's data: who may log in, partners' customers, licenses and their
-- transfers (R24, R25), which SmartServer holds which license (R19), offline files
-- (R20, R21) and maintenance mail marks (R18).

-- Partners and the support team log into the portals with an email and a password.
CREATE TABLE accounts (
  id uuid PRIMARY KEY,
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('partner', 'support')),
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A customer licensing account (R24: a partner's "customer/project"); customer_id is the Customer ID.
CREATE TABLE customers (
  customer_id uuid PRIMARY KEY,
  partner_id uuid NOT NULL REFERENCES accounts (id),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (partner_id, name)
);

-- Email contacts a partner added: they may log into the Customer Portal (R20).
CREATE TABLE customer_emails (
  customer_id uuid NOT NULL REFERENCES customers (customer_id),
  email text NOT NULL CHECK (email = lower(email)),
  PRIMARY KEY (customer_id, email)
);
CREATE INDEX customer_emails_by_email ON customer_emails (email);

-- Every License ID ever created. A transfer creates a new row and marks the old one
-- superseded; the old row stays for tracking (R25).
CREATE TABLE licenses (
  license_id uuid PRIMARY KEY,
  model text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('capacity', 'maintenance', 'core')),
  capacity integer NOT NULL CHECK (capacity >= 0),
  term_years integer CHECK (term_years IN (1, 3)),
  trial_days integer CHECK (trial_days > 0),
  partner_id uuid NOT NULL REFERENCES accounts (id),
  customer_id uuid REFERENCES customers (customer_id),
  supersedes uuid UNIQUE REFERENCES licenses (license_id),
  superseded_by uuid UNIQUE REFERENCES licenses (license_id),
  note text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (superseded_by IS NULL OR superseded_by <> license_id)
);
CREATE INDEX licenses_by_partner ON licenses (partner_id);
CREATE INDEX licenses_by_customer ON licenses (customer_id);

-- SmartServers that talked to the cloud: the secret (an install code) is checked on
-- every request after the first, so one SmartServer cannot act for another.
CREATE TABLE smartservers (
  smart_server_id text PRIMARY KEY,
  secret_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The current binding of a license to a SmartServer. The primary key makes binding
-- atomic: of many concurrent downloads of one license, exactly one insert wins.
CREATE TABLE activations (
  license_id uuid PRIMARY KEY REFERENCES licenses (license_id),
  smart_server_id text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('online', 'offline')),
  token_id uuid NOT NULL UNIQUE,
  activated_at timestamptz NOT NULL,
  term_start date,
  term_end date,
  expires_at timestamptz
);
CREATE INDEX activations_by_smartserver ON activations (smart_server_id);

-- What happened to each license, for tracking: downloads, returns, offline files.
CREATE TABLE license_events (
  id bigserial PRIMARY KEY,
  license_id uuid NOT NULL REFERENCES licenses (license_id),
  event text NOT NULL CHECK (event IN ('created', 'transferred', 'activated', 'returned', 'offline_file')),
  smart_server_id text,
  actor text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX license_events_by_license ON license_events (license_id);

-- Offline activation files handed out (R20, R21).
CREATE TABLE offline_files (
  file_id uuid PRIMARY KEY,
  smart_server_id text NOT NULL,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL
);

-- The owner's reminder choice per SmartServer (R18), uploaded from its Manage Licenses dialog.
CREATE TABLE notification_settings (
  smart_server_id text PRIMARY KEY,
  days_before_expiry integer[] NOT NULL,
  recipients text[] NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per reminder or renewal notice, keyed as policy's dueNotifications names it. The
-- row is claimed before the mail goes out, so a restart never sends a mail twice (R18).
CREATE TABLE notification_marks (
  smart_server_id text NOT NULL,
  key text NOT NULL,
  state text NOT NULL CHECK (state IN ('sending', 'sent')),
  claimed_at timestamptz NOT NULL,
  PRIMARY KEY (smart_server_id, key)
);

-- Portal sessions: only a hash of the cookie value is stored.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  principal_kind text NOT NULL CHECK (principal_kind IN ('account', 'customer')),
  principal_id text NOT NULL,
  csrf_token text NOT NULL,
  expires_at timestamptz NOT NULL
);

-- One-time login links mailed to a customer's contact address (R20: email login).
CREATE TABLE login_links (
  token_hash text PRIMARY KEY,
  customer_id uuid NOT NULL REFERENCES customers (customer_id),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
