//! Byte-level fixtures of the messages tsh speaks for databases, Kubernetes clusters and MFA
//! devices (issue 15), with the field numbers of Teleport's `.proto` files as literals.

mod support;

use support::{Pb, pin};
use tele_common::api::routes::RouteTarget;
use tele_common::grpc::route::{RouteCertParams, cert_request, mfa_check, requester};
use tele_common::grpc::wire::proto::MfaAuthenticateResponse;
use tele_common::grpc::wire::proto::user_certs_request::Requester;

#[test]
fn routed_certificate_requests() {
    let db = RouteTarget::Database {
        name: "pg".into(),
        db_user: "alice".into(),
        db_name: "orders".into(),
    };
    // RouteToDatabase: ServiceName = 1, Protocol = 2, Username = 3, Database = 4.
    let route = Pb::new()
        .str(1, "pg")
        .str(2, "postgres")
        .str(3, "alice")
        .str(4, "orders");
    // IsMFARequiredRequest: oneof Target { KubernetesCluster = 1, Database = 2 }.
    pin(&mfa_check(&db), &Pb::new().msg(2, route.clone()));
    pin(
        &mfa_check(&RouteTarget::KubeCluster { name: "k8s".into() }),
        &Pb::new().str(1, "k8s"),
    );
    assert_eq!(requester("TSH_DB_LOCAL_PROXY_TUNNEL"), Requester::TshDbLocalProxyTunnel);
    assert_eq!(requester("TSH_DB_EXEC") as i32, 5);
    assert_eq!(requester(""), Requester::Unspecified);
    // UserCertsRequest: Username = 2, RouteToCluster = 5, RouteToDatabase = 8, Usage = 10
    // (Database = 3), RequesterName = 17 (TSH_DB_LOCAL_PROXY_TUNNEL = 1), MFAResponse = 18
    // (TOTP = 2 {Code = 1}), Purpose = 21 (SINGLE_USE_CERTS = 2), TLSPublicKey = 23.
    let answer = MfaAuthenticateResponse {
        response: Some(
            tele_common::grpc::wire::proto::mfa_authenticate_response::Response::Totp(
                tele_common::grpc::wire::proto::TotpResponse { code: "123456".into() },
            ),
        ),
    };
    let req = cert_request(
        &db,
        RouteCertParams {
            user: "alice",
            cluster: "c1",
            tls_public_key_pem: "PEM",
            requester: Requester::TshDbLocalProxyTunnel,
            mfa_response: Some(answer),
        },
    );
    let expected = Pb::new()
        .str(2, "alice")
        .str(5, "c1")
        .msg(8, route)
        .varint(10, 3)
        .varint(17, 1)
        .msg(18, Pb::new().msg(2, Pb::new().str(1, "123456")))
        .varint(21, 2)
        .str(23, "PEM");
    pin(&req, &expected);
    // Kubernetes: KubernetesCluster = 7, Usage = 10 (Kubernetes = 2); no answer, no purpose.
    let req = cert_request(
        &RouteTarget::KubeCluster { name: "k8s".into() },
        RouteCertParams {
            user: "alice",
            cluster: "c1",
            tls_public_key_pem: "PEM",
            requester: Requester::TshKubeLocalProxy,
            mfa_response: None,
        },
    );
    let expected = Pb::new()
        .str(2, "alice")
        .str(5, "c1")
        .str(7, "k8s")
        .varint(10, 2)
        .varint(17, 2)
        .str(23, "PEM");
    pin(&req, &expected);
}

