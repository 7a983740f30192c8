//! Short content hashes, for the `?v=` of theme files and other cache-busting names.

/// A short content hash (FNV-1a, 32 bits as hex): stable across builds and platforms, which
/// the standard library's hasher is not.
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{:08x}", h as u32)
}
