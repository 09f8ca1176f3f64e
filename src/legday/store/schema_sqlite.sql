-- legday's SQLite schema, made by its migrations
-- revision: 0006
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
CREATE TABLE assessment (
	id INTEGER NOT NULL, 
	athlete_id INTEGER NOT NULL, 
	test_id VARCHAR(50) NOT NULL, 
	taken_on DATE NOT NULL, 
	value FLOAT, 
	unit VARCHAR(20), 
	rating VARCHAR(10), 
	flags JSON NOT NULL, 
	inputs JSON NOT NULL, 
	result JSON NOT NULL, 
	notes TEXT, 
	created_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL, 
	CONSTRAINT pk_assessment PRIMARY KEY (id), 
	CONSTRAINT fk_assessment_athlete_id_athlete FOREIGN KEY(athlete_id) REFERENCES athlete (id) ON DELETE CASCADE
);
CREATE TABLE daily_aggregate (
	athlete_id INTEGER NOT NULL, 
	day DATE NOT NULL, 
	pattern VARCHAR(30) NOT NULL, 
	muscle VARCHAR(40) NOT NULL, 
	hard_sets FLOAT NOT NULL, 
	working_sets INTEGER NOT NULL, 
	tonnage_kg FLOAT NOT NULL, 
	contacts INTEGER NOT NULL, 
	CONSTRAINT pk_daily_aggregate PRIMARY KEY (athlete_id, day, pattern, muscle), 
	CONSTRAINT fk_daily_aggregate_athlete_id_athlete FOREIGN KEY(athlete_id) REFERENCES athlete (id) ON DELETE CASCADE
);
CREATE TABLE daily_load (
	athlete_id INTEGER NOT NULL, 
	day DATE NOT NULL, 
	load FLOAT NOT NULL, 
	minutes FLOAT NOT NULL, 
	sessions INTEGER NOT NULL, 
	lower_sets INTEGER NOT NULL, 
	all_sets INTEGER NOT NULL, 
	CONSTRAINT pk_daily_load PRIMARY KEY (athlete_id, day), 
	CONSTRAINT fk_daily_load_athlete_id_athlete FOREIGN KEY(athlete_id) REFERENCES athlete (id) ON DELETE CASCADE
);
CREATE TABLE exercise_mapping (
	id INTEGER NOT NULL, 
	athlete_id INTEGER NOT NULL, 
	raw_key VARCHAR(300) NOT NULL, 
	raw_name VARCHAR(300) NOT NULL, 
	exercise_id VARCHAR(100) NOT NULL, 
	created_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL, 
	CONSTRAINT pk_exercise_mapping PRIMARY KEY (id), 
	CONSTRAINT fk_exercise_mapping_athlete_id_athlete FOREIGN KEY(athlete_id) REFERENCES athlete (id) ON DELETE CASCADE, 
	CONSTRAINT uq_mapping_raw UNIQUE (athlete_id, raw_key)
);
CREATE TABLE "plan" (
	id INTEGER NOT NULL, 
	athlete_id INTEGER NOT NULL, 
	is_current BOOLEAN NOT NULL, 
	family VARCHAR(50), 
	start_date DATE, 
	weeks INTEGER, 
	seed INTEGER, 
	inputs JSON NOT NULL, 
	body JSON NOT NULL, 
	created_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL, 
	CONSTRAINT pk_plan PRIMARY KEY (id), 
	CONSTRAINT fk_plan_athlete_id_athlete FOREIGN KEY(athlete_id) REFERENCES athlete (id) ON DELETE CASCADE
);
CREATE TABLE set_entry (
	id INTEGER NOT NULL, 
	session_id INTEGER NOT NULL, 
	athlete_id INTEGER NOT NULL, 
	seq INTEGER NOT NULL, 
	exercise_id VARCHAR(100), 
	exercise_raw VARCHAR(300) NOT NULL, 
	exercise_occurrence INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	set_type VARCHAR(10) NOT NULL, 
	load_kg FLOAT, 
	load_basis VARCHAR(12) NOT NULL, 
	reps INTEGER, 
	rpe FLOAT, 
	rir FLOAT, 
	side VARCHAR(5) NOT NULL, 
	duration_s FLOAT, 
	distance_m FLOAT, 
	contacts INTEGER, 
	notes TEXT, 
	source_row TEXT, 
	source_line INTEGER, 
	dedupe_key VARCHAR(400), 
	CONSTRAINT pk_set_entry PRIMARY KEY (id), 
	CONSTRAINT fk_set_entry_athlete_id_athlete FOREIGN KEY(athlete_id) REFERENCES athlete (id) ON DELETE CASCADE, 
	CONSTRAINT fk_set_entry_session_id_training_session FOREIGN KEY(session_id) REFERENCES training_session (id) ON DELETE CASCADE, 
	CONSTRAINT uq_set_dedupe UNIQUE (athlete_id, dedupe_key)
);
CREATE TABLE "training_session" (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	athlete_id INTEGER NOT NULL, 
	started_at DATETIME NOT NULL, 
	timezone VARCHAR(64), 
	duration_s INTEGER, 
	session_rpe FLOAT, 
	name VARCHAR(300), 
	notes TEXT, 
	source VARCHAR(20) NOT NULL, 
	source_key VARCHAR(300), 
	status VARCHAR(10) NOT NULL, 
	plan_ref JSON, 
	warnings JSON NOT NULL, 
	created_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL, 
	CONSTRAINT uq_session_source_key UNIQUE (athlete_id, source, source_key), 
	CONSTRAINT fk_training_session_athlete_id_athlete FOREIGN KEY(athlete_id) REFERENCES athlete (id) ON DELETE CASCADE
);
CREATE TABLE app_user (
	id INTEGER NOT NULL, 
	email VARCHAR(320), 
	display_name VARCHAR(200) NOT NULL, 
	kind VARCHAR(10) NOT NULL, 
	is_admin BOOLEAN NOT NULL, 
	password_hash VARCHAR(300), 
	created_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL, 
	CONSTRAINT pk_app_user PRIMARY KEY (id), 
	CONSTRAINT ck_app_user_kind CHECK (kind IN ('local', 'person')), 
	CONSTRAINT uq_app_user_email UNIQUE (email)
);
CREATE TABLE "athlete" (
	id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	birth_date DATE, 
	age_years INTEGER, 
	sex VARCHAR(10), 
	body_mass_kg FLOAT, 
	height_cm FLOAT, 
	level VARCHAR(20) NOT NULL, 
	unit VARCHAR(2) NOT NULL, 
	limitations JSON NOT NULL, 
	profile JSON NOT NULL, 
	created_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL, 
	updated_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL, 
	owner_id INTEGER NOT NULL, 
	CONSTRAINT pk_athlete PRIMARY KEY (id), 
	CONSTRAINT fk_athlete_owner_id_app_user FOREIGN KEY(owner_id) REFERENCES app_user (id) ON DELETE CASCADE, 
	CONSTRAINT ck_athlete_unit CHECK (unit IN ('kg', 'lb')), 
	CONSTRAINT ck_athlete_sex CHECK (sex IS NULL OR sex IN ('female', 'male')), 
	CONSTRAINT ck_athlete_level CHECK (level IN ('beginner', 'intermediate', 'advanced'))
);
CREATE TABLE care_link_scope (
	care_link_id INTEGER NOT NULL, 
	scope VARCHAR(30) NOT NULL, 
	CONSTRAINT pk_care_link_scope PRIMARY KEY (care_link_id, scope), 
	CONSTRAINT ck_care_link_scope_scope CHECK (scope IN ('view_training', 'view_assessments', 'view_health', 'write_plan', 'comment', 'log_for_athlete')), 
	CONSTRAINT fk_care_link_scope_care_link_id_care_link FOREIGN KEY(care_link_id) REFERENCES care_link (id) ON DELETE CASCADE
);
CREATE TABLE web_session (
	id INTEGER NOT NULL, 
	token_hash VARCHAR(64) NOT NULL, 
	user_id INTEGER NOT NULL, 
	csrf_token VARCHAR(64) NOT NULL, 
	created_at DATETIME NOT NULL, 
	last_seen_at DATETIME NOT NULL, 
	expires_at DATETIME NOT NULL, 
	revoked_at DATETIME, 
	user_agent VARCHAR(300), 
	CONSTRAINT pk_web_session PRIMARY KEY (id), 
	CONSTRAINT fk_web_session_user_id_app_user FOREIGN KEY(user_id) REFERENCES app_user (id) ON DELETE CASCADE, 
	CONSTRAINT uq_web_session_token_hash UNIQUE (token_hash)
);
CREATE TABLE api_token (
	id INTEGER NOT NULL, 
	token_hash VARCHAR(64) NOT NULL, 
	user_id INTEGER NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	scopes JSON, 
	created_at DATETIME NOT NULL, 
	expires_at DATETIME NOT NULL, 
	last_used_at DATETIME, 
	revoked_at DATETIME, 
	CONSTRAINT pk_api_token PRIMARY KEY (id), 
	CONSTRAINT fk_api_token_user_id_app_user FOREIGN KEY(user_id) REFERENCES app_user (id) ON DELETE CASCADE, 
	CONSTRAINT uq_api_token_token_hash UNIQUE (token_hash)
);
CREATE TABLE login_attempt (
	id INTEGER NOT NULL, 
	email VARCHAR(320) NOT NULL, 
	ip VARCHAR(64) NOT NULL, 
	at DATETIME NOT NULL, 
	CONSTRAINT pk_login_attempt PRIMARY KEY (id)
);
CREATE TABLE password_reset (
	id INTEGER NOT NULL, 
	token_hash VARCHAR(64) NOT NULL, 
	user_id INTEGER NOT NULL, 
	created_at DATETIME NOT NULL, 
	expires_at DATETIME NOT NULL, 
	used_at DATETIME, 
	CONSTRAINT pk_password_reset PRIMARY KEY (id), 
	CONSTRAINT fk_password_reset_user_id_app_user FOREIGN KEY(user_id) REFERENCES app_user (id) ON DELETE CASCADE, 
	CONSTRAINT uq_password_reset_token_hash UNIQUE (token_hash)
);
CREATE TABLE care_link_code (
	id INTEGER NOT NULL, 
	code_hash VARCHAR(64) NOT NULL, 
	member_id INTEGER NOT NULL, 
	role VARCHAR(10) NOT NULL, 
	created_at DATETIME NOT NULL, 
	expires_at DATETIME NOT NULL, 
	used_at DATETIME, 
	CONSTRAINT pk_care_link_code PRIMARY KEY (id), 
	CONSTRAINT fk_care_link_code_member_id_app_user FOREIGN KEY(member_id) REFERENCES app_user (id) ON DELETE CASCADE, 
	CONSTRAINT uq_care_link_code_code_hash UNIQUE (code_hash)
);
CREATE TABLE access_log (
	id INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	actor_id INTEGER, 
	subject_user_id INTEGER, 
	athlete_id INTEGER, 
	action VARCHAR(40) NOT NULL, 
	outcome VARCHAR(10) NOT NULL, 
	target VARCHAR(300), 
	ip VARCHAR(64), 
	CONSTRAINT pk_access_log PRIMARY KEY (id)
);
CREATE TABLE consent_record (
	id INTEGER NOT NULL, 
	athlete_id INTEGER NOT NULL, 
	care_link_id INTEGER NOT NULL, 
	recorded_by_id INTEGER NOT NULL, 
	given_on DATE NOT NULL, 
	purpose TEXT NOT NULL, 
	witness VARCHAR(200) NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_consent_record PRIMARY KEY (id)
);
CREATE TABLE claim_code (
	id INTEGER NOT NULL, 
	code_hash VARCHAR(64) NOT NULL, 
	athlete_id INTEGER NOT NULL, 
	created_by_id INTEGER NOT NULL, 
	created_at DATETIME NOT NULL, 
	expires_at DATETIME NOT NULL, 
	used_at DATETIME, 
	CONSTRAINT pk_claim_code PRIMARY KEY (id), 
	CONSTRAINT fk_claim_code_athlete_id_athlete FOREIGN KEY(athlete_id) REFERENCES athlete (id) ON DELETE CASCADE, 
	CONSTRAINT uq_claim_code_code_hash UNIQUE (code_hash)
);
CREATE TABLE session_comment (
	id INTEGER NOT NULL, 
	session_id INTEGER NOT NULL, 
	athlete_id INTEGER NOT NULL, 
	author_id INTEGER, 
	author_name VARCHAR(200) NOT NULL, 
	body TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_session_comment PRIMARY KEY (id), 
	CONSTRAINT fk_session_comment_session_id_training_session FOREIGN KEY(session_id) REFERENCES training_session (id) ON DELETE CASCADE, 
	CONSTRAINT fk_session_comment_athlete_id_athlete FOREIGN KEY(athlete_id) REFERENCES athlete (id) ON DELETE CASCADE, 
	CONSTRAINT fk_session_comment_author_id_app_user FOREIGN KEY(author_id) REFERENCES app_user (id) ON DELETE SET NULL
);
CREATE TABLE home_session (
	id INTEGER NOT NULL, 
	athlete_id INTEGER NOT NULL, 
	done_on DATE NOT NULL, 
	adherence VARCHAR(10) NOT NULL, 
	pain_during INTEGER, 
	settled_by_morning BOOLEAN, 
	notes TEXT, 
	recorded_by_id INTEGER, 
	recorded_at DATETIME NOT NULL, 
	CONSTRAINT pk_home_session PRIMARY KEY (id), 
	CONSTRAINT fk_home_session_athlete_id_athlete FOREIGN KEY(athlete_id) REFERENCES athlete (id) ON DELETE CASCADE, 
	CONSTRAINT uq_home_session_day UNIQUE (athlete_id, done_on)
);
CREATE TABLE calendar_feed (
	id INTEGER NOT NULL, 
	token_hash VARCHAR(64) NOT NULL, 
	user_id INTEGER NOT NULL, 
	athlete_id INTEGER NOT NULL, 
	created_at DATETIME NOT NULL, 
	last_used_at DATETIME, 
	revoked_at DATETIME, 
	CONSTRAINT pk_calendar_feed PRIMARY KEY (id), 
	CONSTRAINT fk_calendar_feed_user_id_app_user FOREIGN KEY(user_id) REFERENCES app_user (id) ON DELETE CASCADE, 
	CONSTRAINT fk_calendar_feed_athlete_id_athlete FOREIGN KEY(athlete_id) REFERENCES athlete (id) ON DELETE CASCADE, 
	CONSTRAINT uq_calendar_feed_token_hash UNIQUE (token_hash)
);
CREATE TABLE job (
	id INTEGER NOT NULL, 
	owner_id INTEGER NOT NULL, 
	scopes JSON, 
	kind VARCHAR(40) NOT NULL, 
	params JSON NOT NULL, 
	payload BLOB, 
	status VARCHAR(20) NOT NULL, 
	attempts INTEGER NOT NULL, 
	progress_done INTEGER NOT NULL, 
	progress_total INTEGER NOT NULL, 
	progress_text VARCHAR(200), 
	worker VARCHAR(100), 
	heartbeat_at DATETIME, 
	created_at DATETIME NOT NULL, 
	started_at DATETIME, 
	finished_at DATETIME, 
	result JSON, 
	result_data BLOB, 
	result_type VARCHAR(100), 
	result_name VARCHAR(200), 
	error TEXT, 
	CONSTRAINT pk_job PRIMARY KEY (id), 
	CONSTRAINT fk_job_owner_id_app_user FOREIGN KEY(owner_id) REFERENCES app_user (id) ON DELETE CASCADE
);
CREATE TABLE "care_link" (
	id INTEGER NOT NULL, 
	athlete_id INTEGER, 
	member_id INTEGER NOT NULL, 
	role VARCHAR(10) NOT NULL, 
	status VARCHAR(10) NOT NULL, 
	created_by_id INTEGER, 
	created_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL, 
	decided_at DATETIME, 
	invited_email VARCHAR(320), 
	CONSTRAINT pk_care_link PRIMARY KEY (id), 
	CONSTRAINT ck_care_link_role CHECK (role IN ('coach', 'physio')), 
	CONSTRAINT ck_care_link_status CHECK (status IN ('invited', 'accepted', 'declined', 'revoked', 'expired')), 
	CONSTRAINT fk_care_link_athlete_id_athlete FOREIGN KEY(athlete_id) REFERENCES athlete (id) ON DELETE CASCADE, 
	CONSTRAINT fk_care_link_created_by_id_app_user FOREIGN KEY(created_by_id) REFERENCES app_user (id) ON DELETE SET NULL, 
	CONSTRAINT fk_care_link_member_id_app_user FOREIGN KEY(member_id) REFERENCES app_user (id) ON DELETE CASCADE
);
INSERT INTO "alembic_version" ("version_num") VALUES ('0006');
INSERT INTO "app_user" ("id", "email", "display_name", "kind", "is_admin", "password_hash") VALUES (1, NULL, 'local user', 'local', 0, NULL);
INSERT INTO sqlite_sequence (name, seq) VALUES ('training_session', 0);
CREATE INDEX ix_assessment_athlete_test ON assessment (athlete_id, test_id, taken_on);
CREATE INDEX ix_plan_athlete_current ON "plan" (athlete_id, is_current);
CREATE INDEX ix_set_athlete_exercise ON set_entry (athlete_id, exercise_id);
CREATE INDEX ix_set_session ON set_entry (session_id);
CREATE INDEX ix_session_athlete_start ON training_session (athlete_id, started_at);
CREATE UNIQUE INDEX uq_app_user_local ON app_user (kind) WHERE kind = 'local';
CREATE INDEX ix_athlete_owner ON athlete (owner_id);
CREATE UNIQUE INDEX uq_athlete_owner_name ON athlete (owner_id, lower(name));
CREATE INDEX ix_web_session_user ON web_session (user_id);
CREATE INDEX ix_api_token_user ON api_token (user_id);
CREATE INDEX ix_login_attempt_email_at ON login_attempt (email, at);
CREATE INDEX ix_login_attempt_ip_at ON login_attempt (ip, at);
CREATE INDEX ix_access_log_athlete_id ON access_log (athlete_id, id);
CREATE INDEX ix_access_log_subject_id ON access_log (subject_user_id, id);
CREATE INDEX ix_consent_record_athlete ON consent_record (athlete_id);
CREATE INDEX ix_session_comment_session ON session_comment (session_id, id);
CREATE INDEX ix_calendar_feed_user ON calendar_feed (user_id);
CREATE INDEX ix_job_status_id ON job (status, id);
CREATE INDEX ix_job_owner ON job (owner_id);
CREATE INDEX ix_care_link_member_status ON care_link (member_id, status);
CREATE INDEX ix_care_link_athlete ON care_link (athlete_id);
CREATE INDEX ix_care_link_invited_email ON care_link (invited_email);
