-- The signed protocol (docs/protocol.md): SmartServer keys registered per customer account,
-- activations bound to a key, terms kept on the license, ended activations (returned with a
-- receipt or force-released), single-use request assertions, and a record of registrations,
-- resets and force releases.

-- A license's terms are fixed at its first activation and never restart (R6, R15).
ALTER TABLE licenses ADD COLUMN first_activated_at timestamptz;
ALTER TABLE licenses ADD COLUMN term_start date;
ALTER TABLE licenses ADD COLUMN term_end date;
ALTER TABLE licenses ADD COLUMN trial_ends_at timestamptz;

-- Licenses bound by the first release keep the terms their binding carries.
UPDATE licenses l
SET first_activated_at = a.activated_at, term_start = a.term_start, term_end = a.term_end,
    trial_ends_at = a.expires_at
FROM activations a
WHERE a.license_id = l.license_id;

-- A license the first release activated and then took back keeps the day of its first
-- activation, and a trial its end (the trial's days from that moment). A returned maintenance
-- license is left unset: the first release did not keep where its term started (an extension
-- starts after the term it extended), so its next activation fixes the term.
UPDATE licenses l
SET first_activated_at = e.first_at,
    trial_ends_at = CASE WHEN l.trial_days IS NOT NULL
      THEN e.first_at + make_interval(days => l.trial_days) END
FROM (
  SELECT license_id, min(at) AS first_at FROM license_events
  WHERE event IN ('activated', 'offline_file') GROUP BY license_id
) e
WHERE e.license_id = l.license_id AND l.first_activated_at IS NULL AND l.kind <> 'maintenance';

-- The activation id is token_id (the token's jti). A binding made with the signed protocol
-- records the SmartServer key it is bound to; the first release's bindings have none.
ALTER TABLE activations ADD COLUMN key_thumbprint text;
ALTER TABLE activations ADD COLUMN public_jwk jsonb;
ALTER TABLE activations ADD CONSTRAINT activations_key_recorded
  CHECK ((key_thumbprint IS NULL) = (public_jwk IS NULL));

-- A SmartServer's key, registered within one customer account when its Owner linked it.
CREATE TABLE smartserver_keys (
  customer_id uuid NOT NULL REFERENCES customers (customer_id),
  smart_server_id text NOT NULL,
  key_thumbprint text NOT NULL,
  public_jwk jsonb NOT NULL,
  install_code text NOT NULL,
  registered_at timestamptz NOT NULL,
  PRIMARY KEY (customer_id, smart_server_id)
);

-- The shared-secret credentials of the first release are gone.
DROP TABLE smartservers;

-- Activations that ended: returned with a receipt signed by the SmartServer's key, or
-- force-released by a partner or support (revoked). Receipts are idempotent by activation id,
-- and the revoked ids of a SmartServer key make its revocation list.
CREATE TABLE ended_activations (
  activation_id uuid PRIMARY KEY,
  license_id uuid NOT NULL REFERENCES licenses (license_id),
  smart_server_id text NOT NULL,
  key_thumbprint text,
  public_jwk jsonb,
  how text NOT NULL CHECK (how IN ('returned', 'revoked')),
  actor text NOT NULL,
  reason text,
  ended_at timestamptz NOT NULL
);
CREATE INDEX ended_activations_by_smartserver ON ended_activations (smart_server_id, how);

-- Request assertions seen: each jti is used once. Rows past their expiry are pruned.
CREATE TABLE seen_assertions (
  jti uuid PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
CREATE INDEX seen_assertions_by_expiry ON seen_assertions (expires_at);

-- Offline files answer an activation request of one SmartServer key.
ALTER TABLE offline_files ADD COLUMN request_id uuid;
ALTER TABLE offline_files ADD COLUMN key_thumbprint text;

-- A force release is a license event too.
ALTER TABLE license_events DROP CONSTRAINT license_events_event_check;
ALTER TABLE license_events ADD CONSTRAINT license_events_event_check
  CHECK (event IN ('created', 'transferred', 'activated', 'returned', 'offline_file', 'force_released'));

-- What happened to the SmartServer registrations of an account, and force releases, with who
-- did it and why: shown to partners and support.
CREATE TABLE account_events (
  id bigserial PRIMARY KEY,
  customer_id uuid NOT NULL REFERENCES customers (customer_id),
  smart_server_id text NOT NULL,
  event text NOT NULL CHECK (event IN ('registered', 'registration_reset', 'force_released')),
  install_code text,
  license_id uuid REFERENCES licenses (license_id),
  activation_id uuid,
  actor text NOT NULL,
  reason text,
  at timestamptz NOT NULL
);
CREATE INDEX account_events_by_customer ON account_events (customer_id, at);
