//! A small process-wide memo for work the live preview would otherwise redo on every
//! keystroke with the same input: an exhibit's parsed PDF, a court style's parsed TOML,
//! the matcher built from a case's protected values. Bounded: when full it starts over.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;

/// Values by key, at most `cap` of them.
pub(crate) struct Memo<K, V> {
    map: Mutex<Option<HashMap<K, V>>>,
    cap: usize,
}

impl<K: Eq + Hash, V: Clone> Memo<K, V> {
    pub(crate) const fn new(cap: usize) -> Memo<K, V> {
        Memo {
            map: Mutex::new(None),
            cap,
        }
    }

    /// The value kept for `key`, or `make`'s (kept when it succeeds; an error is not).
    pub(crate) fn get_or_try<E>(
        &self,
        key: K,
        make: impl FnOnce() -> Result<V, E>,
    ) -> Result<V, E> {
        let lock = || self.map.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(v) = lock().as_ref().and_then(|m| m.get(&key)) {
            return Ok(v.clone());
        }
        // Made outside the lock: another thread may make the same value meanwhile.
        let v = make()?;
        let mut map = lock();
        let map = map.get_or_insert_with(HashMap::new);
        if map.len() >= self.cap {
            map.clear();
        }
        map.insert(key, v.clone());
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_values_not_errors_and_stays_bounded() {
        static M: Memo<u32, String> = Memo::new(2);
        let mut made = 0;
        for k in [1, 1, 2, 1] {
            let v: Result<_, ()> = M.get_or_try(k, || {
                made += 1;
                Ok(format!("v{k}"))
            });
            assert_eq!(v.unwrap(), format!("v{k}"));
        }
        assert_eq!(made, 2);
        assert_eq!(M.get_or_try(9, || Err::<String, _>("no")), Err("no"));
        assert_eq!(
            M.get_or_try(9, || Ok::<_, ()>("yes".into())).unwrap(),
            "yes"
        );
        // Full at two: a third key starts over, and 1 is made again.
        M.get_or_try(3, || Ok::<_, ()>("v3".into())).unwrap();
        let again = M.get_or_try(1, || Ok::<_, ()>("new".into())).unwrap();
        assert_eq!(again, "new");
    }
}
