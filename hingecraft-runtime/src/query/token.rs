//! The signed scope token a [`Scoped`](super::Scoped) handle sets.
//!
//! `v1:<key id>:<workspace>:<user>:<claims>:<expiry>:<signature>`: uuids
//! (or empty), a comma-separated list of claims, Unix seconds, and the
//! lowercase hex HMAC-SHA-256 of everything before the signature under the
//! key's secret. The database verifies it against its copy of the key
//! (hardening's `verified_scope()`); the format is that function's.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hingecraft_model::SessionSettings;
use hmac::{Hmac, Mac};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};
use sha2::Sha256;
use uuid::Uuid;

/// How long a token is valid by default: longer than any transaction a
/// service should keep open, short enough that a leaked token soon dies.
pub const DEFAULT_TOKEN_TTL: Duration = Duration::from_secs(300);

/// Whom a [`Scoped`](super::Scoped) handle acts for: the claims of the signed token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    /// The workspace whose rows are visible.
    pub workspace_id: Uuid,
    /// The user acting, for owner policies.
    pub user_id: Option<Uuid>,
    /// Whether the user administers the workspace (its owner-bound rows).
    pub workspace_admin: bool,
    /// Whether the session administers the platform (global tables, the
    /// refresh of aggregates): a different claim from a workspace's admin.
    pub platform_admin: bool,
}

impl Scope {
    /// A scope for a workspace, with no user and no claim.
    pub fn workspace(workspace_id: Uuid) -> Self {
        Self {
            workspace_id,
            user_id: None,
            workspace_admin: false,
            platform_admin: false,
        }
    }

    /// The same scope, acting as `user_id`.
    #[must_use]
    pub fn user(mut self, user_id: Uuid) -> Self {
        self.user_id = Some(user_id);
        self
    }

    /// The same scope, administering its workspace.
    #[must_use]
    pub fn workspace_admin(mut self) -> Self {
        self.workspace_admin = true;
        self
    }

    /// The same scope, administering the platform.
    #[must_use]
    pub fn platform_admin(mut self) -> Self {
        self.platform_admin = true;
        self
    }
}

/// A signing key the service holds: its id (the database looks the secret
/// up by it, so keys can be rotated) and its secret.
///
/// `Debug` never prints the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct ScopeKey {
    id: String,
    secret: Vec<u8>,
    ttl: Duration,
}

impl std::fmt::Debug for ScopeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScopeKey")
            .field("id", &self.id)
            .field("secret", &"<redacted>")
            .field("ttl", &self.ttl)
            .finish()
    }
}

/// A key id or secret that cannot sign.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum ScopeKeyError {
    /// The key id is empty or holds a `:`.
    #[error("scope key id `{0}` must be non-empty and hold no `:`")]
    BadId(String),
    /// The secret is shorter than 32 bytes.
    #[error("scope key `{id}`: the secret has {len} bytes, at least 32 are needed")]
    ShortSecret {
        /// The key id.
        id: String,
        /// The secret's length.
        len: usize,
    },
    /// An environment variable is missing or not hex.
    #[error("scope key from the environment: {0}")]
    Env(String),
}

impl ScopeKey {
    /// A key of this id and secret (at least 32 bytes).
    ///
    /// # Errors
    /// [`ScopeKeyError`] for an empty id, an id holding `:`, or a short secret.
    pub fn new(id: impl Into<String>, secret: impl Into<Vec<u8>>) -> Result<Self, ScopeKeyError> {
        let id = id.into();
        let secret = secret.into();
        if id.is_empty() || id.contains(':') {
            return Err(ScopeKeyError::BadId(id));
        }
        if secret.len() < 32 {
            return Err(ScopeKeyError::ShortSecret {
                id,
                len: secret.len(),
            });
        }
        Ok(Self {
            id,
            secret,
            ttl: DEFAULT_TOKEN_TTL,
        })
    }

