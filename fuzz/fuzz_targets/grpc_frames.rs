//! A hostile Auth service behind the generated gRPC clients: the answer's HTTP status, headers,
//! body (gRPC length-prefixed frames, cut into chunks) and trailers all come from the input,
//! and the client reads them as `AuthClient` does: tonic's frame decoding with the client's
//! message size limit, prost decoding, the status from the trailers (or the headers of a
//! trailers-only answer), then `grpc::status::from_status`.
//!
//! Input: `[rpc][flags][n][n bytes of "name: value" lines][body]`.
#![no_main]

use std::collections::VecDeque;
use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use http_body::Frame;
use libfuzzer_sys::fuzz_target;
use tele_common::grpc::client::MAX_MESSAGE;
use tele_common::grpc::complete::{RawCodec, decode_complete};
use tele_common::grpc::recordings::asciicast_from_events;
use tele_common::grpc::status::from_status;
use tele_common::grpc::wire::proto::auth_service_client::AuthServiceClient;
use tele_common::grpc::wire::proto::{
    Certs, GetRoleRequest, GetSessionEventsRequest, ListResourcesRequest, PingRequest, StreamSessionEventsRequest,
    UserCertsRequest,
};
use tele_common::grpc::wire::teleport::trust::v1::GetCertAuthoritiesRequest;
use tele_common::grpc::wire::teleport::trust::v1::trust_service_client::TrustServiceClient;
use tele_common::grpc::wire::teleport::users::v1::GetUserRequest;
use tele_common::grpc::wire::teleport::users::v1::users_service_client::UsersServiceClient;
use tele_common::grpc::wire::types::RoleV6;

/// The answer's body: data chunks, then trailers.
struct Answer {
    chunks: VecDeque<Bytes>,
    trailers: Option<HeaderMap>,
}

impl http_body::Body for Answer {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        if let Some(chunk) = self.chunks.pop_front() {
            return Poll::Ready(Some(Ok(Frame::data(chunk))));
        }
        Poll::Ready(self.trailers.take().map(|t| Ok(Frame::trailers(t))))
    }
}

/// The connection: every call gets the same answer.
#[derive(Clone)]
struct Transport {
    status: StatusCode,
    headers: HeaderMap,
    chunks: Vec<Bytes>,
    trailers: Option<HeaderMap>,
}

impl tower_service::Service<http::Request<tonic::body::Body>> for Transport {
    type Response = http::Response<Answer>;
    type Error = Infallible;
    type Future = std::future::Ready<Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, _: http::Request<tonic::body::Body>) -> Self::Future {
        let mut resp = http::Response::new(Answer {
            chunks: self.chunks.iter().cloned().collect(),
            trailers: self.trailers.clone(),
        });
        *resp.status_mut() = self.status;
        *resp.headers_mut() = self.headers.clone();
        std::future::ready(Ok(resp))
    }
}

/// `name: value` lines as header fields (lines that are no header are skipped).
fn fields(text: &[u8]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for line in text.split(|&b| b == b'\n') {
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            continue;
        };
        let value = line[colon + 1..].strip_prefix(b" ").unwrap_or(&line[colon + 1..]);
        if let (Ok(name), Ok(value)) = (HeaderName::from_bytes(&line[..colon]), HeaderValue::from_bytes(value)) {
            map.append(name, value);
        }
    }
    map
}

fn transport(flags: u8, extra: HeaderMap, body: &[u8]) -> Transport {
    let mut headers = HeaderMap::new();
    if flags & 0x20 == 0 {
        headers.insert("content-type", HeaderValue::from_static("application/grpc"));
    }
    // Bit 0: the fields are trailers; else they are headers (a trailers-only answer).
    let trailers = if flags & 1 == 1 {
        Some(extra)
    } else {
        headers.extend(extra);
        None
    };
    let size = [1, 2, 3, 5, 7, 16, 64, usize::MAX][usize::from((flags >> 1) & 7)];
    let chunks = body
        .chunks(size.min(body.len().max(1)))
        .map(Bytes::copy_from_slice)
        .collect();
    let status = if flags & 0x10 == 0 {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    Transport {
        status,
        headers,
        chunks,
        trailers,
    }
}

const ADDR: &str = "proxy.example.com:443";

/// What `AuthClient::call` does with a unary answer.
fn unary<T>(r: Result<tonic::Response<T>, tonic::Status>) -> Option<T> {
    match r {
        Ok(resp) => Some(resp.into_inner()),
        Err(status) => {
            let _ = from_status(&status, ADDR);
            None
        }
    }
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let (rpc, flags, n) = (data[0], data[1], usize::from(data[2]));
    let rest = &data[3..];
    let n = n.min(rest.len());
    let t = transport(flags, fields(&rest[..n]), &rest[n..]);
    tele_fuzz::block_on(async move {
        let mut auth = AuthServiceClient::new(t.clone())
            .max_decoding_message_size(MAX_MESSAGE)
            .max_encoding_message_size(MAX_MESSAGE);
        match rpc % 8 {
            0 => {
                unary(auth.ping(PingRequest {}).await);
            }
            1 => {
                unary(auth.list_resources(ListResourcesRequest::default()).await);
            }
            2 => {
                if let Some(Certs { ssh, .. }) = unary(auth.generate_user_certs(UserCertsRequest::default()).await)
                    && let Ok(text) = String::from_utf8(ssh)
                {
                    let _ = ssh_key::Certificate::from_openssh(text.trim());
                }
            }
            3 => {
                unary(auth.get_session_events(GetSessionEventsRequest::default()).await);
            }
            // `AuthClient::stream_all`: every message, then the stream's end or its status.
            4 => {
                let req = StreamSessionEventsRequest::default();
                if let Some(mut stream) = unary(auth.stream_session_events(req).await) {
                    let mut all = Vec::new();
                    loop {
                        match stream.message().await {
                            Ok(Some(e)) if all.len() < 10_000 => all.push(e),
                            Ok(Some(_)) | Ok(None) => break,
                            Err(status) => {
                                let _ = from_status(&status, ADDR);
                                break;
                            }
                        }
                    }
                    let _ = asciicast_from_events(all);
                }
            }
            5 => {
                let mut users = UsersServiceClient::new(t).max_decoding_message_size(MAX_MESSAGE);
                unary(users.get_user(GetUserRequest::default()).await);
            }
            6 => {
                let mut trust = TrustServiceClient::new(t).max_decoding_message_size(MAX_MESSAGE);
                unary(trust.get_cert_authorities(GetCertAuthoritiesRequest::default()).await);
            }
            // `AuthClient::raw_call` and `tctl edit`'s complete decoding.
            _ => {
                let mut grpc = tonic::client::Grpc::new(t).max_decoding_message_size(MAX_MESSAGE);
                if grpc.ready().await.is_err() {
                    return;
                }
                let path = http::uri::PathAndQuery::from_static("/proto.AuthService/GetRole");
                let r = grpc
                    .unary(
                        tonic::Request::new(GetRoleRequest::default()),
                        path,
                        RawCodec::default(),
                    )
                    .await;
                if let Some(raw) = unary(r) {
                    let _ = decode_complete::<RoleV6>(&raw, "role");
                }
            }
        }
    });
});
