//! What the wire fixtures share: [`Pb`], a protobuf encoder written from the wire format (not
//! prost), and [`pin`], which compares prost's bytes with it and decodes them back.

#![allow(dead_code)]

use prost::Message;

/// A protobuf encoder for the fixtures: wire types 0 (varint) and 2 (length-delimited).
#[derive(Clone, Default)]
pub struct Pb(pub Vec<u8>);

impl Pb {
    pub fn new() -> Self {
        Self::default()
    }

    fn raw_varint(&mut self, mut v: u64) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.0.push(byte);
                return;
            }
            self.0.push(byte | 0x80);
        }
    }

    fn key(&mut self, field: u64, wire_type: u64) {
        self.raw_varint(field << 3 | wire_type);
    }

    pub fn varint(mut self, field: u64, v: u64) -> Self {
        self.key(field, 0);
        self.raw_varint(v);
        self
    }

    pub fn bytes(mut self, field: u64, b: &[u8]) -> Self {
        self.key(field, 2);
        self.raw_varint(b.len() as u64);
        self.0.extend_from_slice(b);
        self
    }

    pub fn str(self, field: u64, s: &str) -> Self {
        self.bytes(field, s.as_bytes())
    }

    pub fn msg(self, field: u64, m: Pb) -> Self {
        self.bytes(field, &m.0)
    }

    /// A `map<string, string>` entry: a message with key = 1 and value = 2.
    pub fn map_entry(self, field: u64, k: &str, v: &str) -> Self {
        self.msg(field, Pb::new().str(1, k).str(2, v))
    }
}

/// Encodes `m` with the generated code, compares with `expected`, and decodes it back.
pub fn pin<M: Message + Default + PartialEq + std::fmt::Debug>(m: &M, expected: &Pb) {
    assert_eq!(hex(&m.encode_to_vec()), hex(&expected.0), "{m:?}");
    assert_eq!(&M::decode(expected.0.as_slice()).unwrap(), m);
}

pub fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}
