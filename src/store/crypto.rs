//! The store's cryptography, kept small: one data key per store seals the protected
//! blocks of every revision with XChaCha20-Poly1305 (a random 24-byte nonce per block;
//! the case and revision are bound in as associated data, so a sealed block cannot be
//! moved to another revision unnoticed), and a passphrase opens the data key through
//! Argon2id.
//!
//! A sealed value is `version (1 byte) ‖ nonce (24) ‖ ciphertext+tag`.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use zeroize::Zeroizing;

/// Length of the data key and of the key derived from a passphrase.
pub(crate) const KEY_LEN: usize = 32;
/// Length of the Argon2id salt kept in the database.
pub(crate) const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 24;
const FORMAT: u8 = 1;

/// A 256-bit key; its bytes are wiped when it is dropped.
#[derive(Clone)]
pub(crate) struct Key(Zeroizing<[u8; KEY_LEN]>);

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(..)")
    }
}

impl Key {
    /// A fresh random key from the operating system.
    pub(crate) fn generate() -> Key {
        let mut k = Zeroizing::new([0u8; KEY_LEN]);
        random(&mut k[..]);
        Key(k)
    }

    pub(crate) fn from_slice(bytes: &[u8]) -> Option<Key> {
        let mut k = Zeroizing::new([0u8; KEY_LEN]);
        (bytes.len() == KEY_LEN).then(|| {
            k.copy_from_slice(bytes);
            Key(k)
        })
    }

    pub(crate) fn bytes(&self) -> &[u8] {
        &self.0[..]
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new_from_slice(self.bytes()).expect("a 32-byte key")
    }
}

/// Fills `buf` from the operating system's random source.
pub(crate) fn random(buf: &mut [u8]) {
    getrandom::fill(buf).expect("the operating system's random source is available");
}

/// Encrypts and authenticates `plain`, binding `aad` to it.
pub(crate) fn seal(key: &Key, aad: &[u8], plain: &[u8]) -> Vec<u8> {
    let mut nonce = [0u8; NONCE_LEN];
    random(&mut nonce);
    let sealed = key
        .cipher()
        .encrypt(&XNonce::from(nonce), Payload { msg: plain, aad })
        .expect("encryption of an in-memory buffer does not fail");
    let mut out = Vec::with_capacity(1 + NONCE_LEN + sealed.len());
    out.push(FORMAT);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    out
}

/// The plaintext of `sealed`, or `None` when the key is wrong, `aad` differs or the bytes
/// were changed.
pub(crate) fn open(key: &Key, aad: &[u8], sealed: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    if sealed.len() < 1 + NONCE_LEN || sealed[0] != FORMAT {
        return None;
    }
    let nonce: [u8; NONCE_LEN] = sealed[1..1 + NONCE_LEN].try_into().ok()?;
    key.cipher()
        .decrypt(
            &XNonce::from(nonce),
            Payload {
                msg: &sealed[1 + NONCE_LEN..],
                aad,
            },
        )
        .ok()
        .map(Zeroizing::new)
}

/// Argon2id cost settings, kept beside the salt so they can be raised later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KdfParams {
    /// Memory in KiB.
    pub m: u32,
    /// Passes.
    pub t: u32,
    /// Lanes.
    pub p: u32,
}

impl KdfParams {
    /// OWASP's first recommended Argon2id setting (19 MiB, 2 passes, 1 lane).
    pub(crate) const DEFAULT: KdfParams = KdfParams {
        m: 19 * 1024,
        t: 2,
        p: 1,
    };

    /// "argon2id m=19456 t=2 p=1"
    pub(crate) fn encode(&self) -> String {
        format!("argon2id m={} t={} p={}", self.m, self.t, self.p)
    }

    pub(crate) fn decode(s: &str) -> Option<KdfParams> {
        let mut words = s.split_whitespace();
        if words.next()? != "argon2id" {
            return None;
        }
        let mut get = |name: &str| -> Option<u32> {
            let w = words.next()?;
            w.strip_prefix(name)?.strip_prefix('=')?.parse().ok()
        };
        let params = KdfParams {
            m: get("m")?,
            t: get("t")?,
            p: get("p")?,
        };
        words.next().is_none().then_some(params)
    }
}

/// The key a passphrase stands for, with this salt and these costs.
pub(crate) fn derive(passphrase: &str, salt: &[u8], params: KdfParams) -> Option<Key> {
    let argon = argon2::Argon2::new(
        argon2::Algorithm::Argon2id,
        argon2::Version::V0x13,
        argon2::Params::new(params.m, params.t, params.p, Some(KEY_LEN)).ok()?,
    );
    let mut out = Zeroizing::new([0u8; KEY_LEN]);
    argon
        .hash_password_into(passphrase.as_bytes(), salt, &mut out[..])
        .ok()?;
    Some(Key(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_block_opens_only_with_its_key_and_context() {
        let key = Key::generate();
        let sealed = seal(&key, b"case 1 rev 2", b"Jane Q. Roe");
        assert!(!sealed.windows(4).any(|w| w == b"Jane"));
        assert_eq!(
            open(&key, b"case 1 rev 2", &sealed)
                .as_deref()
                .map(|v| &v[..]),
            Some(&b"Jane Q. Roe"[..])
        );
        assert!(open(&key, b"case 1 rev 3", &sealed).is_none());
        assert!(open(&Key::generate(), b"case 1 rev 2", &sealed).is_none());
        let mut changed = sealed.clone();
        let last = changed.len() - 1;
        changed[last] ^= 1;
        assert!(open(&key, b"case 1 rev 2", &changed).is_none());
        assert!(open(&key, b"", &[FORMAT]).is_none());
        // Two seals of the same text differ (fresh nonce each time).
        assert_ne!(seal(&key, b"x", b"same"), seal(&key, b"x", b"same"));
    }

    #[test]
    fn passphrases_derive_stable_distinct_keys() {
        let cheap = KdfParams { m: 64, t: 1, p: 1 };
        let salt = [7u8; SALT_LEN];
        let a = derive("correct horse", &salt, cheap).unwrap();
        let b = derive("correct horse", &salt, cheap).unwrap();
        let c = derive("correct horsf", &salt, cheap).unwrap();
        let d = derive("correct horse", &[8u8; SALT_LEN], cheap).unwrap();
        assert_eq!(a.bytes(), b.bytes());
        assert_ne!(a.bytes(), c.bytes());
        assert_ne!(a.bytes(), d.bytes());
    }

    #[test]
    fn kdf_settings_round_trip() {
        let p = KdfParams::DEFAULT;
        assert_eq!(p.encode(), "argon2id m=19456 t=2 p=1");
        assert_eq!(KdfParams::decode(&p.encode()), Some(p));
        assert_eq!(KdfParams::decode("argon2i m=1 t=1 p=1"), None);
        assert_eq!(KdfParams::decode("argon2id m=1 t=1"), None);
        assert_eq!(KdfParams::decode("argon2id m=1 t=1 p=1 x=2"), None);
    }
}