#[test]
fn database_and_kubernetes_servers_in_listings() {
    use tele_common::grpc::resources::*;
    use tele_common::grpc::wire::proto::{PaginatedResource, paginated_resource::Resource};
    use tele_common::resources::{Database, KubeCluster, KubeClusterSpec, Metadata};
    let host = Host {
        hostname: "c1",
        host_id: "h-1",
    };
    let db = Database::new("pg", "postgres", "localhost:5432");
    let listed = PaginatedResource {
        resource: Some(Resource::DatabaseServer(db_server_to_proto(&db, &host))),
        ..PaginatedResource::default()
    };
    // DatabaseV3: Kind = 1, Version = 3, Metadata = 4 {Name = 1, Namespace = 2}, Spec = 5
    // {Protocol = 1, URI = 2}.
    let database = Pb::new()
        .str(1, "db")
        .str(3, "v3")
        .msg(4, Pb::new().str(1, "pg").str(2, "default"))
        .msg(5, Pb::new().str(1, "postgres").str(2, "localhost:5432"));
    // DatabaseServerV3: Kind = 1 "db_server", Version = 3, Metadata = 4, Spec = 5 {Version = 6,
    // Hostname = 7, HostID = 8, Database = 12}; PaginatedResource: DatabaseServer = 1.
    let server = Pb::new()
        .str(1, "db_server")
        .str(3, "v3")
        .msg(4, Pb::new().str(1, "pg").str(2, "default"))
        .msg(
            5,
            Pb::new()
                .str(6, tele_common::VERSION)
                .str(7, "c1")
                .str(8, "h-1")
                .msg(12, database),
        );
    pin(&listed, &Pb::new().msg(1, server));
    let Some(Resource::DatabaseServer(s)) = listed.resource else {
        unreachable!()
    };
    assert_eq!(db_server_from_proto(s), Some(db));

    // KubernetesServerV3: Spec = 5 {Version = 1, Hostname = 2, HostID = 3, Cluster = 5};
    // PaginatedResource: KubernetesServer = 7. The kubeconfig (Spec.Kubeconfig = 2) stays home.
    let kube = KubeCluster {
        kind: "kube_cluster".into(),
        version: "v3".into(),
        metadata: Metadata {
            name: "k8s".into(),
            ..Metadata::default()
        },
        spec: KubeClusterSpec {
            kubeconfig: "YXBpVmVyc2lvbjogdjE=".into(),
        },
    };
    let listed = PaginatedResource {
        resource: Some(Resource::KubernetesServer(kube_server_to_proto(&kube, &host).unwrap())),
        ..PaginatedResource::default()
    };
    let cluster = Pb::new()
        .str(1, "kube_cluster")
        .str(3, "v3")
        .msg(4, Pb::new().str(1, "k8s").str(2, "default"))
        .msg(5, Pb::new());
    let server = Pb::new()
        .str(1, "kube_server")
        .str(3, "v3")
        .msg(4, Pb::new().str(1, "k8s").str(2, "default"))
        .msg(
            5,
            Pb::new()
                .str(1, tele_common::VERSION)
                .str(2, "c1")
                .str(3, "h-1")
                .msg(5, cluster),
        );
    pin(&listed, &Pb::new().msg(7, server));
    let Some(Resource::KubernetesServer(s)) = listed.resource else {
        unreachable!()
    };
    let back = kube_server_from_proto(s).unwrap();
    assert_eq!(back.metadata.name, "k8s");
    assert!(back.spec.kubeconfig.is_empty(), "no credentials in a listing");
}

