//! YAML in, typed values out, with the path of the offending field in every error
//! (`spec.second_factor: unknown variant ...`).
//!
//! YAML is first read into an untyped tree with YAML 1.2 booleans (so `NO` stays a string), then
//! into the target type through `serde_path_to_error`. Fields that Teleport reads as YAML 1.1
//! booleans (`proxy_checks_host_keys: no`) use [`lenient_bool`].

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use crate::error::{Error, Result};

fn options() -> serde_saphyr::Options {
    serde_saphyr::options! { strict_booleans: true }
}

/// Parses one YAML document into an untyped tree.
pub fn parse_value(text: &str) -> Result<Value> {
    let value: Value = serde_saphyr::from_str_with_options(text, options())
        .map_err(|e| Error::bad_parameter(first_line(&e.to_string())))?;
    Ok(value)
}

/// Parses a stream of `---`-separated documents, skipping empty ones.
///
/// Resource files are written by admins (and bootstrap files can hold 100,000 tokens), so the
/// parser's document and node budgets are raised well past serde-saphyr's defaults; anchors and
/// aliases keep their default limits against expansion bombs.
pub fn parse_documents(text: &str) -> Result<Vec<Value>> {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_documents = 10_000_000;
    budget.max_nodes = 100_000_000;
    budget.max_events = 500_000_000;
    budget.max_total_scalar_bytes = 1 << 30;
    let opts = serde_saphyr::options! { strict_booleans: true, budget: Some(budget) };
    let docs: Vec<Value> = serde_saphyr::from_multiple_with_options(text, opts)
        .map_err(|e| Error::bad_parameter(first_line(&e.to_string())))?;
    Ok(docs.into_iter().filter(|d| !d.is_null()).collect())
}

/// Converts an untyped tree into `T`; the error names the field's path.
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner().to_string();
        if path == "." || path.is_empty() {
            Error::bad_parameter(inner)
        } else {
            Error::bad_parameter(format!("{path}: {inner}"))
        }
    })
}

/// Parses one YAML document straight into `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T> {
    from_value(parse_value(text)?)
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).to_string()
}

/// Deserializes a boolean written the YAML 1.1 way too: `yes`/`no`/`on`/`off`/`true`/`false`.
pub fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Bool(bool),
        Text(String),
    }
    match Raw::deserialize(d)? {
        Raw::Bool(b) => Ok(b),
        Raw::Text(t) => match t.to_ascii_lowercase().as_str() {
            "yes" | "y" | "on" | "true" => Ok(true),
            "no" | "n" | "off" | "false" => Ok(false),
            _ => Err(serde::de::Error::custom(format!("expected a boolean, got {t:?}"))),
        },
    }
}

/// [`lenient_bool`] for optional fields.
pub fn lenient_bool_opt<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<bool>, D::Error> {
    lenient_bool(d).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Outer {
        inner: Inner,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Inner {
        #[serde(deserialize_with = "lenient_bool")]
        flag: bool,
        name: String,
    }

    #[test]
    fn names_the_path_of_a_bad_field() {
        let err = from_str::<Outer>("inner:\n  flag: yes\n  name: x\n  extra: 1\n").unwrap_err();
        assert!(err.message().contains("extra"), "{err}");
        assert!(err.message().starts_with("inner"), "{err}");
        let err = from_str::<Outer>("inner:\n  flag: maybe\n  name: x\n").unwrap_err();
        assert!(err.message().starts_with("inner.flag"), "{err}");
    }

    #[test]
    fn keeps_yaml_1_1_words_as_strings_but_reads_lenient_bools() {
        let v: Outer = from_str("inner:\n  flag: no\n  name: NO\n").unwrap();
        assert!(!v.inner.flag);
        assert_eq!(v.inner.name, "NO");
    }

    #[test]
    fn splits_documents() {
        let docs = parse_documents("a: 1\n---\nb: 2\n---\n").unwrap();
        assert_eq!(docs.len(), 2);
    }
}
