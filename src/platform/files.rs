//! Reading a file the admin chose (the import). Local only: the browser hands over the
//! bytes, nothing is uploaded.

use crate::domain::export::MAX_IMPORT_BYTES;

/// Why a chosen file was not read.
#[derive(Clone, Debug, PartialEq)]
pub enum FileError {
    /// Larger than `max` bytes: refused from its size, before anything is read.
    TooLarge { size: f64, max: usize },
    /// The browser could not read it (removed, no permission, not text).
    Unreadable,
}

/// The file's text (UTF-8; invalid sequences become U+FFFD, as `Blob.text()` does). The size
/// is checked first, so a huge file is never read into memory.
pub async fn read_text(file: &web_sys::File) -> Result<String, FileError> {
    let size = file.size();
    if size > MAX_IMPORT_BYTES as f64 {
        return Err(FileError::TooLarge { size, max: MAX_IMPORT_BYTES });
    }
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
    text.ok().and_then(|t| t.as_string()).ok_or(FileError::Unreadable)
}

/// The file's bytes, at most `max` (refused from its size first, never read when larger).
pub async fn read_bytes(file: &web_sys::File, max: usize) -> Result<Vec<u8>, FileError> {
    let size = file.size();
    if size > max as f64 {
        return Err(FileError::TooLarge { size, max });
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.map_err(|_| FileError::Unreadable)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
