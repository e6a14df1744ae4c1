//! What the fuzz targets share: cutting one input into the pieces a target needs, and running
//! the product's async parsers to completion on a runtime made once per process.

use std::cell::RefCell;
use std::future::Future;

/// The first byte picks what a target does with the rest (a message type, an operation).
pub fn dispatch(data: &[u8]) -> Option<(u8, &[u8])> {
    data.split_first().map(|(first, rest)| (*first, rest))
}

/// Cuts `data` at its first `\0`: the part before and the rest (empty when there is none).
pub fn cut(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[]),
    }
}

/// `data` as text, lossily (parsers of files take `&str`; invalid UTF-8 is the caller's
/// read error, not theirs).
pub fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// A little-endian number from up to 8 bytes at the front of `data`, and the rest.
pub fn number(data: &[u8]) -> (u64, &[u8]) {
    let n = data.len().min(8);
    let mut buf = [0u8; 8];
    buf[..n].copy_from_slice(&data[..n]);
    (u64::from_le_bytes(buf), &data[n..])
}

thread_local! {
    static RUNTIME: RefCell<Option<tokio::runtime::Runtime>> = const { RefCell::new(None) };
}

/// Runs `fut` on this thread's current-thread runtime (timers and blocking file I/O enabled).
pub fn block_on<F: Future>(fut: F) -> F::Output {
    RUNTIME.with(|cell| {
        let mut slot = cell.borrow_mut();
        let rt = slot.get_or_insert_with(|| {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a tokio runtime")
        });
        rt.block_on(fut)
    })
}

/// The SSH CA the seed certificates are signed with and the targets check against: a fixed
/// Ed25519 key, so a seed's certificate gets past the signature check to the checks after it.
pub fn ssh_ca() -> ssh_key::PrivateKey {
    let pair = ssh_key::private::Ed25519Keypair::from_seed(&[0x7e; 32]);
    ssh_key::PrivateKey::from(pair)
}

/// The cluster the seeds name.
pub const CLUSTER: &str = "fuzz.example.com";
/// The user the seeds name.
pub const USER: &str = "alice";