    /// The key of the service's configuration: `HINGECRAFT_SCOPE_KEY_ID`
    /// and `HINGECRAFT_SCOPE_KEY` (the secret, in hex).
    ///
    /// # Errors
    /// [`ScopeKeyError::Env`] when a variable is missing or not hex, else
    /// as [`new`](Self::new).
    pub fn from_env() -> Result<Self, ScopeKeyError> {
        let var = |name: &str| {
            std::env::var(name).map_err(|_| ScopeKeyError::Env(format!("`{name}` is not set")))
        };
        let id = var("HINGECRAFT_SCOPE_KEY_ID")?;
        let secret = hex::decode(var("HINGECRAFT_SCOPE_KEY")?.trim())
            .map_err(|e| ScopeKeyError::Env(format!("`HINGECRAFT_SCOPE_KEY` is not hex: {e}")))?;
        Self::new(id, secret)
    }

    /// The same key, signing tokens valid for `ttl`.
    #[must_use]
    pub fn ttl(mut self, ttl: Duration) -> Self {
        self.ttl = ttl;
        self
    }

    /// The key id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The token for `scope`, valid from now for the key's time to live.
    pub fn sign(&self, scope: &Scope) -> String {
        let expiry = SystemTime::now()
            .checked_add(self.ttl)
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_secs());
        self.sign_until(scope, expiry)
    }

    /// The token for `scope`, valid until `expiry` (Unix seconds).
    pub fn sign_until(&self, scope: &Scope, expiry: u64) -> String {
        let mut claims = Vec::new();
        if scope.workspace_admin {
            claims.push("workspace_admin");
        }
        if scope.platform_admin {
            claims.push("platform_admin");
        }
        let body = format!(
            "v1:{}:{}:{}:{}:{expiry}",
            self.id,
            scope.workspace_id,
            scope.user_id.map(|u| u.to_string()).unwrap_or_default(),
            claims.join(","),
        );
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.secret).expect("HMAC takes a key of any length");
        mac.update(body.as_bytes());
        format!("{body}:{}", hex::encode(mac.finalize().into_bytes()))
    }
}

/// Stores `key` in the database's key table (the conventions'
/// `key_table`), so that tokens it signs verify. Run it as the key table's
/// owner, the role that ran the migrations: no other role can write (or
/// read) that table. A key of the same id is replaced. SQLite verifies no
/// token, and gets nothing.
///
/// # Errors
/// The database's error, such as a row-level security refusal for a role
/// that does not own the table.
pub async fn install_key<C: ConnectionTrait>(
    db: &C,
    key: &ScopeKey,
    settings: &SessionSettings,
) -> Result<(), DbErr> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let table = format!("\"{}\"", settings.key_table.replace('"', "\"\""));
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!(
            "INSERT INTO {table} (key_id, secret) VALUES ($1, $2) \
             ON CONFLICT (key_id) DO UPDATE SET secret = EXCLUDED.secret, revoked_at = NULL"
        ),
        [key.id.clone().into(), key.secret.clone().into()],
    ))
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn rfc_4231_case_2_through_the_token() {
        // HMAC-SHA-256 of "what do ya want for nothing?" under "Jefe".
        let mut mac = Hmac::<Sha256>::new_from_slice(b"Jefe").unwrap();
        mac.update(b"what do ya want for nothing?");
        assert_eq!(
            hex::encode(mac.finalize().into_bytes()),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn the_token_names_its_key_scope_claims_and_expiry() {
        let key = ScopeKey::new("k1", [7u8; 32]).unwrap();
        let ws = Uuid::from_u128(1);
        let user = Uuid::from_u128(2);
        let token = key.sign_until(&Scope::workspace(ws).user(user).workspace_admin(), 99);
        let parts: Vec<&str> = token.split(':').collect();
        assert_eq!(
            parts[..6],
            [
                "v1",
                "k1",
                &ws.to_string(),
                &user.to_string(),
                "workspace_admin",
                "99"
            ]
        );
        assert_eq!(parts[6].len(), 64);
        let other = key.sign_until(&Scope::workspace(ws).user(user), 99);
        assert_ne!(token, other, "claims are signed");
    }

    #[test]
    fn keys_that_cannot_sign_are_refused() {
        assert_eq!(
            ScopeKey::new("a:b", [0u8; 32]),
            Err(ScopeKeyError::BadId("a:b".into()))
        );
        assert!(matches!(
            ScopeKey::new("k", [0u8; 8]),
            Err(ScopeKeyError::ShortSecret { len: 8, .. })
        ));
        let key = ScopeKey::new("k", [0u8; 32]).unwrap();
        assert!(!format!("{key:?}").contains("[0"), "{key:?}");
    }
}
