//! Go's `[]byte` in JSON: standard base64 with padding. Teleport's login answers carry
//! certificates this way (`cert`, `tls_cert`, `checking_keys`).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Deserializer, Serializer};

/// A text field carried as base64 bytes.
pub mod string {
    use super::*;

    /// Writes the text's bytes as base64.
    pub fn serialize<S: Serializer>(v: &str, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(v.as_bytes()))
    }

    /// Reads base64 bytes as UTF-8 text.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        let text = Option::<String>::deserialize(d)?.unwrap_or_default();
        let bytes = STANDARD.decode(text.as_bytes()).map_err(serde::de::Error::custom)?;
        String::from_utf8(bytes).map_err(serde::de::Error::custom)
    }
}

/// A list of text fields carried as base64 bytes.
pub mod strings {
    use super::*;

    /// Writes each text's bytes as base64.
    pub fn serialize<S: Serializer>(v: &[String], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(v.iter().map(|t| STANDARD.encode(t.as_bytes())))
    }

    /// Reads each base64 value as UTF-8 text.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        let items = Option::<Vec<String>>::deserialize(d)?.unwrap_or_default();
        items
            .into_iter()
            .map(|t| {
                let bytes = STANDARD.decode(t.as_bytes()).map_err(serde::de::Error::custom)?;
                String::from_utf8(bytes).map_err(serde::de::Error::custom)
            })
            .collect()
    }
}