#[test]
fn device_registration() {
    use tele_common::grpc::register::{creation_from_proto, creation_to_proto, credential_from_proto, otpauth_url};
    use tele_common::grpc::wire::proto::*;
    use tele_common::grpc::wire::webauthn as pbw;
    // CreateRegisterChallengeRequest: DeviceType = 2 (WEBAUTHN = 3), DeviceUsage = 3 (MFA = 1),
    // ExistingMFAResponse = 4.
    let mut req = CreateRegisterChallengeRequest {
        existing_mfa_response: Some(MfaAuthenticateResponse {
            response: Some(mfa_authenticate_response::Response::Totp(TotpResponse {
                code: "123456".into(),
            })),
        }),
        ..CreateRegisterChallengeRequest::default()
    };
    req.set_device_type(DeviceType::Webauthn);
    req.set_device_usage(DeviceUsage::Mfa);
    let expected = Pb::new()
        .varint(2, 3)
        .varint(3, 1)
        .msg(4, Pb::new().msg(2, Pb::new().str(1, "123456")));
    pin(&req, &expected);

    // MFARegisterChallenge: TOTP = 2 {Secret = 1, Issuer = 2, PeriodSeconds = 3, Algorithm = 4,
    // Digits = 5, Account = 6, ID = 8}.
    let totp = TotpRegisterChallenge {
        secret: "JBSWY3DPEHPK3PXP".into(),
        issuer: "example.test".into(),
        period_seconds: 30,
        algorithm: "SHA1".into(),
        digits: 6,
        account: "dev".into(),
        qr_code: Vec::new(),
        id: "abc".into(),
    };
    let challenge = MfaRegisterChallenge {
        request: Some(mfa_register_challenge::Request::Totp(totp.clone())),
    };
    let expected = Pb::new().msg(
        2,
        Pb::new()
            .str(1, "JBSWY3DPEHPK3PXP")
            .str(2, "example.test")
            .varint(3, 30)
            .str(4, "SHA1")
            .varint(5, 6)
            .str(6, "dev")
            .str(8, "abc"),
    );
    pin(&challenge, &expected);
    assert_eq!(
        otpauth_url(&totp),
        "otpauth://totp/example.test:dev?algorithm=SHA1&digits=6&issuer=example.test&period=30&secret=JBSWY3DPEHPK3PXP"
    );

    // A WebAuthn creation challenge: CredentialCreation {public_key = 1 {challenge = 1, rp = 2
    // {id = 1, name = 2}, user = 3 {id = 1, name = 2, display_name = 3}, credential_parameters =
    // 4 {type = 1, alg = 2}, timeout_ms = 5, exclude_credentials = 6, attestation = 7,
    // authenticator_selection = 9 {require_resident_key = 2, user_verification = 3}}}.
    let ccr: webauthn_rs_proto::CreationChallengeResponse = serde_json::from_value(serde_json::json!({
        "publicKey": {
            "rp": {"name": "example.test", "id": "localhost"},
            "user": {"id": "AQI", "name": "dev", "displayName": "dev"},
            "challenge": "BwgJ",
            "pubKeyCredParams": [{"type": "public-key", "alg": -7}],
            "timeout": 60000,
            "excludeCredentials": [{"type": "public-key", "id": "CQk"}],
            "attestation": "none",
            "authenticatorSelection": {"requireResidentKey": false, "userVerification": "discouraged"}
        }
    }))
    .unwrap();
    let proto = creation_to_proto(&ccr);
    let expected = Pb::new().msg(
        1,
        Pb::new()
            .bytes(1, &[7, 8, 9])
            .msg(2, Pb::new().str(1, "localhost").str(2, "example.test"))
            .msg(3, Pb::new().bytes(1, &[1, 2]).str(2, "dev").str(3, "dev"))
            // alg -7 as a varint is ten bytes of two's complement.
            .msg(4, Pb::new().str(1, "public-key").varint(2, (-7i64) as u64))
            .varint(5, 60000)
            .msg(6, Pb::new().str(1, "public-key").bytes(2, &[9, 9]))
            .str(7, "none")
            .msg(9, Pb::new().str(3, "discouraged")),
    );
    pin(&proto, &expected);
    let back = creation_from_proto(proto).unwrap();
    assert_eq!(back.public_key.challenge, [7, 8, 9]);
    assert_eq!(back.public_key.pub_key_cred_params[0].alg, -7);
    assert_eq!(back.public_key.exclude_credentials.unwrap()[0].id, [9, 9]);

    // AddMFADeviceSyncRequest: NewDeviceName = 2, NewMFAResponse = 3 {Webauthn = 3
    // {type = 1, raw_id = 2, response = 3 {client_data_json = 1, attestation_object = 2}}},
    // DeviceUsage = 4.
    let mut add = AddMfaDeviceSyncRequest {
        new_device_name: "key1".into(),
        new_mfa_response: Some(MfaRegisterResponse {
            response: Some(mfa_register_response::Response::Webauthn(
                pbw::CredentialCreationResponse {
                    r#type: "public-key".into(),
                    raw_id: vec![5],
                    response: Some(pbw::AuthenticatorAttestationResponse {
                        client_data_json: b"{}".to_vec(),
                        attestation_object: vec![0xa0],
                    }),
                    extensions: None,
                },
            )),
        }),
        ..AddMfaDeviceSyncRequest::default()
    };
    add.set_device_usage(DeviceUsage::Mfa);
    let expected = Pb::new().str(2, "key1").msg(
        3,
        Pb::new().msg(
            3,
            Pb::new()
                .str(1, "public-key")
                .bytes(2, &[5])
                .msg(3, Pb::new().bytes(1, b"{}").bytes(2, &[0xa0])),
        ),
    );
    let expected = expected.varint(4, 1);
    pin(&add, &expected);
    let Some(mfa_register_response::Response::Webauthn(cred)) = add.new_mfa_response.unwrap().response else {
        unreachable!()
    };
    let cred = credential_from_proto(cred).unwrap();
    assert_eq!(cred.id, "BQ", "the ID is the raw ID in base64url");
    assert_eq!(cred.response.attestation_object, [0xa0]);
}

