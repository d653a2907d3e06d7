//! localStorage for non-secret values only. Every call tolerates a missing or blocked
//! storage (private modes, quota, file://): autosave degrades, the app keeps working.

use wasm_bindgen::JsValue;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    /// Survives reloads and browser restarts: the wizard's non-secret values, the language.
    Local,
    /// One tab's round trip (the OAuth redirect); removed as soon as it is used.
    Session,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    Unavailable,
    Refused(String),
}

fn store(area: Area) -> Result<web_sys::Storage, StorageError> {
    let window = super::window().ok_or(StorageError::Unavailable)?;
    let result = match area {
        Area::Local => window.local_storage(),
        Area::Session => window.session_storage(),
    };
    result.map_err(describe)?.ok_or(StorageError::Unavailable)
}

fn describe(e: JsValue) -> StorageError {
    StorageError::Refused(e.as_string().unwrap_or_else(|| format!("{e:?}")))
}

pub fn get(area: Area, key: &str) -> Result<Option<String>, StorageError> {
    store(area)?.get_item(key).map_err(describe)
}

pub fn set(area: Area, key: &str, value: &str) -> Result<(), StorageError> {
    store(area)?.set_item(key, value).map_err(describe)
}

pub fn remove(area: Area, key: &str) -> Result<(), StorageError> {
    store(area)?.remove_item(key).map_err(describe)
}

/// Every key currently stored (used by tests and the "no secret stored" self-check).
pub fn keys(area: Area) -> Result<Vec<String>, StorageError> {
    let s = store(area)?;
    let n = s.length().map_err(describe)?;
    let mut out = Vec::new();
    for i in 0..n {
        if let Some(k) = s.key(i).map_err(describe)? {
            out.push(k);
        }
    }
    Ok(out)
}
