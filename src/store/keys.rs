//! The store's data key: made once, when the first passphrase is set; kept in the
//! database only wrapped (sealed with a key derived from the passphrase by Argon2id, salt
//! beside it); remembered, if the user's session has one, in the desktop's secret store
//! (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows) so the
//! passphrase is asked for once per computer rather than at every start.
//!
//! The passphrase is the root: a copy of the database restored on another computer opens
//! with it. The secret store only caches the data key, and a key it returns is checked
//! against the database before it is used.

use super::crypto::{self, KdfParams, Key, SALT_LEN};
use rusqlite::{params, Connection, OptionalExtension};

/// Environment variable holding the passphrase for headless use (the CLI, scripts, tests).
pub const PASSPHRASE_ENV: &str = "DRAFTER_PASSPHRASE";
/// Environment variable holding the new passphrase for `drafter case passphrase` without
/// a terminal (the current one is in [`PASSPHRASE_ENV`]).
pub const NEW_PASSPHRASE_ENV: &str = "DRAFTER_NEW_PASSPHRASE";
/// Environment variable that turns the secret store off when set to `off` (tests, and
/// machines whose secret store should not be used).
pub const KEYRING_ENV: &str = "DRAFTER_KEYRING";
/// The shortest passphrase accepted when one is set.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

const KEYRING_SERVICE: &str = "drafter";
const CHECK_TEXT: &[u8] = b"drafter data key";

/// The `store_key` row.
pub(crate) struct Wrapped {
    key_id: String,
    salt: Vec<u8>,
    kdf: String,
    wrapped: Vec<u8>,
    check: Vec<u8>,
}

fn wrap_aad(key_id: &str) -> Vec<u8> {
    format!("drafter store key {key_id}").into_bytes()
}

fn check_aad(key_id: &str) -> Vec<u8> {
    format!("drafter key check {key_id}").into_bytes()
}

/// The wrapped key, if a passphrase has been set.
pub(crate) fn load(conn: &Connection) -> rusqlite::Result<Option<Wrapped>> {
    conn.query_row(
        "SELECT key_id, salt, kdf, wrapped, key_check FROM store_key WHERE id = 1",
        [],
        |r| {
            Ok(Wrapped {
                key_id: r.get(0)?,
                salt: r.get(1)?,
                kdf: r.get(2)?,
                wrapped: r.get(3)?,
                check: r.get(4)?,
            })
        },
    )
    .optional()
}

/// Why a passphrase did not open the key.
pub(crate) enum OpenFailure {
    /// The passphrase is not this store's.
    Wrong,
    /// The stored record itself cannot be read (unknown cost settings, bad lengths).
    Damaged(String),
}

impl OpenFailure {
    /// The store's error for it, naming the database file.
    pub(crate) fn into_error(self, path: &std::path::Path) -> super::StoreError {
        match self {
            OpenFailure::Wrong => super::StoreError::WrongPassphrase {
                path: path.to_path_buf(),
            },
            OpenFailure::Damaged(detail) => super::StoreError::KeyDamaged {
                path: path.to_path_buf(),
                detail,
            },
        }
    }
}

impl Wrapped {
    /// The data key, if `passphrase` is the store's.
    pub(crate) fn open(&self, passphrase: &str) -> Result<Key, OpenFailure> {
        let params = KdfParams::decode(&self.kdf).ok_or_else(|| {
            OpenFailure::Damaged(format!("unknown key derivation `{}`", self.kdf))
        })?;
        let kek = crypto::derive(passphrase, &self.salt, params)
            .ok_or_else(|| OpenFailure::Damaged(format!("key derivation `{}` failed", self.kdf)))?;
        let raw =
            crypto::open(&kek, &wrap_aad(&self.key_id), &self.wrapped).ok_or(OpenFailure::Wrong)?;
        let key = Key::from_slice(&raw)
            .ok_or_else(|| OpenFailure::Damaged("the wrapped key has the wrong length".into()))?;
        if self.verifies(&key) {
            Ok(key)
        } else {
            Err(OpenFailure::Damaged(
                "the key does not match its check value".into(),
            ))
        }
    }

    /// Whether `key` is this store's data key.
    pub(crate) fn verifies(&self, key: &Key) -> bool {
        crypto::open(key, &check_aad(&self.key_id), &self.check)
            .is_some_and(|t| t.as_slice() == CHECK_TEXT)
    }

    pub(crate) fn key_id(&self) -> &str {
        &self.key_id
    }
}

/// The data key wrapped with `passphrase`: a fresh salt, the default costs. Returns the
/// salt, the encoded costs and the sealed key.
fn wrap(key_id: &str, key: &Key, passphrase: &str) -> ([u8; SALT_LEN], String, Vec<u8>) {
    let mut salt = [0u8; SALT_LEN];
    crypto::random(&mut salt);
    let params = KdfParams::DEFAULT;
    let kek = crypto::derive(passphrase, &salt, params).expect("the default costs are valid");
    let wrapped = crypto::seal(&kek, &wrap_aad(key_id), key.bytes());
    (salt, params.encode(), wrapped)
}

/// Makes the store's data key and keeps it wrapped with `passphrase`; inside the caller's
/// transaction.
pub(crate) fn create(conn: &Connection, passphrase: &str, now: &str) -> rusqlite::Result<Key> {
    let key = Key::generate();
    let mut id = [0u8; 16];
    crypto::random(&mut id);
    let key_id: String = id.iter().map(|b| format!("{b:02x}")).collect();
    let (salt, kdf, wrapped) = wrap(&key_id, &key, passphrase);
    let check = crypto::seal(&key, &check_aad(&key_id), CHECK_TEXT);
    conn.execute(
        "INSERT INTO store_key (id, key_id, salt, kdf, wrapped, key_check, created_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
        params![key_id, &salt[..], kdf, wrapped, check, now],
    )?;
    Ok(key)
}

/// Wraps the same data key with `passphrase` in place of the wrapping there was; inside
/// the caller's transaction. The key's id and check value stay, so the copy in the
/// desktop's secret store stays valid.
pub(crate) fn rewrap(
    conn: &Connection,
    w: &Wrapped,
    key: &Key,
    passphrase: &str,
) -> rusqlite::Result<()> {
    let (salt, kdf, wrapped) = wrap(&w.key_id, key, passphrase);
    conn.execute(
        "UPDATE store_key SET salt = ?1, kdf = ?2, wrapped = ?3 WHERE id = 1 AND key_id = ?4",
        params![&salt[..], kdf, wrapped, w.key_id],
    )?;
    Ok(())
}

/// Whether the environment allows the desktop's secret store.
pub(crate) fn keyring_allowed() -> bool {
    !std::env::var(KEYRING_ENV).is_ok_and(|v| v.trim().eq_ignore_ascii_case("off"))
}

fn entry(key_id: &str) -> Option<keyring::Entry> {
    keyring::Entry::new(KEYRING_SERVICE, &format!("case store {key_id}")).ok()
}

/// The data key remembered in the desktop's secret store, if there is one and it is
/// this store's.
pub(crate) fn from_keyring(w: &Wrapped) -> Option<Key> {
    let secret = zeroize::Zeroizing::new(entry(w.key_id())?.get_secret().ok()?);
    let key = Key::from_slice(&secret)?;
    w.verifies(&key).then_some(key)
}

/// Remembers the data key in the desktop's secret store; false when there is none.
pub(crate) fn remember(w: &Wrapped, key: &Key) -> bool {
    entry(w.key_id()).is_some_and(|e| e.set_secret(key.bytes()).is_ok())
}