#[test]
fn recordings_as_audit_events() {
    use std::time::{Duration, UNIX_EPOCH};
    use tele_common::api::nodes::Recording;
    use tele_common::asciicast::{Event, Header};
    use tele_common::grpc::recordings::*;
    use tele_common::grpc::wire::proto::{GetSessionEventsRequest, StreamSessionEventsRequest};
    let recording = Recording {
        id: "s-1".into(),
        kind: "ssh".into(),
        user: "alice".into(),
        login: "root".into(),
        hostname: "dev1".into(),
        command: "echo hi".into(),
        started: "2026-01-01T00:00:00Z".into(),
        ended: "2026-01-01T00:00:02Z".into(),
    };
    let started = UNIX_EPOCH + Duration::from_secs(1_767_225_600);
    let info = SessionInfo {
        recording: &recording,
        cluster: "c1",
        started,
        ended: started + Duration::from_secs(2),
    };
    let ts = |secs: u64| Pb::new().varint(1, secs);
    // events.OneOf: SessionEnd = 10 {Metadata = 1 {Index = 1, Type = 2, Code = 4, Time = 5,
    // ClusterName = 6}, User = 2 {User = 1, Login = 2}, Session = 3 {SessionID = 1}, Connection
    // = 4 {Protocol = 3}, Server = 5 {ServerNamespace = 1, ServerHostname = 3}, Participants = 8,
    // StartTime = 9, EndTime = 10, InitialCommand = 13, SessionRecording = 14}.
    let end = Pb::new()
        .msg(
            1,
            Pb::new()
                .varint(1, 3)
                .str(2, "session.end")
                .str(4, "T2004I")
                .msg(5, ts(1_767_225_602))
                .str(6, "c1"),
        )
        .msg(2, Pb::new().str(1, "alice").str(2, "root"))
        .msg(3, Pb::new().str(1, "s-1"))
        .msg(4, Pb::new().str(3, "ssh"))
        .msg(5, Pb::new().str(1, "default").str(3, "dev1"))
        .str(8, "alice")
        .msg(9, ts(1_767_225_600))
        .msg(10, ts(1_767_225_602))
        .str(13, "echo hi")
        .str(14, "proxy");
    let event = session_end(&info, 3);
    pin(&event, &Pb::new().msg(10, end));
    let listed = recording_from_event(event).unwrap();
    assert_eq!((listed.id.as_str(), listed.hostname.as_str()), ("s-1", "dev1"));
    assert_eq!(
        (listed.started.as_str(), listed.command.as_str()),
        ("2026-01-01T00:00:00Z", "echo hi")
    );

    // A recording streams as session.start (TerminalSize = 6 "W:H"), a print per chunk
    // (OneOf 7: ChunkIndex = 2, Data = 3, Bytes = 4, DelayMilliseconds = 5, Offset = 6), and
    // session.end; tsh rebuilds the asciicast from them.
    let header = Header {
        version: 2,
        width: 120,
        height: 40,
        timestamp: 1_767_225_600,
        command: Some("echo hi".into()),
        title: Some("root@dev1".into()),
    };
    let output = vec![
        Event {
            time: 0.25,
            data: "hi".into(),
        },
        Event {
            time: 1.5,
            data: "\r\n".into(),
        },
    ];
    let events = recording_events(&info, &header, &output);
    assert_eq!(events.len(), 4);
    let second_print = Pb::new()
        .msg(
            1,
            Pb::new()
                .varint(1, 2)
                .str(2, "print")
                .msg(5, Pb::new().varint(1, 1_767_225_601).varint(2, 500_000_000))
                .str(6, "c1"),
        )
        .varint(2, 1)
        .bytes(3, b"\r\n")
        .varint(4, 2)
        .varint(5, 1500)
        .varint(6, 2);
    pin(&events[2], &Pb::new().msg(7, second_print));
    let (back, played) = asciicast_from_events(events).unwrap();
    assert_eq!(back, header);
    assert_eq!(played, output);
    assert!(asciicast_from_events(Vec::new()).is_err(), "no session.start");

    // GetSessionEventsRequest: StartDate = 1, EndDate = 2, Limit = 3, StartKey = 4 (Order = 5
    // DESCENDING is 0, not written); StreamSessionEventsRequest: SessionID = 1, StartIndex = 2.
    let req = GetSessionEventsRequest {
        start_date: Some(prost_types::Timestamp { seconds: 1, nanos: 0 }),
        end_date: Some(prost_types::Timestamp { seconds: 2, nanos: 0 }),
        limit: 50,
        start_key: "50".into(),
        ..GetSessionEventsRequest::default()
    };
    pin(&req, &Pb::new().msg(1, ts(1)).msg(2, ts(2)).varint(3, 50).str(4, "50"));
    let req = StreamSessionEventsRequest {
        session_id: "s-1".into(),
        start_index: 3,
    };
    pin(&req, &Pb::new().str(1, "s-1").varint(2, 3));
}
