//! Random values from the browser's CSPRNG (`crypto.getRandomValues`), for OAuth `state`
//! and other one-time values. Never `Math.random`.

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RandomUnavailable;

pub fn bytes(n: usize) -> Result<Vec<u8>, RandomUnavailable> {
    let crypto = super::window().and_then(|w| w.crypto().ok()).ok_or(RandomUnavailable)?;
    let mut buf = vec![0u8; n];
    // getRandomValues refuses more than 65536 bytes per call.
    for chunk in buf.chunks_mut(65_536) {
        crypto.get_random_values_with_u8_array(chunk).map_err(|_| RandomUnavailable)?;
    }
    Ok(buf)
}

/// `n` random bytes as lower-case hex (URL-safe, no padding questions).
pub fn hex_token(n: usize) -> Result<String, RandomUnavailable> {
    Ok(bytes(n)?.iter().map(|b| format!("{b:02x}")).collect())
}
