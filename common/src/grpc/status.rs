//! gRPC status codes to and from the suite's [`Error`], as Teleport's `trail` package maps
//! `trace` errors: the status message is the error's message, the code its kind. Hints do not
//! travel (Teleport sends none); the client adds them where it knows what to suggest.

use tonic::{Code, Status};

use crate::error::{Error, ErrorKind};

/// The status a server answers with for `err` (`trail.ToGRPC`).
pub fn to_status(err: &Error) -> Status {
    let code = match err.kind() {
        ErrorKind::NotFound => Code::NotFound,
        ErrorKind::AlreadyExists => Code::AlreadyExists,
        ErrorKind::AccessDenied => Code::PermissionDenied,
        ErrorKind::CompareFailed => Code::FailedPrecondition,
        ErrorKind::BadParameter => Code::InvalidArgument,
        ErrorKind::LimitExceeded => Code::ResourceExhausted,
        ErrorKind::ConnectionProblem => Code::Unavailable,
        ErrorKind::NotImplemented => Code::Unimplemented,
        ErrorKind::Unauthenticated => Code::Unauthenticated,
        ErrorKind::Internal => Code::Unknown,
    };
    Status::new(code, err.message())
}

/// The error a client sees for a status (`trail.FromGRPC`). `what` names the call, for the
/// statuses that carry no message of the server's own (a broken connection, a timeout).
pub fn from_status(status: &Status, addr: &str) -> Error {
    let message = status.message().to_string();
    let kind = match status.code() {
        Code::NotFound => ErrorKind::NotFound,
        Code::AlreadyExists => ErrorKind::AlreadyExists,
        Code::PermissionDenied => ErrorKind::AccessDenied,
        Code::FailedPrecondition => ErrorKind::CompareFailed,
        Code::InvalidArgument | Code::OutOfRange => ErrorKind::BadParameter,
        Code::ResourceExhausted => ErrorKind::LimitExceeded,
        Code::Unimplemented => ErrorKind::NotImplemented,
        Code::Unauthenticated => ErrorKind::Unauthenticated,
        Code::Unavailable | Code::DeadlineExceeded | Code::Cancelled | Code::Aborted => ErrorKind::ConnectionProblem,
        Code::Ok | Code::Unknown | Code::Internal | Code::DataLoss => ErrorKind::Internal,
    };
    let message = if message.is_empty() {
        format!("{addr} answered {:?} with no message", status.code())
    } else {
        message
    };
    let err = Error::new(kind, message);
    match kind {
        ErrorKind::Unauthenticated => err.with_hint("log in again with tsh login"),
        ErrorKind::NotImplemented => err.with_hint("the cluster's Teleport version may be too old for this command"),
        _ => err,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_survive_the_round_trip() {
        for kind in [
            ErrorKind::NotFound,
            ErrorKind::AlreadyExists,
            ErrorKind::AccessDenied,
            ErrorKind::CompareFailed,
            ErrorKind::BadParameter,
            ErrorKind::LimitExceeded,
            ErrorKind::ConnectionProblem,
            ErrorKind::NotImplemented,
            ErrorKind::Unauthenticated,
            ErrorKind::Internal,
        ] {
            let back = from_status(&to_status(&Error::new(kind, "m")), "a");
            assert_eq!((back.kind(), back.message()), (kind, "m"));
        }
    }

    #[test]
    fn teleports_codes_read_as_trace_kinds() {
        let e = from_status(
            &Status::permission_denied("admin-level API request requires MFA verification"),
            "proxy:443",
        );
        assert_eq!(e.kind(), ErrorKind::AccessDenied);
        assert_eq!(e.message(), "admin-level API request requires MFA verification");
        let e = from_status(&Status::unavailable(""), "proxy:443");
        assert_eq!(e.kind(), ErrorKind::ConnectionProblem);
        assert!(e.message().contains("proxy:443"), "{e}");
        assert_eq!(
            from_status(&Status::unauthenticated("expired"), "p").hint(),
            Some("log in again with tsh login")
        );
    }
}
