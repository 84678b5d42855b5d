-- The reference host's event store on PostgreSQL. Instants are ISO-8601 UTC text.

CREATE TABLE protocols (
  id TEXT NOT NULL,
  version TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  document BYTEA NOT NULL,
  PRIMARY KEY (id, version)
);

CREATE TABLE clients (
  ref TEXT PRIMARY KEY,
  enrolment BYTEA NOT NULL,
  protocol_id TEXT NOT NULL,
  protocol_version TEXT NOT NULL,
  therapist TEXT,
  revision BIGINT NOT NULL,
  event_count BIGINT NOT NULL,
  last_at TEXT,
  last_id TEXT,
  snapshot BYTEA NOT NULL,
  FOREIGN KEY (protocol_id, protocol_version) REFERENCES protocols (id, version)
);

CREATE INDEX clients_by_therapist ON clients (therapist);

CREATE TABLE events (
  client_ref TEXT NOT NULL REFERENCES clients (ref),
  id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  line TEXT NOT NULL,
  PRIMARY KEY (client_ref, id)
);

CREATE TABLE tokens (
  hash TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('service', 'therapist', 'notifier')),
  therapist TEXT,
  expires_at TEXT,
  created_at TEXT NOT NULL
);
