//! The scp protocol's records as `tsh scp` reads them from a remote source: each line goes to
//! the parser `scp::receive` gives it by its first byte (`C`/`D` records, `T` times, `\x01`
//! and `\x02` remote errors).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tele_common::scp::wire::{parse_number, parse_record, parse_times, remote_error};

fuzz_target!(|data: &[u8]| {
    for line in data.split(|&b| b == b'\n') {
        let Some((&kind, rest)) = line.split_first() else {
            continue;
        };
        match kind {
            1 | 2 => {
                let _ = remote_error(rest);
            }
            b'T' => {
                let _ = parse_times(rest);
            }
            b'C' | b'D' => {
                if let Ok((mode, _, name)) = parse_record(line) {
                    assert!(mode <= 0o7777);
                    let name = name.as_encoded_bytes();
                    assert!(!name.is_empty() && !name.contains(&b'/') && name != b"." && name != b"..");
                }
            }
            _ => {
                let _ = parse_number(line);
            }
        }
    }
});
