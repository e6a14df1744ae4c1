//! Durations and times as Teleport writes them.
//!
//! Teleport's flags (`--ttl=1h30m`) and resource fields (`max_session_ttl: 30h0m0s`) use Go's
//! duration grammar and `Duration.String()`. humantime accepts other spellings ("1day") and
//! prints others ("1h 30m"), so this module implements Go's grammar exactly: about 60 lines.

use std::fmt;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::error::{Error, Result};

/// Parses a Go duration: `300ms`, `-1.5h`, `2h45m`, `30m`, `5s`. Negative values are refused.
pub fn parse(text: &str) -> Result<Duration> {
    let bad = || Error::bad_parameter(format!("invalid duration {text:?}, expected e.g. 30m, 1h30m, 12h"));
    let s = text.trim();
    if s.is_empty() || s.starts_with('-') {
        return Err(bad());
    }
    let s = s.strip_prefix('+').unwrap_or(s);
    if s == "0" {
        return Ok(Duration::ZERO);
    }
    let mut rest = s;
    let mut total: f64 = 0.0;
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if num_len == 0 {
            return Err(bad());
        }
        let value: f64 = rest[..num_len].parse().map_err(|_| bad())?;
        rest = &rest[num_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let nanos_per_unit = match &rest[..unit_len] {
            "ns" => 1.0,
            "us" | "µs" | "μs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return Err(bad()),
        };
        rest = &rest[unit_len..];
        total += value * nanos_per_unit;
    }
    if !total.is_finite() || total > u64::MAX as f64 {
        return Err(bad());
    }
    Ok(Duration::from_nanos(total.round() as u64))
}

/// Formats a duration as Go's `Duration.String()` does, rounded to whole seconds:
/// `0s`, `36s`, `2m8s`, `1h0m0s`, `30h0m0s`.
pub fn format(d: Duration) -> String {
    let secs = (d.as_millis() + 500) / 1000;
    let (h, m, s) = (secs / 3600, (secs % 3600) / 60, secs % 60);
    if h > 0 {
        format!("{h}h{m}m{s}s")
    } else if m > 0 {
        format!("{m}m{s}s")
    } else {
        format!("{s}s")
    }
}

/// Formats a duration briefly, dropping zero trailing units: `1h`, `1h30m`, `5m`, `2m8s`.
pub fn format_short(d: Duration) -> String {
    let secs = (d.as_millis() + 500) / 1000;
    let parts = [(secs / 3600, "h"), ((secs % 3600) / 60, "m"), (secs % 60, "s")];
    // From the first non-zero unit to the last non-zero one.
    let first = parts.iter().position(|(n, _)| *n > 0);
    let last = parts.iter().rposition(|(n, _)| *n > 0);
    match (first, last) {
        (Some(f), Some(l)) => parts[f..=l].iter().map(|(n, u)| format!("{n}{u}")).collect(),
        _ => "0s".into(),
    }
}

/// A [`Duration`] that reads and writes as a Go duration string in YAML and JSON.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct GoDuration(pub Duration);

impl fmt::Display for GoDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format(self.0))
    }
}

impl Serialize for GoDuration {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&format(self.0))
    }
}

impl<'de> Deserialize<'de> for GoDuration {
    // A string in YAML and in Teleport's `types.Duration` JSON; plain nanoseconds are read too.
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Nanos(u64),
            Text(String),
        }
        match Raw::deserialize(d)? {
            Raw::Nanos(n) => Ok(GoDuration(Duration::from_nanos(n))),
            Raw::Text(text) => parse(&text)
                .map(GoDuration)
                .map_err(|e| serde::de::Error::custom(e.message())),
        }
    }
}

/// Serde helper for durations carried as integer nanoseconds (Go's `time.Duration` in JSON).
pub mod nanos {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes nanoseconds.
    pub fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
    }

    /// Reads nanoseconds.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        Ok(Duration::from_nanos(u64::deserialize(d)?))
    }
}

/// Formats a time as Go's RFC 822 layout in UTC: `30 Mar 23 18:15 UTC`.
pub fn rfc822(t: SystemTime) -> String {
    let t = OffsetDateTime::from(t);
    let fmt = time::macros::format_description!("[day] [month repr:short] [year repr:last_two] [hour]:[minute] UTC");
    t.format(&fmt).unwrap_or_default()
}

/// Formats a time as RFC 3339 in UTC, seconds precision: `2023-03-30T18:15:00Z`.
pub fn rfc3339(t: SystemTime) -> String {
    let secs = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    OffsetDateTime::from_unix_timestamp(secs as i64)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_default()
}

/// Parses an RFC 3339 time.
pub fn parse_rfc3339(text: &str) -> Result<SystemTime> {
    OffsetDateTime::parse(text, &Rfc3339)
        .map(SystemTime::from)
        .map_err(|_| Error::bad_parameter(format!("invalid time {text:?}, expected RFC 3339")))
}

/// Serde helper for optional RFC 3339 times.
pub mod rfc3339_opt {
    use std::time::SystemTime;

    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes an RFC 3339 string or nothing.
    pub fn serialize<S: Serializer>(t: &Option<SystemTime>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_str(&super::rfc3339(*t)),
            None => s.serialize_none(),
        }
    }

    /// Reads an RFC 3339 string.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<SystemTime>, D::Error> {
        match Option::<String>::deserialize(d)? {
            Some(text) => super::parse_rfc3339(&text)
                .map(Some)
                .map_err(|e| serde::de::Error::custom(e.message())),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_go_durations() {
        assert_eq!(parse("30m").unwrap(), Duration::from_secs(1800));
        assert_eq!(parse("1h30m").unwrap(), Duration::from_secs(5400));
        assert_eq!(parse("1.5h").unwrap(), Duration::from_secs(5400));
        assert_eq!(parse("300ms").unwrap(), Duration::from_millis(300));
        assert_eq!(parse("30h0m0s").unwrap(), Duration::from_secs(30 * 3600));
        assert_eq!(parse("0").unwrap(), Duration::ZERO);
        for bad in ["", "abc", "5", "-5m", "5 m", "1d", "m5"] {
            assert!(parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn formats_like_go() {
        assert_eq!(format(Duration::from_secs(0)), "0s");
        assert_eq!(format(Duration::from_secs(36)), "36s");
        assert_eq!(format(Duration::from_secs(128)), "2m8s");
        assert_eq!(format(Duration::from_secs(3600)), "1h0m0s");
        assert_eq!(format(Duration::from_millis(279_499)), "4m39s");
        assert_eq!(format(Duration::from_secs(30 * 3600)), "30h0m0s");
        assert_eq!(format_short(Duration::from_secs(3600)), "1h");
        assert_eq!(format_short(Duration::from_secs(5400)), "1h30m");
        assert_eq!(format_short(Duration::from_secs(300)), "5m");
        assert_eq!(format_short(Duration::from_secs(128)), "2m8s");
        assert_eq!(format_short(Duration::from_secs(0)), "0s");
        assert_eq!(format_short(Duration::from_secs(10)), "10s");
    }

    #[test]
    fn rfc822_matches_go_layout() {
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_680_200_100);
        assert_eq!(rfc822(t), "30 Mar 23 18:15 UTC");
        assert_eq!(rfc3339(t), "2023-03-30T18:15:00Z");
        assert_eq!(parse_rfc3339("2023-03-30T18:15:00Z").unwrap(), t);
    }
}
