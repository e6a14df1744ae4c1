//! Identity files (`tctl -i`, `tsh -i`): `Identity::parse`, then what `admin::read_identity`
//! and the clients do with one: the validity check, the certificate's fields, the CAs, a TLS
//! client config with its key.
#![no_main]

use std::time::SystemTime;

use libfuzzer_sys::fuzz_target;
use tele_common::identity::Identity;

fuzz_target!(|data: &[u8]| {
    let text = tele_fuzz::text(data);
    let Ok(id) = Identity::parse(&text) else {
        return;
    };
    let _ = id.check_valid(SystemTime::now(), "identity");
    let _ = id.tls_info();
    let _ = id.ca_certs();
    let _ = id.client_config(false);
    let _ = ssh_key::Certificate::from_openssh(id.ssh_cert.trim());
    // What tctl auth sign writes back must read the same.
    let rendered = id.render();
    match Identity::parse(&rendered) {
        Ok(back) => assert_eq!(back, id),
        Err(e) => panic!("the rendered identity does not read back: {e}\n{rendered}"),
    }
});
