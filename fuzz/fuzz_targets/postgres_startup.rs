//! The database proxy's PostgreSQL startup (`db_proxy::read_startup`): length-prefixed
//! packets, `SSLRequest`/`GSSENCRequest` answered `N`, `CancelRequest`, then protocol 3.0's
//! startup parameters. The input is what psql sends inside the routed TLS connection.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tele_refserver::db_proxy::read_startup;

fuzz_target!(|data: &[u8]| {
    let mut client = tokio::io::join(data, Vec::<u8>::new());
    if let Ok(Some(params)) = tele_fuzz::block_on(read_startup(&mut client)) {
        for (key, value) in &params {
            assert!(!key.is_empty(), "an empty parameter name ends the list: {value:?}");
        }
    }
    // Only `N` is ever answered, once per encryption request.
    let (_, answered) = client.into_inner();
    assert!(answered.iter().all(|&b| b == b'N'));
});
